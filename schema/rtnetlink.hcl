# rtnetlink.hcl — the kernel's rtnetlink messages, declared once.
#
# nlgen compiles this file into gen/rtnl. Names in quotes after a block
# keyword are the C names (enum values, attributes) or the Go type names
# (enums, structs, attribute sets, records, messages). See README.md for the
# language. Sources: include/uapi/linux/rtnetlink.h, linux/netlink.h,
# linux/lwtunnel.h, linux/icmpv6.h.

# ---------------------------------------------------------------- messages

enum "MsgType" {
  doc  = "MsgType is an rtnetlink message type (nlmsg_type)."
  type = u16

  value "RTM_NEWLINK"    { id = 16 }
  value "RTM_DELLINK"    { id = 17 }
  value "RTM_GETLINK"    { id = 18 }
  value "RTM_SETLINK"    { id = 19 }
  value "RTM_NEWADDR"    { id = 20 }
  value "RTM_DELADDR"    { id = 21 }
  value "RTM_GETADDR"    { id = 22 }
  value "RTM_NEWROUTE" { id = 24 }
  value "RTM_DELROUTE" { id = 25 }
  value "RTM_GETROUTE" { id = 26 }
  value "RTM_NEWNEIGH"   { id = 28 }
  value "RTM_DELNEIGH"   { id = 29 }
  value "RTM_GETNEIGH"   { id = 30 }
  value "RTM_NEWRULE"    { id = 32 }
  value "RTM_DELRULE"    { id = 33 }
  value "RTM_GETRULE"    { id = 34 }
  value "RTM_NEWNEXTHOP" { id = 104 }
  value "RTM_DELNEXTHOP" { id = 105 }
  value "RTM_GETNEXTHOP" { id = 106 }
  value "RTM_NEWNETCONF" { id = 80 }
  value "RTM_DELNETCONF" { id = 81 }
  value "RTM_GETNETCONF" { id = 82 }
  value "RTM_NEWNSID"    { id = 88 }
  value "RTM_DELNSID"    { id = 89 }
  value "RTM_GETNSID"    { id = 90 }
  value "RTM_NEWNEXTHOPBUCKET" { id = 116 }
  value "RTM_DELNEXTHOPBUCKET" { id = 117 }
  value "RTM_GETNEXTHOPBUCKET" { id = 118 }
}

enum "Group" {
  doc  = "Group is an rtnetlink multicast group (RTNLGRP_*), joined with NETLINK_ADD_MEMBERSHIP."
  type = u32

  value "RTNLGRP_NONE"          { id = 0 }
  value "RTNLGRP_LINK"          { id = 1 }
  value "RTNLGRP_NOTIFY"        { id = 2 }
  value "RTNLGRP_NEIGH"         { id = 3 }
  value "RTNLGRP_TC"            { id = 4 }
  value "RTNLGRP_IPV4_IFADDR"   { id = 5 }
  value "RTNLGRP_IPV4_MROUTE"   { id = 6 }
  value "RTNLGRP_IPV4_ROUTE"    { id = 7 }
  value "RTNLGRP_IPV4_RULE"     { id = 8 }
  value "RTNLGRP_IPV6_IFADDR"   { id = 9 }
  value "RTNLGRP_IPV6_MROUTE"   { id = 10 }
  value "RTNLGRP_IPV6_ROUTE"    { id = 11 }
  value "RTNLGRP_IPV6_IFINFO"   { id = 12 }
  value "RTNLGRP_DECnet_IFADDR" { id = 13 }
  value "RTNLGRP_NOP2"          { id = 14 }
  value "RTNLGRP_DECnet_ROUTE"  { id = 15 }
  value "RTNLGRP_DECnet_RULE"   { id = 16 }
  value "RTNLGRP_NOP4"          { id = 17 }
  value "RTNLGRP_IPV6_PREFIX"   { id = 18 }
  value "RTNLGRP_IPV6_RULE"     { id = 19 }
  value "RTNLGRP_ND_USEROPT"    { id = 20 }
  value "RTNLGRP_PHONET_IFADDR" { id = 21 }
  value "RTNLGRP_PHONET_ROUTE"  { id = 22 }
  value "RTNLGRP_DCB"           { id = 23 }
  value "RTNLGRP_IPV4_NETCONF"  { id = 24 }
  value "RTNLGRP_IPV6_NETCONF"  { id = 25 }
  value "RTNLGRP_MDB"           { id = 26 }
  value "RTNLGRP_MPLS_ROUTE"    { id = 27 }
  value "RTNLGRP_NSID"          { id = 28 }
  value "RTNLGRP_MPLS_NETCONF"  { id = 29 }
  value "RTNLGRP_IPV4_MROUTE_R" { id = 30 }
  value "RTNLGRP_IPV6_MROUTE_R" { id = 31 }
  value "RTNLGRP_NEXTHOP"       { id = 32 }
  value "RTNLGRP_BRVLAN"        { id = 33 }
  value "RTNLGRP_MCTP_IFADDR"   { id = 34 }
  value "RTNLGRP_TUNNEL"        { id = 35 }
  value "RTNLGRP_STATS"         { id = 36 }
  value "RTNLGRP_IPV4_MCADDR"   { id = 37 }
  value "RTNLGRP_IPV6_MCADDR"   { id = 38 }
  value "RTNLGRP_IPV6_ACADDR"   { id = 39 }
}

# ------------------------------------------------------------------ routes

enum "Family" {
  doc  = "Family is an address family (AF_*) as carried in rtnetlink headers."
  type = u8

  value "AF_UNSPEC"    { id = 0 }
  value "AF_INET" {
    id   = 2
    text = "inet"
  }
  value "AF_BRIDGE"    { id = 7 }
  value "AF_PACKET"    { id = 17 }
  value "AF_INET6" {
    id   = 10
    text = "inet6"
  }
  value "AF_MPLS"      { id = 28 }
  value "AF_PHONET"    { id = 35 }
  value "AF_MCTP"      { id = 45 }
  value "RTNL_FAMILY_IPMR" {
    id   = 128
    text = "ipmr"
  }
  value "RTNL_FAMILY_IP6MR" {
    id   = 129
    text = "ip6mr"
  }
}

enum "RouteType" {
  doc  = "RouteType is rtm_type (RTN_*)."
  type = u8

  value "RTN_UNSPEC"      { id = 0 }
  value "RTN_UNICAST"     { id = 1 }
  value "RTN_LOCAL"       { id = 2 }
  value "RTN_BROADCAST"   { id = 3 }
  value "RTN_ANYCAST"     { id = 4 }
  value "RTN_MULTICAST"   { id = 5 }
  value "RTN_BLACKHOLE"   { id = 6 }
  value "RTN_UNREACHABLE" { id = 7 }
  value "RTN_PROHIBIT"    { id = 8 }
  value "RTN_THROW"       { id = 9 }
  value "RTN_NAT"         { id = 10 }
  value "RTN_XRESOLVE"    { id = 11 }
}

enum "Protocol" {
  doc  = "Protocol is rtm_protocol (RTPROT_*): who installed a route."
  type = u8

  value "RTPROT_UNSPEC"     { id = 0 }
  value "RTPROT_REDIRECT"   { id = 1 }
  value "RTPROT_KERNEL"     { id = 2 }
  value "RTPROT_BOOT"       { id = 3 }
  value "RTPROT_STATIC"     { id = 4 }
  value "RTPROT_GATED"      { id = 8 }
  value "RTPROT_RA"         { id = 9 }
  value "RTPROT_MRT"        { id = 10 }
  value "RTPROT_ZEBRA"      { id = 11 }
  value "RTPROT_BIRD"       { id = 12 }
  value "RTPROT_DNROUTED"   { id = 13 }
  value "RTPROT_XORP"       { id = 14 }
  value "RTPROT_NTK"        { id = 15 }
  value "RTPROT_DHCP"       { id = 16 }
  value "RTPROT_MROUTED"    { id = 17 }
  value "RTPROT_KEEPALIVED" { id = 18 }
  value "RTPROT_BABEL"      { id = 42 }
  value "RTPROT_OVN"        { id = 84 }
  value "RTPROT_OPENR"      { id = 99 }
  value "RTPROT_BGP"        { id = 186 }
  value "RTPROT_ISIS"       { id = 187 }
  value "RTPROT_OSPF"       { id = 188 }
  value "RTPROT_RIP"        { id = 189 }
  value "RTPROT_EIGRP"      { id = 192 }
}

enum "Scope" {
  doc  = "Scope is rtm_scope (RT_SCOPE_*): the distance to the destination."
  type = u8

  value "RT_SCOPE_UNIVERSE" {
    id   = 0
    text = "global"
  }
  value "RT_SCOPE_SITE"    { id = 200 }
  value "RT_SCOPE_LINK"    { id = 253 }
  value "RT_SCOPE_HOST"    { id = 254 }
  value "RT_SCOPE_NOWHERE" { id = 255 }
}

enum "Table" {
  doc  = "Table is a routing table id (RT_TABLE_*); any u32 is valid, these are the named ones."
  type = u32

  value "RT_TABLE_UNSPEC"  { id = 0 }
  value "RT_TABLE_COMPAT"  { id = 252 }
  value "RT_TABLE_DEFAULT" { id = 253 }
  value "RT_TABLE_MAIN"    { id = 254 }
  value "RT_TABLE_LOCAL"   { id = 255 }
}

flags "RouteFlags" {
  doc  = "RouteFlags is rtm_flags (RTM_F_*). The kernel also mirrors a single next hop's RTNH_F_* bits into the low byte; String prints those in hex (see NexthopFlags for their names)."
  type = u32

  value "RTM_F_NOTIFY"         { id = "0x100" }
  value "RTM_F_CLONED"         { id = "0x200" }
  value "RTM_F_EQUALIZE"       { id = "0x400" }
  value "RTM_F_PREFIX"         { id = "0x800" }
  value "RTM_F_LOOKUP_TABLE"   { id = "0x1000" }
  value "RTM_F_FIB_MATCH"      { id = "0x2000" }
  value "RTM_F_OFFLOAD" {
    id   = "0x4000"
    text = "rt_offload"
  }
  value "RTM_F_TRAP" {
    id   = "0x8000"
    text = "rt_trap"
  }
  value "RTM_F_OFFLOAD_FAILED" {
    id   = "0x20000000"
    text = "rt_offload_failed"
  }
}

flags "NexthopFlags" {
  doc  = "NexthopFlags is rtnh_flags (RTNH_F_*)."
  type = u8

  # In the order ip prints them (print_rt_flags).
  value "RTNH_F_DEAD"       { id = 1 }
  value "RTNH_F_ONLINK"     { id = 4 }
  value "RTNH_F_PERVASIVE"  { id = 2 }
  value "RTNH_F_OFFLOAD"    { id = 8 }
  value "RTNH_F_TRAP"       { id = 64 }
  value "RTNH_F_LINKDOWN"   { id = 16 }
  value "RTNH_F_UNRESOLVED" { id = 32 }
}

enum "Pref" {
  doc  = "Pref is an IPv6 router preference (RTA_PREF, ICMPV6_ROUTER_PREF_*)."
  type = u8

  value "ICMPV6_ROUTER_PREF_MEDIUM"  { id = 0 }
  value "ICMPV6_ROUTER_PREF_HIGH"    { id = 1 }
  value "ICMPV6_ROUTER_PREF_INVALID" { id = 2 }
  value "ICMPV6_ROUTER_PREF_LOW"     { id = 3 }
}

enum "EncapType" {
  doc  = "EncapType is a lightweight tunnel encapsulation (RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_*)."
  type = u16

  value "LWTUNNEL_ENCAP_NONE"       { id = 0 }
  value "LWTUNNEL_ENCAP_MPLS"       { id = 1 }
  value "LWTUNNEL_ENCAP_IP"         { id = 2 }
  value "LWTUNNEL_ENCAP_ILA"        { id = 3 }
  value "LWTUNNEL_ENCAP_IP6"        { id = 4 }
  value "LWTUNNEL_ENCAP_SEG6"       { id = 5 }
  value "LWTUNNEL_ENCAP_BPF"        { id = 6 }
  value "LWTUNNEL_ENCAP_SEG6_LOCAL" {
    id   = 7
    text = "seg6local"
  }
  value "LWTUNNEL_ENCAP_RPL"        { id = 8 }
  value "LWTUNNEL_ENCAP_IOAM6"      { id = 9 }
  value "LWTUNNEL_ENCAP_XFRM"       { id = 10 }
}

# ------------------------------------------------- lightweight tunnels (encap)
# Sources: include/uapi/linux/lwtunnel.h, mpls_iptunnel.h, seg6_iptunnel.h,
# seg6_local.h. RTA_ENCAP (and NHA_ENCAP) hold one of these sets, chosen by
# RTA_ENCAP_TYPE, which the kernel sends after it.

struct "MplsLabel" {
  doc = "MplsLabel is struct mpls_label: one label stack entry, big-endian: label (20 bits), traffic class (3), bottom of stack (1), TTL (8)."

  field "Entry" { type = be32 }
}

attrs "MplsEncap" {
  doc    = "MplsEncap is an LWTUNNEL_ENCAP_MPLS payload (MPLS_IPTUNNEL_*)."
  prefix = "MPLS_IPTUNNEL_"

  attr "MPLS_IPTUNNEL_DST" {
    id     = 1
    type   = array
    struct = MplsLabel
    doc    = "The label stack pushed, outermost first."
  }
  attr "MPLS_IPTUNNEL_TTL" {
    id   = 2
    type = u8
    go   = "TTL"
  }
}

attrs "IPEncap" {
  doc    = "IPEncap is an LWTUNNEL_ENCAP_IP payload (LWTUNNEL_IP_*): IPv4 tunnel metadata for collect_md devices."
  prefix = "LWTUNNEL_IP_"

  attr "LWTUNNEL_IP_ID" {
    id   = 1
    type = be64
    go   = "ID"
  }
  attr "LWTUNNEL_IP_DST" {
    id   = 2
    type = addr
  }
  attr "LWTUNNEL_IP_SRC" {
    id   = 3
    type = addr
  }
  attr "LWTUNNEL_IP_TTL" {
    id   = 4
    type = u8
    go   = "TTL"
  }
  attr "LWTUNNEL_IP_TOS" {
    id   = 5
    type = u8
    go   = "TOS"
  }
  attr "LWTUNNEL_IP_FLAGS" {
    id   = 6
    type = be16
    doc  = "TUNNEL_* flags (TUNNEL_CSUM 0x1, TUNNEL_KEY 0x4, TUNNEL_SEQ 0x8)."
  }
  attr "LWTUNNEL_IP_PAD" {
    id   = 7
    type = binary
  }
  attr "LWTUNNEL_IP_OPTS" {
    id   = 8
    type = binary
    doc  = "The LWTUNNEL_IP_OPTS_* nest (geneve, vxlan, erspan options), kept raw."
  }
}

attrs "IP6Encap" {
  doc    = "IP6Encap is an LWTUNNEL_ENCAP_IP6 payload (LWTUNNEL_IP6_*): IPv6 tunnel metadata for collect_md devices."
  prefix = "LWTUNNEL_IP6_"

  attr "LWTUNNEL_IP6_ID" {
    id   = 1
    type = be64
    go   = "ID"
  }
  attr "LWTUNNEL_IP6_DST" {
    id   = 2
    type = addr
  }
  attr "LWTUNNEL_IP6_SRC" {
    id   = 3
    type = addr
  }
  attr "LWTUNNEL_IP6_HOPLIMIT" {
    id   = 4
    type = u8
  }
  attr "LWTUNNEL_IP6_TC" {
    id   = 5
    type = u8
    go   = "TC"
  }
  attr "LWTUNNEL_IP6_FLAGS" {
    id   = 6
    type = be16
    doc  = "TUNNEL_* flags, as LWTUNNEL_IP_FLAGS."
  }
  attr "LWTUNNEL_IP6_PAD" {
    id   = 7
    type = binary
  }
  attr "LWTUNNEL_IP6_OPTS" {
    id   = 8
    type = binary
    doc  = "The LWTUNNEL_IP_OPTS_* nest, kept raw."
  }
}

attrs "Seg6Encap" {
  doc    = "Seg6Encap is an LWTUNNEL_ENCAP_SEG6 payload (SEG6_IPTUNNEL_*)."
  prefix = "SEG6_IPTUNNEL_"

  attr "SEG6_IPTUNNEL_SRH" {
    id   = 1
    type = binary
    go   = "SRH"
    doc  = "struct seg6_iptunnel_encap: an int mode (SEG6_IPTUN_MODE_*: 0 inline, 1 encap, 2 l2encap, 3 encap.red, 4 l2encap.red) then struct ipv6_sr_hdr with its segments and TLVs (HMAC); nlwire.ParseSeg6Encap reads it."
  }
}

enum "Seg6LocalAction" {
  doc  = "Seg6LocalAction is SEG6_LOCAL_ACTION (SEG6_LOCAL_ACTION_*), printed as ip does."
  type = u32

  value "SEG6_LOCAL_ACTION_UNSPEC"      { id = 0 }
  value "SEG6_LOCAL_ACTION_END" {
    id   = 1
    text = "End"
  }
  value "SEG6_LOCAL_ACTION_END_X" {
    id   = 2
    text = "End.X"
  }
  value "SEG6_LOCAL_ACTION_END_T" {
    id   = 3
    text = "End.T"
  }
  value "SEG6_LOCAL_ACTION_END_DX2" {
    id   = 4
    text = "End.DX2"
  }
  value "SEG6_LOCAL_ACTION_END_DX6" {
    id   = 5
    text = "End.DX6"
  }
  value "SEG6_LOCAL_ACTION_END_DX4" {
    id   = 6
    text = "End.DX4"
  }
  value "SEG6_LOCAL_ACTION_END_DT6" {
    id   = 7
    text = "End.DT6"
  }
  value "SEG6_LOCAL_ACTION_END_DT4" {
    id   = 8
    text = "End.DT4"
  }
  value "SEG6_LOCAL_ACTION_END_B6" {
    id   = 9
    text = "End.B6"
  }
  value "SEG6_LOCAL_ACTION_END_B6_ENCAP" {
    id   = 10
    text = "End.B6.Encaps"
  }
  value "SEG6_LOCAL_ACTION_END_BM" {
    id   = 11
    text = "End.BM"
  }
  value "SEG6_LOCAL_ACTION_END_S" {
    id   = 12
    text = "End.S"
  }
  value "SEG6_LOCAL_ACTION_END_AS" {
    id   = 13
    text = "End.AS"
  }
  value "SEG6_LOCAL_ACTION_END_AM" {
    id   = 14
    text = "End.AM"
  }
  value "SEG6_LOCAL_ACTION_END_BPF" {
    id   = 15
    text = "End.BPF"
  }
  value "SEG6_LOCAL_ACTION_END_DT46" {
    id   = 16
    text = "End.DT46"
  }
}

attrs "Seg6LocalBPF" {
  doc    = "Seg6LocalBPF is the SEG6_LOCAL_BPF nest (SEG6_LOCAL_BPF_PROG_*)."
  prefix = "SEG6_LOCAL_BPF_PROG_"

  attr "SEG6_LOCAL_BPF_PROG" {
    id   = 1
    type = u32
    go   = "FD"
  }
  attr "SEG6_LOCAL_BPF_PROG_NAME" {
    id   = 2
    type = string
  }
}

attrs "Seg6LocalCounters" {
  doc    = "Seg6LocalCounters is the SEG6_LOCAL_COUNTERS nest (SEG6_LOCAL_CNT_*)."
  prefix = "SEG6_LOCAL_CNT_"

  attr "SEG6_LOCAL_CNT_PAD" {
    id   = 1
    type = binary
  }
  attr "SEG6_LOCAL_CNT_PACKETS" {
    id   = 2
    type = u64
  }
  attr "SEG6_LOCAL_CNT_BYTES" {
    id   = 3
    type = u64
  }
  attr "SEG6_LOCAL_CNT_ERRORS" {
    id   = 4
    type = u64
  }
}

attrs "Seg6LocalFlavors" {
  doc    = "Seg6LocalFlavors is the SEG6_LOCAL_FLAVORS nest (SEG6_LOCAL_FLV_*)."
  prefix = "SEG6_LOCAL_FLV_"

  attr "SEG6_LOCAL_FLV_OPERATION" {
    id   = 1
    type = u32
    doc  = "A bitmask of SEG6_LOCAL_FLV_OP_* (1 << PSP 1, USP 2, USD 3, NEXT_CSID 4)."
  }
  attr "SEG6_LOCAL_FLV_LCBLOCK_BITS" {
    id   = 2
    type = u8
    go   = "LCBlockBits"
  }
  attr "SEG6_LOCAL_FLV_LCNODE_FN_BITS" {
    id   = 3
    type = u8
    go   = "LCNodeFnBits"
  }
}

attrs "Seg6LocalEncap" {
  doc    = "Seg6LocalEncap is an LWTUNNEL_ENCAP_SEG6_LOCAL payload (SEG6_LOCAL_*): an SRv6 behaviour and its parameters."
  prefix = "SEG6_LOCAL_"

  attr "SEG6_LOCAL_ACTION" {
    id   = 1
    type = Seg6LocalAction
  }
  attr "SEG6_LOCAL_SRH" {
    id   = 2
    type = binary
    go   = "SRH"
    doc  = "struct ipv6_sr_hdr with its segments (End.B6, End.B6.Encaps); nlwire.ParseSRH reads it."
  }
  attr "SEG6_LOCAL_TABLE" {
    id   = 3
    type = u32
  }
  attr "SEG6_LOCAL_NH4" {
    id   = 4
    type = addr
    go   = "NH4"
  }
  attr "SEG6_LOCAL_NH6" {
    id   = 5
    type = addr
    go   = "NH6"
  }
  attr "SEG6_LOCAL_IIF" {
    id   = 6
    type = u32
    go   = "IIF"
  }
  attr "SEG6_LOCAL_OIF" {
    id   = 7
    type = u32
    go   = "OIF"
  }
  attr "SEG6_LOCAL_BPF" {
    id    = 8
    type  = nest
    attrs = Seg6LocalBPF
    go    = "BPF"
  }
  attr "SEG6_LOCAL_VRFTABLE" {
    id   = 9
    type = u32
    go   = "VRFTable"
  }
  attr "SEG6_LOCAL_COUNTERS" {
    id    = 10
    type  = nest
    attrs = Seg6LocalCounters
  }
  attr "SEG6_LOCAL_FLAVORS" {
    id    = 11
    type  = nest
    attrs = Seg6LocalFlavors
  }
}

attrs "BPFProg" {
  doc    = "BPFProg is one LWT_BPF_IN/OUT/XMIT nest (LWT_BPF_PROG_*)."
  prefix = "LWT_BPF_PROG_"

  attr "LWT_BPF_PROG_FD" {
    id   = 1
    type = u32
    go   = "FD"
  }
  attr "LWT_BPF_PROG_NAME" {
    id   = 2
    type = string
  }
}

attrs "BPFEncap" {
  doc    = "BPFEncap is an LWTUNNEL_ENCAP_BPF payload (LWT_BPF_*): the programs run on input, output and transmit."
  prefix = "LWT_BPF_"

  attr "LWT_BPF_IN" {
    id    = 1
    type  = nest
    attrs = BPFProg
  }
  attr "LWT_BPF_OUT" {
    id    = 2
    type  = nest
    attrs = BPFProg
  }
  attr "LWT_BPF_XMIT" {
    id    = 3
    type  = nest
    attrs = BPFProg
  }
  attr "LWT_BPF_XMIT_HEADROOM" {
    id   = 4
    type = u32
  }
}

attrs "ILAEncap" {
  doc    = "ILAEncap is an LWTUNNEL_ENCAP_ILA payload (ILA_ATTR_*)."
  prefix = "ILA_ATTR_"

  attr "ILA_ATTR_LOCATOR" {
    id   = 1
    type = u64
  }
  attr "ILA_ATTR_CSUM_MODE" {
    id   = 2
    type = u8
  }
  attr "ILA_ATTR_IDENT_TYPE" {
    id   = 3
    type = u8
  }
  attr "ILA_ATTR_HOOK_TYPE" {
    id   = 4
    type = u8
  }
  attr "ILA_ATTR_PAD" {
    id   = 5
    type = binary
  }
}

select "LwtEncap" {
  doc = "LwtEncap is a lightweight tunnel encapsulation: RTA_ENCAP (on a route and on each RTA_MULTIPATH leg) and NHA_ENCAP, selected by RTA_ENCAP_TYPE / NHA_ENCAP_TYPE. IOAM6, RPL and XFRM payloads are kept raw."
  key = EncapType

  variant "LWTUNNEL_ENCAP_MPLS" {
    attrs = MplsEncap
    go    = "MPLS"
  }
  variant "LWTUNNEL_ENCAP_IP" {
    attrs = IPEncap
    go    = "IP"
  }
  variant "LWTUNNEL_ENCAP_IP6" {
    attrs = IP6Encap
    go    = "IP6"
  }
  variant "LWTUNNEL_ENCAP_SEG6" {
    attrs = Seg6Encap
    go    = "Seg6"
  }
  variant "LWTUNNEL_ENCAP_SEG6_LOCAL" {
    attrs = Seg6LocalEncap
    go    = "Seg6Local"
  }
  variant "LWTUNNEL_ENCAP_BPF" {
    attrs = BPFEncap
    go    = "BPF"
  }
  variant "LWTUNNEL_ENCAP_ILA" {
    attrs = ILAEncap
    go    = "ILA"
  }
}

struct "RtMsg" {
  doc  = "RtMsg is struct rtmsg, the fixed header of route messages."
  unix = "SizeofRtMsg"

  field "Family"   { type = Family }
  field "DstLen"   { type = u8 }
  field "SrcLen"   { type = u8 }
  field "Tos" {
    type = u8
    text = "tos"
    json = "tos"
  }
  field "Table"    { type = u8 }
  field "Protocol" {
    type = Protocol
    text = "proto"
    json = "protocol"
  }
  field "Scope" {
    type = Scope
    text = "scope"
    json = "scope"
  }
  field "Type" {
    type = RouteType
    json = "type"
  }
  field "Flags" {
    type = RouteFlags
    json = "flags"
  }
}

struct "RtNexthop" {
  doc  = "RtNexthop is struct rtnexthop, the fixed part of one RTA_MULTIPATH entry."
  unix = "SizeofRtNexthop"

  field "Len" {
    type   = u16
    length = true
  }
  field "Flags" {
    type = NexthopFlags
    json = "flags"
  }
  field "Hops" {
    type = u8
    text = "weight"
    json = "weight"
  }
  field "Ifindex" {
    type = s32
    text = "dev"
    json = "dev"
  }
}

struct "RtaCacheInfo" {
  doc = "RtaCacheInfo is struct rta_cacheinfo (RTA_CACHEINFO); newer kernels may send more bytes, which are ignored."

  field "Clntref" { type = u32 }
  field "Lastuse" { type = u32 }
  field "Expires" {
    type = s32
    text = "expires"
    json = "expires"
  }
  field "Error" {
    type = u32
    text = "error"
    json = "error"
  }
  field "Used"    { type = u32 }
  field "ID"      { type = u32 }
  field "TS"      { type = u32 }
  field "TSAge"   { type = u32 }
}

struct "RtaMfcStats" {
  doc = "RtaMfcStats is struct rta_mfc_stats (RTA_MFC_STATS)."

  field "Packets" { type = u64 }
  field "Bytes"   { type = u64 }
  field "WrongIf" { type = u64 }
}

attrs "Metrics" {
  doc = "Metrics is the RTA_METRICS nest (RTAX_*). The kernel sends it without NLA_F_NESTED."

  attr "RTAX_LOCK" {
    text = "lock"
    json = "lock"
    id   = 1
    type = u32
  }
  attr "RTAX_MTU" {
    text = "mtu"
    json = "mtu"
    id   = 2
    type = u32
  }
  attr "RTAX_WINDOW" {
    text = "window"
    json = "window"
    id   = 3
    type = u32
  }
  attr "RTAX_RTT" {
    text = "rtt"
    json = "rtt"
    id   = 4
    type = u32
  }
  attr "RTAX_RTTVAR" {
    text = "rttvar"
    json = "rttvar"
    id   = 5
    type = u32
    go   = "RTTVar"
  }
  attr "RTAX_SSTHRESH" {
    text = "ssthresh"
    json = "ssthresh"
    id   = 6
    type = u32
    go   = "SSThresh"
  }
  attr "RTAX_CWND" {
    text = "cwnd"
    json = "cwnd"
    id   = 7
    type = u32
  }
  attr "RTAX_ADVMSS" {
    text = "advmss"
    json = "advmss"
    id   = 8
    type = u32
    go   = "AdvMSS"
  }
  attr "RTAX_REORDERING" {
    text = "reordering"
    json = "reordering"
    id   = 9
    type = u32
    go   = "Reordering"
  }
  attr "RTAX_HOPLIMIT" {
    text = "hoplimit"
    json = "hoplimit"
    id   = 10
    type = u32
    go   = "HopLimit"
  }
  attr "RTAX_INITCWND" {
    text = "initcwnd"
    json = "initcwnd"
    id   = 11
    type = u32
    go   = "InitCwnd"
  }
  attr "RTAX_FEATURES" {
    text = "features"
    json = "features"
    id   = 12
    type = u32
  }
  attr "RTAX_RTO_MIN" {
    text = "rto_min"
    json = "rto_min"
    id   = 13
    type = u32
  }
  attr "RTAX_INITRWND" {
    text = "initrwnd"
    json = "initrwnd"
    id   = 14
    type = u32
    go   = "InitRwnd"
  }
  attr "RTAX_QUICKACK" {
    text = "quickack"
    json = "quickack"
    id   = 15
    type = u32
    go   = "QuickAck"
  }
  attr "RTAX_CC_ALGO" {
    text = "congctl"
    json = "congestion"
    id   = 16
    type = string
  }
  attr "RTAX_FASTOPEN_NO_COOKIE" {
    text = "fastopen_no_cookie"
    json = "fastopen_no_cookie"
    id   = 17
    type = u32
    go   = "FastOpenNoCookie"
  }
}

attrs "NexthopAttrs" {
  doc    = "NexthopAttrs are the route attributes that may follow a struct rtnexthop inside RTA_MULTIPATH."
  prefix = "RTA_"

  attr "RTA_GATEWAY" {
    text = "via"
    json = "gateway"
    id   = 5
    type = addr
  }
  attr "RTA_FLOW" {
    text = "realm"
    json = "flow"
    id   = 11
    type = u32
  }
  attr "RTA_VIA" {
    text = "via"
    json = "via"
    id   = 18
    type = via
  }
  attr "RTA_NEWDST" {
    text   = "as to"
    json   = "to"
    id     = 19
    type   = array
    struct = MplsLabel
    go     = "NewDst"
    doc    = "The MPLS label stack swapped in (AF_MPLS routes)."
  }
  attr "RTA_ENCAP_TYPE" {
    id   = 21
    type = EncapType
  }
  attr "RTA_ENCAP" {
    id          = 22
    type        = select
    select      = LwtEncap
    select_by   = RTA_ENCAP_TYPE
    nested_flag = true
  }
}

record "Nexthop" {
  doc    = "Nexthop is one RTA_MULTIPATH entry: struct rtnexthop and its attributes. The weight is Hops+1."
  header = RtNexthop
  attrs  = NexthopAttrs
}

attrs "RouteAttrs" {
  doc    = "RouteAttrs are the route attributes (RTA_*)."
  prefix = "RTA_"

  attr "RTA_DST" {
    json = "dst"
    id   = 1
    type = addr
    by_family "AF_MPLS" {
      type   = array
      struct = MplsLabel
      go     = "DstLabels"
    }
  }
  attr "RTA_SRC" {
    text = "from"
    json = "from"
    id   = 2
    type = addr
  }
  attr "RTA_IIF" {
    text = "iif"
    json = "iif"
    id   = 3
    type = u32
  }
  attr "RTA_OIF" {
    text = "dev"
    json = "dev"
    id   = 4
    type = u32
  }
  attr "RTA_GATEWAY" {
    text = "via"
    json = "gateway"
    id   = 5
    type = addr
  }
  attr "RTA_PRIORITY" {
    text = "metric"
    json = "metric"
    id   = 6
    type = u32
  }
  attr "RTA_PREFSRC" {
    text = "src"
    json = "prefsrc"
    id   = 7
    type = addr
    go   = "PrefSrc"
  }
  attr "RTA_METRICS" {
    json = "metrics"
    id    = 8
    type  = nest
    attrs = Metrics
  }
  attr "RTA_MULTIPATH" {
    text = "nexthop"
    json = "nexthops"
    id     = 9
    type   = records
    record = Nexthop
  }
  attr "RTA_PROTOINFO" {
    id   = 10
    type = binary
    go   = "ProtoInfo"
  }
  attr "RTA_FLOW" {
    text = "realm"
    json = "flow"
    id   = 11
    type = u32
  }
  attr "RTA_CACHEINFO" {
    id     = 12
    type   = struct
    struct = RtaCacheInfo
    go     = "CacheInfo"
  }
  attr "RTA_SESSION" {
    id   = 13
    type = binary
  }
  attr "RTA_MP_ALGO" {
    id   = 14
    type = u32
    go   = "MpAlgo"
  }
  attr "RTA_TABLE" {
    text = "table"
    json = "table"
    id   = 15
    type = Table
  }
  attr "RTA_MARK" {
    text = "mark"
    json = "mark"
    id   = 16
    type = u32
  }
  attr "RTA_MFC_STATS" {
    id     = 17
    type   = struct
    struct = RtaMfcStats
    go     = "MfcStats"
  }
  attr "RTA_VIA" {
    text = "via"
    json = "via"
    id   = 18
    type = via
  }
  attr "RTA_NEWDST" {
    text   = "as to"
    json   = "to"
    id     = 19
    type   = array
    struct = MplsLabel
    go     = "NewDst"
    doc    = "The MPLS label stack swapped in (AF_MPLS routes)."
  }
  attr "RTA_PREF" {
    text = "pref"
    json = "pref"
    id   = 20
    type = Pref
  }
  attr "RTA_ENCAP_TYPE" {
    id   = 21
    type = EncapType
  }
  attr "RTA_ENCAP" {
    id          = 22
    type        = select
    select      = LwtEncap
    select_by   = RTA_ENCAP_TYPE
    nested_flag = true
  }
  attr "RTA_EXPIRES" {
    id   = 23
    type = uint
    doc  = "A u32 for IPv6 unicast routes (seconds), a u64 in IPMR/IP6MR dumps (clock ticks since last use)."
  }
  attr "RTA_PAD" {
    id   = 24
    type = binary
  }
  attr "RTA_UID" {
    text = "uid"
    json = "uid"
    id   = 25
    type = u32
  }
  attr "RTA_TTL_PROPAGATE" {
    text = "ttl-propogate"
    json = "ttl-propogate"
    id   = 26
    type = u8
    go   = "TTLPropagate"
  }
  attr "RTA_IP_PROTO" {
    id   = 27
    type = u8
  }
  attr "RTA_SPORT" {
    id   = 28
    type = be16
    go   = "SPort"
  }
  attr "RTA_DPORT" {
    id   = 29
    type = be16
    go   = "DPort"
  }
  attr "RTA_NH_ID" {
    text = "nhid"
    json = "nhid"
    id   = 30
    type = u32
  }
  attr "RTA_FLOWLABEL" {
    id   = 31
    type = be32
    go   = "FlowLabel"
  }
}

message "Route" {
  doc    = "Route is a route message (RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE): struct rtmsg and route attributes."
  header = RtMsg
  attrs  = RouteAttrs
  family = Family
  new    = RTM_NEWROUTE
  del    = RTM_DELROUTE
  get    = RTM_GETROUTE
  object  = "route"
  words   = ["r", "ro"]
  monitor = "route"
  # What an ordinary unicast route carries (IPv4: table, dst, priority,
  # prefsrc, gateway or oif; IPv6 adds pref and cacheinfo): RouteCompact
  # keeps these as plain fields, anything else behind one pointer.
  compact = [RTA_TABLE, RTA_DST, RTA_PRIORITY, RTA_PREFSRC, RTA_GATEWAY, RTA_OIF, RTA_PREF, RTA_CACHEINFO]
  group "RTNLGRP_IPV4_ROUTE" {
    family  = AF_INET
    default = true
  }
  group "RTNLGRP_IPV6_ROUTE" {
    family  = AF_INET6
    default = true
  }
  group "RTNLGRP_MPLS_ROUTE" { family = AF_MPLS }
}

# ------------------------------------------------------------------- links

flags "LinkFlags" {
  doc  = "LinkFlags is ifi_flags (IFF_*), printed upper-case as ip(8) does."
  type = u32
  upper = true

  # In the order ip prints them between < and > (ip leaves RUNNING out).
  value "IFF_LOOPBACK"    { id = "0x8" }
  value "IFF_BROADCAST"   { id = "0x2" }
  value "IFF_POINTOPOINT" { id = "0x10" }
  value "IFF_MULTICAST"   { id = "0x1000" }
  value "IFF_NOARP"       { id = "0x80" }
  value "IFF_ALLMULTI"    { id = "0x200" }
  value "IFF_PROMISC"     { id = "0x100" }
  value "IFF_MASTER"      { id = "0x400" }
  value "IFF_SLAVE"       { id = "0x800" }
  value "IFF_DEBUG"       { id = "0x4" }
  value "IFF_DYNAMIC"     { id = "0x8000" }
  value "IFF_AUTOMEDIA"   { id = "0x4000" }
  value "IFF_PORTSEL"     { id = "0x2000" }
  value "IFF_NOTRAILERS"  { id = "0x20" }
  value "IFF_UP"          { id = "0x1" }
  value "IFF_LOWER_UP"    { id = "0x10000" }
  value "IFF_DORMANT"     { id = "0x20000" }
  value "IFF_ECHO"        { id = "0x40000" }
  value "IFF_RUNNING"     { id = "0x40" }
}

enum "OperState" {
  doc  = "OperState is IFLA_OPERSTATE (IF_OPER_*, RFC 2863), printed upper-case as ip(8) does."
  type = u8
  upper = true

  value "IF_OPER_UNKNOWN"        { id = 0 }
  value "IF_OPER_NOTPRESENT"     { id = 1 }
  value "IF_OPER_DOWN"           { id = 2 }
  value "IF_OPER_LOWERLAYERDOWN" { id = 3 }
  value "IF_OPER_TESTING"        { id = 4 }
  value "IF_OPER_DORMANT"        { id = 5 }
  value "IF_OPER_UP"             { id = 6 }
}

enum "LinkMode" {
  doc  = "LinkMode is IFLA_LINKMODE (IF_LINK_MODE_*), printed upper-case as ip(8) does."
  type = u8
  upper = true

  value "IF_LINK_MODE_DEFAULT" { id = 0 }
  value "IF_LINK_MODE_DORMANT" { id = 1 }
  value "IF_LINK_MODE_TESTING" { id = 2 }
}

struct "IfInfoMsg" {
  doc  = "IfInfoMsg is struct ifinfomsg, the fixed header of link messages."
  unix = "SizeofIfInfomsg"

  field "Family" { type = Family }
  field "Pad"    { type = u8 }
  field "Type"   { type = u16 }
  field "Index"  { type = s32 }
  field "Flags"  { type = LinkFlags }
  field "Change" { type = u32 }
}

struct "LinkStats64" {
  doc      = "LinkStats64 is struct rtnl_link_stats64 (IFLA_STATS64); kernels before 5.19 send 192 bytes, without RxOtherhostDropped, and newer fields beyond these are ignored."
  min_size = 192

  field "RxPackets"         { type = u64 }
  field "TxPackets"         { type = u64 }
  field "RxBytes"           { type = u64 }
  field "TxBytes"           { type = u64 }
  field "RxErrors"          { type = u64 }
  field "TxErrors"          { type = u64 }
  field "RxDropped"         { type = u64 }
  field "TxDropped"         { type = u64 }
  field "Multicast"         { type = u64 }
  field "Collisions"        { type = u64 }
  field "RxLengthErrors"    { type = u64 }
  field "RxOverErrors"      { type = u64 }
  field "RxCRCErrors"       { type = u64 }
  field "RxFrameErrors"     { type = u64 }
  field "RxFIFOErrors"      { type = u64 }
  field "RxMissedErrors"    { type = u64 }
  field "TxAbortedErrors"   { type = u64 }
  field "TxCarrierErrors"   { type = u64 }
  field "TxFIFOErrors"      { type = u64 }
  field "TxHeartbeatErrors" { type = u64 }
  field "TxWindowErrors"    { type = u64 }
  field "RxCompressed"      { type = u64 }
  field "TxCompressed"      { type = u64 }
  field "RxNohandler"       { type = u64 }
  field "RxOtherhostDropped" { type = u64 }
}

# ------------------------------------------------------- link kinds (IFLA_INFO_DATA)
# Sources: include/uapi/linux/if_link.h, veth.h. IFLA_INFO_DATA holds one of
# these sets, chosen by IFLA_INFO_KIND (a string); IFLA_INFO_SLAVE_DATA by
# IFLA_INFO_SLAVE_KIND. The kernel pads its u64s with IFLA_BR_PAD and
# IFLA_BRPORT_PAD attributes, several per message: they are left unknown so
# that each is kept in place.

attrs "VethData" {
  doc    = "VethData is the veth IFLA_INFO_DATA (VETH_INFO_*). The kernel reads it when a pair is created and never sends it."
  prefix = "VETH_INFO_"

  attr "VETH_INFO_PEER" {
    id     = 1
    type   = records
    record = VethPeer
    go     = "Peer"
    doc    = "The peer: one struct ifinfomsg and its IFLA_* attributes, filling the attribute (at most one; only the first is sent)."
  }
}

record "VethPeer" {
  doc    = "VethPeer is the other end of a veth pair being created: struct ifinfomsg (its flags, index) and link attributes (its name, namespace, MTU, address...), as in a link message. The header has no length field: the record fills VETH_INFO_PEER."
  header = IfInfoMsg
  attrs  = LinkAttrs
}

enum "MacvlanMode" {
  doc  = "MacvlanMode is IFLA_MACVLAN_MODE (MACVLAN_MODE_*)."
  type = u32

  value "MACVLAN_MODE_PRIVATE" { id = 1 }
  value "MACVLAN_MODE_VEPA" { id = 2 }
  value "MACVLAN_MODE_BRIDGE" { id = 4 }
  value "MACVLAN_MODE_PASSTHRU" { id = 8 }
  value "MACVLAN_MODE_SOURCE" { id = 16 }
}

attrs "MacvlanData" {
  doc    = "MacvlanData is the macvlan and macvtap IFLA_INFO_DATA (IFLA_MACVLAN_*)."
  prefix = "IFLA_MACVLAN_"

  attr "IFLA_MACVLAN_MODE" {
    text = "mode"
    json = "mode"
    id   = 1
    type = MacvlanMode
  }

  attr "IFLA_MACVLAN_FLAGS" {
    id   = 2
    type = u16
    doc = "MACVLAN_FLAG_NOPROMISC (1), MACVLAN_FLAG_NODST (2)."
  }

  attr "IFLA_MACVLAN_MACADDR_MODE" {
    id   = 3
    type = u32
  }

  attr "IFLA_MACVLAN_MACADDR" {
    id   = 4
    type = binary
  }

  attr "IFLA_MACVLAN_MACADDR_DATA" {
    id   = 5
    type = binary
    doc = "A nest of IFLA_MACVLAN_MACADDR, kept raw."
  }

  attr "IFLA_MACVLAN_MACADDR_COUNT" {
    id   = 6
    type = u32
  }

  attr "IFLA_MACVLAN_BC_QUEUE_LEN" {
    text = "bcqueuelen"
    json = "bcqueuelen"
    id   = 7
    type = u32
    go = "BCQueueLen"
  }

  attr "IFLA_MACVLAN_BC_QUEUE_LEN_USED" {
    text = "usedbcqueuelen"
    json = "usedbcqueuelen"
    id   = 8
    type = u32
    go = "BCQueueLenUsed"
  }

  attr "IFLA_MACVLAN_BC_CUTOFF" {
    text = "bclim"
    json = "bclim"
    id   = 9
    type = s32
    go = "BCCutoff"
  }
}

attrs "VxlanData" {
  doc    = "VxlanData is the vxlan IFLA_INFO_DATA (IFLA_VXLAN_*)."
  prefix = "IFLA_VXLAN_"

  attr "IFLA_VXLAN_ID" {
    text = "id"
    json = "id"
    id   = 1
    type = u32
    go = "VNI"
  }

  attr "IFLA_VXLAN_GROUP" {
    id   = 2
    type = addr
  }

  attr "IFLA_VXLAN_LINK" {
    text = "dev"
    json = "link"
    id   = 3
    type = u32
  }

  attr "IFLA_VXLAN_LOCAL" {
    text = "local"
    json = "local"
    id   = 4
    type = addr
  }

  attr "IFLA_VXLAN_TTL" {
    id   = 5
    type = u8
    go = "TTL"
  }

  attr "IFLA_VXLAN_TOS" {
    id   = 6
    type = u8
    go = "TOS"
  }

  attr "IFLA_VXLAN_LEARNING" {
    id   = 7
    type = u8
  }

  attr "IFLA_VXLAN_AGEING" {
    text = "ageing"
    json = "ageing"
    id   = 8
    type = u32
  }

  attr "IFLA_VXLAN_LIMIT" {
    text = "maxaddr"
    json = "limit"
    id   = 9
    type = u32
  }

  attr "IFLA_VXLAN_PORT_RANGE" {
    id   = 10
    type = binary
    doc = "struct ifla_vxlan_port_range: be16 low, be16 high."
  }

  attr "IFLA_VXLAN_PROXY" {
    id   = 11
    type = u8
  }

  attr "IFLA_VXLAN_RSC" {
    id   = 12
    type = u8
    go = "RSC"
  }

  attr "IFLA_VXLAN_L2MISS" {
    id   = 13
    type = u8
    go = "L2Miss"
  }

  attr "IFLA_VXLAN_L3MISS" {
    id   = 14
    type = u8
    go = "L3Miss"
  }

  attr "IFLA_VXLAN_PORT" {
    text = "dstport"
    json = "port"
    id   = 15
    type = be16
  }

  attr "IFLA_VXLAN_GROUP6" {
    id   = 16
    type = addr
  }

  attr "IFLA_VXLAN_LOCAL6" {
    text = "local"
    json = "local6"
    id   = 17
    type = addr
  }

  attr "IFLA_VXLAN_UDP_CSUM" {
    id   = 18
    type = u8
    go = "UDPCsum"
  }

  attr "IFLA_VXLAN_UDP_ZERO_CSUM6_TX" {
    id   = 19
    type = u8
    go = "UDPZeroCsum6Tx"
  }

  attr "IFLA_VXLAN_UDP_ZERO_CSUM6_RX" {
    id   = 20
    type = u8
    go = "UDPZeroCsum6Rx"
  }

  attr "IFLA_VXLAN_REMCSUM_TX" {
    id   = 21
    type = u8
    go = "RemCsumTx"
  }

  attr "IFLA_VXLAN_REMCSUM_RX" {
    id   = 22
    type = u8
    go = "RemCsumRx"
  }

  attr "IFLA_VXLAN_GBP" {
    id   = 23
    type = flag
    go = "GBP"
  }

  attr "IFLA_VXLAN_REMCSUM_NOPARTIAL" {
    id   = 24
    type = flag
    go = "RemCsumNoPartial"
  }

  attr "IFLA_VXLAN_COLLECT_METADATA" {
    id   = 25
    type = u8
  }

  attr "IFLA_VXLAN_LABEL" {
    id   = 26
    type = be32
  }

  attr "IFLA_VXLAN_GPE" {
    id   = 27
    type = flag
    go = "GPE"
  }

  attr "IFLA_VXLAN_TTL_INHERIT" {
    id   = 28
    type = u8
    go = "TTLInherit"
  }

  attr "IFLA_VXLAN_DF" {
    id   = 29
    type = u8
    go = "DF"
  }

  attr "IFLA_VXLAN_VNIFILTER" {
    id   = 30
    type = u8
    go = "VNIFilter"
  }

  attr "IFLA_VXLAN_LOCALBYPASS" {
    id   = 31
    type = u8
    go = "LocalBypass"
  }

  attr "IFLA_VXLAN_LABEL_POLICY" {
    id   = 32
    type = u32
  }
}

attrs "BridgeData" {
  doc    = "BridgeData is the bridge IFLA_INFO_DATA (IFLA_BR_*); timers are in clock ticks (USER_HZ)."
  prefix = "IFLA_BR_"

  attr "IFLA_BR_FORWARD_DELAY" {
    id   = 1
    type = u32
  }

  attr "IFLA_BR_HELLO_TIME" {
    id   = 2
    type = u32
  }

  attr "IFLA_BR_MAX_AGE" {
    id   = 3
    type = u32
  }

  attr "IFLA_BR_AGEING_TIME" {
    id   = 4
    type = u32
  }

  attr "IFLA_BR_STP_STATE" {
    id   = 5
    type = u32
    go = "STPState"
  }

  attr "IFLA_BR_PRIORITY" {
    id   = 6
    type = u16
  }

  attr "IFLA_BR_VLAN_FILTERING" {
    id   = 7
    type = u8
    go = "VLANFiltering"
  }

  attr "IFLA_BR_VLAN_PROTOCOL" {
    id   = 8
    type = be16
    go = "VLANProtocol"
  }

  attr "IFLA_BR_GROUP_FWD_MASK" {
    id   = 9
    type = u16
  }

  attr "IFLA_BR_ROOT_ID" {
    id   = 10
    type = binary
    go = "RootID"
    doc = "struct ifla_bridge_id: 2 bytes of priority, 6 of address."
  }

  attr "IFLA_BR_BRIDGE_ID" {
    id   = 11
    type = binary
    go = "BridgeID"
    doc = "struct ifla_bridge_id."
  }

  attr "IFLA_BR_ROOT_PORT" {
    id   = 12
    type = u16
  }

  attr "IFLA_BR_ROOT_PATH_COST" {
    id   = 13
    type = u32
  }

  attr "IFLA_BR_TOPOLOGY_CHANGE" {
    id   = 14
    type = u8
  }

  attr "IFLA_BR_TOPOLOGY_CHANGE_DETECTED" {
    id   = 15
    type = u8
  }

  attr "IFLA_BR_HELLO_TIMER" {
    id   = 16
    type = u64
  }

  attr "IFLA_BR_TCN_TIMER" {
    id   = 17
    type = u64
    go = "TCNTimer"
  }

  attr "IFLA_BR_TOPOLOGY_CHANGE_TIMER" {
    id   = 18
    type = u64
  }

  attr "IFLA_BR_GC_TIMER" {
    id   = 19
    type = u64
    go = "GCTimer"
  }

  attr "IFLA_BR_GROUP_ADDR" {
    id   = 20
    type = binary
  }

  attr "IFLA_BR_FDB_FLUSH" {
    id   = 21
    type = flag
    go = "FDBFlush"
  }

  attr "IFLA_BR_MCAST_ROUTER" {
    id   = 22
    type = u8
  }

  attr "IFLA_BR_MCAST_SNOOPING" {
    id   = 23
    type = u8
  }

  attr "IFLA_BR_MCAST_QUERY_USE_IFADDR" {
    id   = 24
    type = u8
  }

  attr "IFLA_BR_MCAST_QUERIER" {
    id   = 25
    type = u8
  }

  attr "IFLA_BR_MCAST_HASH_ELASTICITY" {
    id   = 26
    type = u32
  }

  attr "IFLA_BR_MCAST_HASH_MAX" {
    id   = 27
    type = u32
  }

  attr "IFLA_BR_MCAST_LAST_MEMBER_CNT" {
    id   = 28
    type = u32
  }

  attr "IFLA_BR_MCAST_STARTUP_QUERY_CNT" {
    id   = 29
    type = u32
  }

  attr "IFLA_BR_MCAST_LAST_MEMBER_INTVL" {
    id   = 30
    type = u64
  }

  attr "IFLA_BR_MCAST_MEMBERSHIP_INTVL" {
    id   = 31
    type = u64
  }

  attr "IFLA_BR_MCAST_QUERIER_INTVL" {
    id   = 32
    type = u64
  }

  attr "IFLA_BR_MCAST_QUERY_INTVL" {
    id   = 33
    type = u64
  }

  attr "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL" {
    id   = 34
    type = u64
  }

  attr "IFLA_BR_MCAST_STARTUP_QUERY_INTVL" {
    id   = 35
    type = u64
  }

  attr "IFLA_BR_NF_CALL_IPTABLES" {
    id   = 36
    type = u8
    go = "NFCallIPTables"
  }

  attr "IFLA_BR_NF_CALL_IP6TABLES" {
    id   = 37
    type = u8
    go = "NFCallIP6Tables"
  }

  attr "IFLA_BR_NF_CALL_ARPTABLES" {
    id   = 38
    type = u8
    go = "NFCallARPTables"
  }

  attr "IFLA_BR_VLAN_DEFAULT_PVID" {
    id   = 39
    type = u16
    go = "VLANDefaultPVID"
  }

  attr "IFLA_BR_VLAN_STATS_ENABLED" {
    id   = 41
    type = u8
    go = "VLANStatsEnabled"
  }

  attr "IFLA_BR_MCAST_STATS_ENABLED" {
    id   = 42
    type = u8
  }

  attr "IFLA_BR_MCAST_IGMP_VERSION" {
    id   = 43
    type = u8
    go = "McastIGMPVersion"
  }

  attr "IFLA_BR_MCAST_MLD_VERSION" {
    id   = 44
    type = u8
    go = "McastMLDVersion"
  }

  attr "IFLA_BR_VLAN_STATS_PER_PORT" {
    id   = 45
    type = u8
    go = "VLANStatsPerPort"
  }

  attr "IFLA_BR_MULTI_BOOLOPT" {
    id   = 46
    type = binary
    doc = "struct br_boolopt_multi: u32 optval, u32 optmask."
  }

  attr "IFLA_BR_MCAST_QUERIER_STATE" {
    id   = 47
    type = binary
    doc = "The BRIDGE_QUERIER_* nest, kept raw."
  }

  attr "IFLA_BR_FDB_N_LEARNED" {
    id   = 48
    type = u32
    go = "FDBNLearned"
  }

  attr "IFLA_BR_FDB_MAX_LEARNED" {
    id   = 49
    type = u32
    go = "FDBMaxLearned"
  }
}

attrs "VlanData" {
  doc    = "VlanData is the vlan (802.1Q) IFLA_INFO_DATA (IFLA_VLAN_*)."
  prefix = "IFLA_VLAN_"

  attr "IFLA_VLAN_ID" {
    id   = 1
    type = u16
  }

  attr "IFLA_VLAN_FLAGS" {
    id   = 2
    type = binary
    doc = "struct ifla_vlan_flags: u32 flags, u32 mask (VLAN_FLAG_*)."
  }

  attr "IFLA_VLAN_EGRESS_QOS" {
    id   = 3
    type = binary
    go = "EgressQoS"
    doc = "A nest of IFLA_VLAN_QOS_MAPPING, kept raw."
  }

  attr "IFLA_VLAN_INGRESS_QOS" {
    id   = 4
    type = binary
    go = "IngressQoS"
    doc = "A nest of IFLA_VLAN_QOS_MAPPING, kept raw."
  }

  attr "IFLA_VLAN_PROTOCOL" {
    id   = 5
    type = be16
  }
}

attrs "VrfData" {
  doc    = "VrfData is the vrf IFLA_INFO_DATA (IFLA_VRF_*)."
  prefix = "IFLA_VRF_"

  attr "IFLA_VRF_TABLE" {
    id   = 1
    type = u32
  }
}

attrs "BondData" {
  doc    = "BondData is the bond IFLA_INFO_DATA (IFLA_BOND_*): the main settings."
  prefix = "IFLA_BOND_"

  attr "IFLA_BOND_MODE" {
    id   = 1
    type = u8
  }

  attr "IFLA_BOND_ACTIVE_SLAVE" {
    id   = 2
    type = u32
  }

  attr "IFLA_BOND_MIIMON" {
    id   = 3
    type = u32
    go = "MIIMon"
  }

  attr "IFLA_BOND_UPDELAY" {
    id   = 4
    type = u32
    go = "UpDelay"
  }

  attr "IFLA_BOND_DOWNDELAY" {
    id   = 5
    type = u32
    go = "DownDelay"
  }

  attr "IFLA_BOND_USE_CARRIER" {
    id   = 6
    type = u8
  }

  attr "IFLA_BOND_ARP_INTERVAL" {
    id   = 7
    type = u32
    go = "ARPInterval"
  }

  attr "IFLA_BOND_ARP_IP_TARGET" {
    id   = 8
    type = binary
    go = "ARPIPTarget"
    doc = "A nest of IPv4 addresses, kept raw."
  }

  attr "IFLA_BOND_ARP_VALIDATE" {
    id   = 9
    type = u32
    go = "ARPValidate"
  }

  attr "IFLA_BOND_ARP_ALL_TARGETS" {
    id   = 10
    type = u32
    go = "ARPAllTargets"
  }

  attr "IFLA_BOND_PRIMARY" {
    id   = 11
    type = u32
  }

  attr "IFLA_BOND_PRIMARY_RESELECT" {
    id   = 12
    type = u8
  }

  attr "IFLA_BOND_FAIL_OVER_MAC" {
    id   = 13
    type = u8
    go = "FailOverMAC"
  }

  attr "IFLA_BOND_XMIT_HASH_POLICY" {
    id   = 14
    type = u8
  }

  attr "IFLA_BOND_RESEND_IGMP" {
    id   = 15
    type = u32
    go = "ResendIGMP"
  }

  attr "IFLA_BOND_NUM_PEER_NOTIF" {
    id   = 16
    type = u8
  }

  attr "IFLA_BOND_ALL_SLAVES_ACTIVE" {
    id   = 17
    type = u8
  }

  attr "IFLA_BOND_MIN_LINKS" {
    id   = 18
    type = u32
  }

  attr "IFLA_BOND_LP_INTERVAL" {
    id   = 19
    type = u32
    go = "LPInterval"
  }

  attr "IFLA_BOND_PACKETS_PER_SLAVE" {
    id   = 20
    type = u32
  }

  attr "IFLA_BOND_AD_LACP_RATE" {
    id   = 21
    type = u8
    go = "ADLACPRate"
  }

  attr "IFLA_BOND_AD_SELECT" {
    id   = 22
    type = u8
    go = "ADSelect"
  }

  attr "IFLA_BOND_AD_INFO" {
    id   = 23
    type = binary
    go = "ADInfo"
    doc = "The IFLA_BOND_AD_INFO_* nest, kept raw."
  }

  attr "IFLA_BOND_AD_ACTOR_SYS_PRIO" {
    id   = 24
    type = u16
    go = "ADActorSysPrio"
  }

  attr "IFLA_BOND_AD_USER_PORT_KEY" {
    id   = 25
    type = u16
    go = "ADUserPortKey"
  }

  attr "IFLA_BOND_AD_ACTOR_SYSTEM" {
    id   = 26
    type = binary
    go = "ADActorSystem"
  }

  attr "IFLA_BOND_TLB_DYNAMIC_LB" {
    id   = 27
    type = u8
    go = "TLBDynamicLB"
  }

  attr "IFLA_BOND_PEER_NOTIF_DELAY" {
    id   = 28
    type = u32
  }

  attr "IFLA_BOND_AD_LACP_ACTIVE" {
    id   = 29
    type = u8
    go = "ADLACPActive"
  }

  attr "IFLA_BOND_MISSED_MAX" {
    id   = 30
    type = u8
  }

  attr "IFLA_BOND_NS_IP6_TARGET" {
    id   = 31
    type = binary
    go = "NSIP6Target"
    doc = "A nest of IPv6 addresses, kept raw."
  }

  attr "IFLA_BOND_COUPLED_CONTROL" {
    id   = 32
    type = u8
  }
}

attrs "GreData" {
  doc    = "GreData is the IFLA_INFO_DATA of gre, gretap, ip6gre and ip6gretap links (IFLA_GRE_*)."
  prefix = "IFLA_GRE_"

  attr "IFLA_GRE_LINK" {
    id   = 1
    type = u32
  }

  attr "IFLA_GRE_IFLAGS" {
    id   = 2
    type = be16
    go = "IFlags"
  }

  attr "IFLA_GRE_OFLAGS" {
    id   = 3
    type = be16
    go = "OFlags"
  }

  attr "IFLA_GRE_IKEY" {
    id   = 4
    type = be32
    go = "IKey"
  }

  attr "IFLA_GRE_OKEY" {
    id   = 5
    type = be32
    go = "OKey"
  }

  attr "IFLA_GRE_LOCAL" {
    id   = 6
    type = addr
  }

  attr "IFLA_GRE_REMOTE" {
    id   = 7
    type = addr
  }

  attr "IFLA_GRE_TTL" {
    id   = 8
    type = u8
    go = "TTL"
  }

  attr "IFLA_GRE_TOS" {
    id   = 9
    type = u8
    go = "TOS"
  }

  attr "IFLA_GRE_PMTUDISC" {
    id   = 10
    type = u8
    go = "PMTUDisc"
  }

  attr "IFLA_GRE_ENCAP_LIMIT" {
    id   = 11
    type = u8
  }

  attr "IFLA_GRE_FLOWINFO" {
    id   = 12
    type = be32
  }

  attr "IFLA_GRE_FLAGS" {
    id   = 13
    type = u32
  }

  attr "IFLA_GRE_ENCAP_TYPE" {
    id   = 14
    type = u16
  }

  attr "IFLA_GRE_ENCAP_FLAGS" {
    id   = 15
    type = u16
  }

  attr "IFLA_GRE_ENCAP_SPORT" {
    id   = 16
    type = be16
    go = "EncapSPort"
  }

  attr "IFLA_GRE_ENCAP_DPORT" {
    id   = 17
    type = be16
    go = "EncapDPort"
  }

  attr "IFLA_GRE_COLLECT_METADATA" {
    id   = 18
    type = flag
  }

  attr "IFLA_GRE_IGNORE_DF" {
    id   = 19
    type = u8
    go = "IgnoreDF"
  }

  attr "IFLA_GRE_FWMARK" {
    id   = 20
    type = u32
    go = "FwMark"
  }

  attr "IFLA_GRE_ERSPAN_INDEX" {
    id   = 21
    type = u32
    go = "ERSPANIndex"
  }

  attr "IFLA_GRE_ERSPAN_VER" {
    id   = 22
    type = u8
    go = "ERSPANVer"
  }

  attr "IFLA_GRE_ERSPAN_DIR" {
    id   = 23
    type = u8
    go = "ERSPANDir"
  }

  attr "IFLA_GRE_ERSPAN_HWID" {
    id   = 24
    type = u16
    go = "ERSPANHwID"
  }
}

attrs "IPTunData" {
  doc    = "IPTunData is the IFLA_INFO_DATA of ipip, sit and ip6tnl links (IFLA_IPTUN_*)."
  prefix = "IFLA_IPTUN_"

  attr "IFLA_IPTUN_LINK" {
    id   = 1
    type = u32
  }

  attr "IFLA_IPTUN_LOCAL" {
    id   = 2
    type = addr
  }

  attr "IFLA_IPTUN_REMOTE" {
    id   = 3
    type = addr
  }

  attr "IFLA_IPTUN_TTL" {
    id   = 4
    type = u8
    go = "TTL"
  }

  attr "IFLA_IPTUN_TOS" {
    id   = 5
    type = u8
    go = "TOS"
  }

  attr "IFLA_IPTUN_ENCAP_LIMIT" {
    id   = 6
    type = u8
  }

  attr "IFLA_IPTUN_FLOWINFO" {
    id   = 7
    type = be32
  }

  attr "IFLA_IPTUN_FLAGS" {
    id   = 8
    type = binary
    doc = "A u16 for sit, a u32 for ip6tnl: kept raw."
  }

  attr "IFLA_IPTUN_PROTO" {
    id   = 9
    type = u8
  }

  attr "IFLA_IPTUN_PMTUDISC" {
    id   = 10
    type = u8
    go = "PMTUDisc"
  }

  attr "IFLA_IPTUN_6RD_PREFIX" {
    id   = 11
    type = addr
    go = "SixRDPrefix"
  }

  attr "IFLA_IPTUN_6RD_RELAY_PREFIX" {
    id   = 12
    type = addr
    go = "SixRDRelayPrefix"
  }

  attr "IFLA_IPTUN_6RD_PREFIXLEN" {
    id   = 13
    type = u16
    go = "SixRDPrefixLen"
  }

  attr "IFLA_IPTUN_6RD_RELAY_PREFIXLEN" {
    id   = 14
    type = u16
    go = "SixRDRelayPrefixLen"
  }

  attr "IFLA_IPTUN_ENCAP_TYPE" {
    id   = 15
    type = u16
  }

  attr "IFLA_IPTUN_ENCAP_FLAGS" {
    id   = 16
    type = u16
  }

  attr "IFLA_IPTUN_ENCAP_SPORT" {
    id   = 17
    type = be16
    go = "EncapSPort"
  }

  attr "IFLA_IPTUN_ENCAP_DPORT" {
    id   = 18
    type = be16
    go = "EncapDPort"
  }

  attr "IFLA_IPTUN_COLLECT_METADATA" {
    id   = 19
    type = flag
  }

  attr "IFLA_IPTUN_FWMARK" {
    id   = 20
    type = u32
    go = "FwMark"
  }
}

attrs "BridgePortData" {
  doc    = "BridgePortData is the IFLA_INFO_SLAVE_DATA of a bridge port (IFLA_BRPORT_*)."
  prefix = "IFLA_BRPORT_"

  attr "IFLA_BRPORT_STATE" {
    id   = 1
    type = u8
  }

  attr "IFLA_BRPORT_PRIORITY" {
    id   = 2
    type = u16
  }

  attr "IFLA_BRPORT_COST" {
    id   = 3
    type = u32
  }

  attr "IFLA_BRPORT_MODE" {
    id   = 4
    type = u8
  }

  attr "IFLA_BRPORT_GUARD" {
    id   = 5
    type = u8
  }

  attr "IFLA_BRPORT_PROTECT" {
    id   = 6
    type = u8
  }

  attr "IFLA_BRPORT_FAST_LEAVE" {
    id   = 7
    type = u8
  }

  attr "IFLA_BRPORT_LEARNING" {
    id   = 8
    type = u8
  }

  attr "IFLA_BRPORT_UNICAST_FLOOD" {
    id   = 9
    type = u8
  }

  attr "IFLA_BRPORT_PROXYARP" {
    id   = 10
    type = u8
    go = "ProxyARP"
  }

  attr "IFLA_BRPORT_LEARNING_SYNC" {
    id   = 11
    type = u8
  }

  attr "IFLA_BRPORT_PROXYARP_WIFI" {
    id   = 12
    type = u8
    go = "ProxyARPWifi"
  }

  attr "IFLA_BRPORT_ROOT_ID" {
    id   = 13
    type = binary
    go = "RootID"
  }

  attr "IFLA_BRPORT_BRIDGE_ID" {
    id   = 14
    type = binary
    go = "BridgeID"
  }

  attr "IFLA_BRPORT_DESIGNATED_PORT" {
    id   = 15
    type = u16
  }

  attr "IFLA_BRPORT_DESIGNATED_COST" {
    id   = 16
    type = u16
  }

  attr "IFLA_BRPORT_ID" {
    id   = 17
    type = u16
    go = "ID"
  }

  attr "IFLA_BRPORT_NO" {
    id   = 18
    type = u16
    go = "No"
  }

  attr "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK" {
    id   = 19
    type = u8
  }

  attr "IFLA_BRPORT_CONFIG_PENDING" {
    id   = 20
    type = u8
  }

  attr "IFLA_BRPORT_MESSAGE_AGE_TIMER" {
    id   = 21
    type = u64
  }

  attr "IFLA_BRPORT_FORWARD_DELAY_TIMER" {
    id   = 22
    type = u64
  }

  attr "IFLA_BRPORT_HOLD_TIMER" {
    id   = 23
    type = u64
  }

  attr "IFLA_BRPORT_FLUSH" {
    id   = 24
    type = flag
  }

  attr "IFLA_BRPORT_MULTICAST_ROUTER" {
    id   = 25
    type = u8
  }

  attr "IFLA_BRPORT_MCAST_FLOOD" {
    id   = 27
    type = u8
  }

  attr "IFLA_BRPORT_MCAST_TO_UCAST" {
    id   = 28
    type = u8
  }

  attr "IFLA_BRPORT_VLAN_TUNNEL" {
    id   = 29
    type = u8
    go = "VLANTunnel"
  }

  attr "IFLA_BRPORT_BCAST_FLOOD" {
    id   = 30
    type = u8
  }

  attr "IFLA_BRPORT_GROUP_FWD_MASK" {
    id   = 31
    type = u16
  }

  attr "IFLA_BRPORT_NEIGH_SUPPRESS" {
    id   = 32
    type = u8
  }

  attr "IFLA_BRPORT_ISOLATED" {
    id   = 33
    type = u8
  }

  attr "IFLA_BRPORT_BACKUP_PORT" {
    id   = 34
    type = u32
  }

  attr "IFLA_BRPORT_MRP_RING_OPEN" {
    id   = 35
    type = u8
    go = "MRPRingOpen"
  }

  attr "IFLA_BRPORT_MRP_IN_OPEN" {
    id   = 36
    type = u8
    go = "MRPInOpen"
  }

  attr "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT" {
    id   = 37
    type = u32
    go = "McastEHTHostsLimit"
  }

  attr "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT" {
    id   = 38
    type = u32
    go = "McastEHTHostsCnt"
  }

  attr "IFLA_BRPORT_LOCKED" {
    id   = 39
    type = u8
  }

  attr "IFLA_BRPORT_MAB" {
    id   = 40
    type = u8
    go = "MAB"
  }

  attr "IFLA_BRPORT_MCAST_N_GROUPS" {
    id   = 41
    type = u32
    go = "McastNGroups"
  }

  attr "IFLA_BRPORT_MCAST_MAX_GROUPS" {
    id   = 42
    type = u32
  }

  attr "IFLA_BRPORT_NEIGH_VLAN_SUPPRESS" {
    id   = 43
    type = u8
    go = "NeighVLANSuppress"
  }

  attr "IFLA_BRPORT_BACKUP_NHID" {
    id   = 44
    type = u32
    go = "BackupNHID"
  }
}

attrs "BondSlaveData" {
  doc    = "BondSlaveData is the IFLA_INFO_SLAVE_DATA of a bond port (IFLA_BOND_SLAVE_*)."
  prefix = "IFLA_BOND_SLAVE_"

  attr "IFLA_BOND_SLAVE_STATE" {
    id   = 1
    type = u8
  }

  attr "IFLA_BOND_SLAVE_MII_STATUS" {
    id   = 2
    type = u8
    go = "MIIStatus"
  }

  attr "IFLA_BOND_SLAVE_LINK_FAILURE_COUNT" {
    id   = 3
    type = u32
  }

  attr "IFLA_BOND_SLAVE_PERM_HWADDR" {
    id   = 4
    type = binary
    go = "PermHwAddr"
  }

  attr "IFLA_BOND_SLAVE_QUEUE_ID" {
    id   = 5
    type = u16
    go = "QueueID"
  }

  attr "IFLA_BOND_SLAVE_AD_AGGREGATOR_ID" {
    id   = 6
    type = u16
    go = "ADAggregatorID"
  }

  attr "IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE" {
    id   = 7
    type = u8
    go = "ADActorOperPortState"
  }

  attr "IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE" {
    id   = 8
    type = u16
    go = "ADPartnerOperPortState"
  }

  attr "IFLA_BOND_SLAVE_PRIO" {
    id   = 9
    type = s32
  }
}

select "LinkInfoData" {
  doc = "LinkInfoData is IFLA_INFO_DATA, the link kind's settings, selected by IFLA_INFO_KIND. Kinds without a variant (dummy and ifb send none; wireguard is configured over generic netlink) are kept raw."
  key = string

  variant "veth" {
    attrs = VethData
    go    = "Veth"
  }

  variant "bridge" {
    attrs = BridgeData
    go    = "Bridge"
  }

  variant "macvlan" {
    attrs = MacvlanData
    go    = "Macvlan"
  }

  variant "macvtap" {
    attrs = MacvlanData
    go    = "Macvtap"
  }

  variant "vxlan" {
    attrs = VxlanData
    go    = "Vxlan"
  }

  variant "vlan" {
    attrs = VlanData
    go    = "Vlan"
  }

  variant "vrf" {
    attrs = VrfData
    go    = "Vrf"
  }

  variant "bond" {
    attrs = BondData
    go    = "Bond"
  }

  variant "gre" {
    attrs = GreData
    go    = "Gre"
  }

  variant "gretap" {
    attrs = GreData
    go    = "Gretap"
  }

  variant "ip6gre" {
    attrs = GreData
    go    = "IP6Gre"
  }

  variant "ip6gretap" {
    attrs = GreData
    go    = "IP6Gretap"
  }

  variant "ipip" {
    attrs = IPTunData
    go    = "IPIP"
  }

  variant "sit" {
    attrs = IPTunData
    go    = "Sit"
  }

  variant "ip6tnl" {
    attrs = IPTunData
    go    = "IP6Tnl"
  }
}

select "LinkInfoSlaveData" {
  doc = "LinkInfoSlaveData is IFLA_INFO_SLAVE_DATA, the port's settings in its master, selected by IFLA_INFO_SLAVE_KIND."
  key = string

  variant "bridge" {
    attrs = BridgePortData
    go    = "Bridge"
  }

  variant "bond" {
    attrs = BondSlaveData
    go    = "Bond"
  }
}

attrs "LinkInfo" {
  doc    = "LinkInfo is the IFLA_LINKINFO nest: the link kind and its settings, and the port kind and its settings in its master."
  prefix = "IFLA_INFO_"

  attr "IFLA_INFO_KIND" {
    json = "info_kind"
    id   = 1
    type = string
  }

  attr "IFLA_INFO_DATA" {
    json = "info_data"
    id          = 2
    type        = select
    select      = LinkInfoData
    select_by   = IFLA_INFO_KIND
    nested_flag = true
  }

  attr "IFLA_INFO_XSTATS" {
    id   = 3
    type = binary
    go = "XStats"
  }

  attr "IFLA_INFO_SLAVE_KIND" {
    json = "info_slave_kind"
    id   = 4
    type = string
  }

  attr "IFLA_INFO_SLAVE_DATA" {
    json = "info_slave_data"
    id          = 5
    type        = select
    select      = LinkInfoSlaveData
    select_by   = IFLA_INFO_SLAVE_KIND
    nested_flag = true
  }
}

attrs "PropList" {
  doc    = "PropList is the IFLA_PROP_LIST nest, holding the alternative names."
  prefix = "IFLA_"

  attr "IFLA_ALT_IFNAME" {
    id   = 53
    type = string
    repeated = true
    go = "AltNames"
  }
}

attrs "LinkAttrs" {
  doc    = "LinkAttrs are the link attributes (IFLA_*) users read; the others are kept raw in Unknown."
  prefix = "IFLA_"

  attr "IFLA_ADDRESS" {
    json = "address"
    id   = 1
    type = binary
  }

  attr "IFLA_BROADCAST" {
    text = "brd"
    json = "broadcast"
    id   = 2
    type = binary
  }

  attr "IFLA_IFNAME" {
    json = "ifname"
    id   = 3
    type = string
    go = "IfName"
  }

  attr "IFLA_MTU" {
    text = "mtu"
    json = "mtu"
    id   = 4
    type = u32
  }

  attr "IFLA_LINK" {
    json = "link"
    id   = 5
    type = u32
  }

  attr "IFLA_QDISC" {
    text = "qdisc"
    json = "qdisc"
    id   = 6
    type = string
    go = "Qdisc"
  }

  attr "IFLA_MASTER" {
    text = "master"
    json = "master"
    id   = 10
    type = u32
  }

  attr "IFLA_TXQLEN" {
    text = "qlen"
    json = "txqlen"
    id   = 13
    type = u32
    go = "TxQLen"
  }

  attr "IFLA_OPERSTATE" {
    text = "state"
    json = "operstate"
    id   = 16
    type = OperState
    go = "OperState"
  }

  attr "IFLA_LINKMODE" {
    text = "mode"
    json = "linkmode"
    id   = 17
    type = LinkMode
    go = "LinkMode"
  }

  attr "IFLA_LINKINFO" {
    json = "linkinfo"
    id   = 18
    type = nest
    attrs = LinkInfo
    go = "LinkInfo"
  }

  attr "IFLA_IFALIAS" {
    text = "alias"
    json = "ifalias"
    id   = 20
    type = string
    go = "IfAlias"
  }

  attr "IFLA_STATS64" {
    id   = 23
    type = struct
    struct = LinkStats64
  }

  attr "IFLA_GROUP" {
    text = "group"
    json = "group"
    id   = 27
    type = u32
  }

  attr "IFLA_PROMISCUITY" {
    text = "promiscuity"
    json = "promiscuity"
    id   = 30
    type = u32
  }

  attr "IFLA_NUM_TX_QUEUES" {
    text = "numtxqueues"
    json = "num_tx_queues"
    id   = 31
    type = u32
    go = "NumTxQueues"
  }

  attr "IFLA_NUM_RX_QUEUES" {
    text = "numrxqueues"
    json = "num_rx_queues"
    id   = 32
    type = u32
    go = "NumRxQueues"
  }

  attr "IFLA_CARRIER" {
    id   = 33
    type = u8
  }

  attr "IFLA_CARRIER_CHANGES" {
    id   = 35
    type = u32
  }

  attr "IFLA_LINK_NETNSID" {
    text = "link-netnsid"
    json = "link_netnsid"
    id   = 37
    type = s32
    go = "LinkNetNSID"
  }

  attr "IFLA_PROTO_DOWN" {
    text = "protodown"
    json = "proto_down"
    id   = 39
    type = u8
  }

  attr "IFLA_MIN_MTU" {
    text = "minmtu"
    json = "min_mtu"
    id   = 50
    type = u32
  }

  attr "IFLA_MAX_MTU" {
    text = "maxmtu"
    json = "max_mtu"
    id   = 51
    type = u32
  }

  attr "IFLA_PROP_LIST" {
    text = "altname"
    json = "altnames"
    id   = 52
    type = nest
    attrs = PropList
    nested_flag = true
  }

  attr "IFLA_ALT_IFNAME" {
    id   = 53
    type = string
    go = "AltIfName"
  }

  attr "IFLA_PERM_ADDRESS" {
    text = "permaddr"
    json = "permaddr"
    id   = 54
    type = binary
  }

  attr "IFLA_NET_NS_PID" {
    id   = 19
    type = u32
    go   = "NetNSPID"
    doc  = "Sent to move the link into the namespace of this process."
  }

  attr "IFLA_NUM_VF" {
    id   = 21
    type = u32
    go   = "NumVF"
  }

  attr "IFLA_AF_SPEC" {
    id   = 26
    type = binary
    go   = "AFSpec"
    doc  = "A nest of per-family nests (AF_INET, AF_INET6, AF_BRIDGE), kept raw."
  }

  attr "IFLA_NET_NS_FD" {
    id   = 28
    type = u32
    go   = "NetNSFD"
    doc  = "Sent to move the link into the namespace open at this file descriptor."
  }

  attr "IFLA_EXT_MASK" {
    id   = 29
    type = u32
    doc  = "Sent in a dump request: RTEXT_FILTER_* bits asking for more (VFs, bridge VLANs)."
  }

  attr "IFLA_PHYS_PORT_ID" {
    text = "portid"
    json = "phys_port_id"
    id   = 34
    type = binary
    go   = "PhysPortID"
  }

  attr "IFLA_PHYS_SWITCH_ID" {
    text = "switchid"
    json = "phys_switch_id"
    id   = 36
    type = binary
    go   = "PhysSwitchID"
  }

  attr "IFLA_PHYS_PORT_NAME" {
    text = "portname"
    json = "phys_port_name"
    id   = 38
    type = string
    go   = "PhysPortName"
  }

  attr "IFLA_GSO_MAX_SEGS" {
    text = "gso_max_segs"
    json = "gso_max_segs"
    id   = 40
    type = u32
    go   = "GSOMaxSegs"
  }

  attr "IFLA_GSO_MAX_SIZE" {
    text = "gso_max_size"
    json = "gso_max_size"
    id   = 41
    type = u32
    go   = "GSOMaxSize"
  }

  attr "IFLA_XDP" {
    id   = 43
    type = binary
    go   = "XDP"
    doc  = "The IFLA_XDP_* nest, kept raw."
  }

  attr "IFLA_EVENT" {
    id   = 44
    type = u32
    doc  = "IFLA_EVENT_*: why a notification was sent."
  }

  attr "IFLA_NEW_NETNSID" {
    id   = 45
    type = s32
    go   = "NewNetNSID"
  }

  attr "IFLA_TARGET_NETNSID" {
    id   = 46
    type = s32
    go   = "TargetNetNSID"
    doc  = "IFLA_IF_NETNSID in older headers: the namespace a request acts in."
  }

  attr "IFLA_CARRIER_UP_COUNT" {
    id   = 47
    type = u32
  }

  attr "IFLA_CARRIER_DOWN_COUNT" {
    id   = 48
    type = u32
  }

  attr "IFLA_NEW_IFINDEX" {
    id   = 49
    type = s32
    go   = "NewIfindex"
  }

  attr "IFLA_PROTO_DOWN_REASON" {
    id   = 55
    type = binary
    doc  = "The IFLA_PROTO_DOWN_REASON_* nest, kept raw."
  }

  attr "IFLA_PARENT_DEV_NAME" {
    text = "parentdev"
    json = "parentdev"
    id   = 56
    type = string
  }

  attr "IFLA_PARENT_DEV_BUS_NAME" {
    text = "parentbus"
    json = "parentbus"
    id   = 57
    type = string
  }

  attr "IFLA_GRO_MAX_SIZE" {
    text = "gro_max_size"
    json = "gro_max_size"
    id   = 58
    type = u32
    go   = "GROMaxSize"
  }

  attr "IFLA_TSO_MAX_SIZE" {
    text = "tso_max_size"
    json = "tso_max_size"
    id   = 59
    type = u32
    go   = "TSOMaxSize"
  }

  attr "IFLA_TSO_MAX_SEGS" {
    text = "tso_max_segs"
    json = "tso_max_segs"
    id   = 60
    type = u32
    go   = "TSOMaxSegs"
  }

  attr "IFLA_ALLMULTI" {
    text = "allmulti"
    json = "allmulti"
    id   = 61
    type = u32
    go   = "AllMulti"
  }

  attr "IFLA_GSO_IPV4_MAX_SIZE" {
    text = "gso_ipv4_max_size"
    json = "gso_ipv4_max_size"
    id   = 63
    type = u32
    go   = "GSOIPv4MaxSize"
  }

  attr "IFLA_GRO_IPV4_MAX_SIZE" {
    text = "gro_ipv4_max_size"
    json = "gro_ipv4_max_size"
    id   = 64
    type = u32
    go   = "GROIPv4MaxSize"
  }
}

message "Link" {
  doc    = "Link is a link message (RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK): struct ifinfomsg and link attributes."
  header = IfInfoMsg
  attrs  = LinkAttrs
  family = Family
  new    = RTM_NEWLINK
  del    = RTM_DELLINK
  get    = RTM_GETLINK
  object  = "link"
  words   = ["l"]
  monitor = "link"
  group "RTNLGRP_LINK" { default = true }
  group "RTNLGRP_IPV6_IFINFO" { family = AF_INET6 }
}


# --------------------------------------------------------------- addresses

flags "AddrFlags" {
  doc  = "AddrFlags is IFA_FLAGS (IFA_F_*); the header byte ifa_flags holds the low 8 bits. IFA_F_TEMPORARY is IFA_F_SECONDARY for IPv6."
  type = u32

  value "IFA_F_SECONDARY"      { id = "0x1" }
  value "IFA_F_NODAD"          { id = "0x2" }
  value "IFA_F_OPTIMISTIC"     { id = "0x4" }
  value "IFA_F_DADFAILED"      { id = "0x8" }
  value "IFA_F_HOMEADDRESS" {
    id   = "0x10"
    text = "home"
  }
  value "IFA_F_DEPRECATED"     { id = "0x20" }
  value "IFA_F_TENTATIVE"      { id = "0x40" }
  value "IFA_F_PERMANENT"      { id = "0x80" }
  value "IFA_F_MANAGETEMPADDR" {
    id   = "0x100"
    text = "mngtmpaddr"
  }
  value "IFA_F_NOPREFIXROUTE"  { id = "0x200" }
  value "IFA_F_MCAUTOJOIN" {
    id   = "0x400"
    text = "autojoin"
  }
  value "IFA_F_STABLE_PRIVACY" {
    id   = "0x800"
    text = "stable-privacy"
  }
}

enum "AddrProto" {
  doc  = "AddrProto is IFA_PROTO (IFAPROT_*): who configured an address."
  type = u8

  value "IFAPROT_UNSPEC"    { id = 0 }
  value "IFAPROT_KERNEL_LO" { id = 1 }
  value "IFAPROT_KERNEL_RA" { id = 2 }
  value "IFAPROT_KERNEL_LL" { id = 3 }
}

struct "IfAddrMsg" {
  doc  = "IfAddrMsg is struct ifaddrmsg, the fixed header of address messages."
  unix = "SizeofIfAddrmsg"

  field "Family" {
    type = Family
    json = "family"
  }
  field "PrefixLen" {
    type = u8
    json = "prefixlen"
  }
  field "Flags" {
    type = u8
    text = "flags"
    json = "ifa_flags"
  }
  field "Scope" {
    type = Scope
    text = "scope"
    json = "scope"
  }
  field "Index" {
    type = u32
    json = "index"
  }
}

struct "IfaCacheInfo" {
  doc  = "IfaCacheInfo is struct ifa_cacheinfo (IFA_CACHEINFO): lifetimes in seconds, stamps in hundredths of a second."
  unix = "SizeofIfaCacheinfo"

  field "Prefered" {
    type = u32
    text = "preferred_lft"
    json = "preferred_life_time"
  }
  field "Valid" {
    type = u32
    text = "valid_lft"
    json = "valid_life_time"
  }
  field "CStamp"   { type = u32 }
  field "TStamp"   { type = u32 }
}

attrs "AddrAttrs" {
  doc    = "AddrAttrs are the address attributes (IFA_*)."
  prefix = "IFA_"

  attr "IFA_ADDRESS" {
    text = "peer"
    json = "address"
    id   = 1
    type = addr
  }

  attr "IFA_LOCAL" {
    json = "local"
    id   = 2
    type = addr
  }

  attr "IFA_LABEL" {
    json = "label"
    id   = 3
    type = string
  }

  attr "IFA_BROADCAST" {
    text = "brd"
    json = "broadcast"
    id   = 4
    type = addr
  }

  attr "IFA_ANYCAST" {
    text = "any"
    json = "anycast"
    id   = 5
    type = addr
  }

  attr "IFA_CACHEINFO" {
    id   = 6
    type = struct
    struct = IfaCacheInfo
    go = "CacheInfo"
  }

  attr "IFA_MULTICAST" {
    id   = 7
    type = addr
  }

  attr "IFA_FLAGS" {
    id   = 8
    type = AddrFlags
  }

  attr "IFA_RT_PRIORITY" {
    text = "metric"
    json = "metric"
    id   = 9
    type = u32
    go = "RtPriority"
  }

  attr "IFA_TARGET_NETNSID" {
    id   = 10
    type = s32
    go = "TargetNetNSID"
  }

  attr "IFA_PROTO" {
    text = "proto"
    json = "protocol"
    id   = 11
    type = AddrProto
    go = "Proto"
  }
}

message "Addr" {
  doc    = "Addr is an address message (RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR): struct ifaddrmsg and address attributes."
  header = IfAddrMsg
  attrs  = AddrAttrs
  family = Family
  new    = RTM_NEWADDR
  del    = RTM_DELADDR
  get    = RTM_GETADDR
  object  = "addr"
  words   = ["address", "a"]
  monitor = "address"
  group "RTNLGRP_IPV4_IFADDR" {
    family  = AF_INET
    default = true
  }
  group "RTNLGRP_IPV6_IFADDR" {
    family  = AF_INET6
    default = true
  }
}


# -------------------------------------------------------------- neighbours

flags "NeighState" {
  doc  = "NeighState is ndm_state (NUD_*); 0 is NUD_NONE."
  type = u16
  upper = true

  value "NUD_INCOMPLETE" { id = "0x1" }
  value "NUD_REACHABLE"  { id = "0x2" }
  value "NUD_STALE"      { id = "0x4" }
  value "NUD_DELAY"      { id = "0x8" }
  value "NUD_PROBE"      { id = "0x10" }
  value "NUD_FAILED"     { id = "0x20" }
  value "NUD_NOARP"      { id = "0x40" }
  value "NUD_PERMANENT"  { id = "0x80" }
}

flags "NeighFlags" {
  doc  = "NeighFlags is ndm_flags (NTF_*)."
  type = u8

  value "NTF_USE"         { id = "0x1" }
  value "NTF_SELF"        { id = "0x2" }
  value "NTF_MASTER"      { id = "0x4" }
  value "NTF_PROXY"       { id = "0x8" }
  value "NTF_EXT_LEARNED" {
    id   = "0x10"
    text = "extern_learn"
  }
  value "NTF_OFFLOADED" {
    id   = "0x20"
    text = "offload"
  }
  value "NTF_STICKY"      { id = "0x40" }
  value "NTF_ROUTER"      { id = "0x80" }
}

flags "NeighFlagsExt" {
  doc  = "NeighFlagsExt is NDA_FLAGS_EXT (NTF_EXT_*), the neighbour flags beyond ndm_flags."
  type = u32

  value "NTF_EXT_MANAGED" { id = "0x1" }
  value "NTF_EXT_LOCKED"  { id = "0x2" }
}

struct "NdMsg" {
  doc  = "NdMsg is struct ndmsg, the fixed header of neighbour messages."
  unix = "SizeofNdMsg"

  field "Family"  { type = Family }
  field "Pad1"    { type = u8 }
  field "Pad2"    { type = u16 }
  field "Ifindex" {
    type = s32
    text = "dev"
    json = "dev"
  }
  field "State" {
    type = NeighState
    json = "state"
  }
  field "Flags"   { type = NeighFlags }
  field "Type"    { type = RouteType }
}

struct "NdaCacheInfo" {
  doc  = "NdaCacheInfo is struct nda_cacheinfo (NDA_CACHEINFO): ages in clock ticks."

  field "Confirmed" { type = u32 }
  field "Used"      { type = u32 }
  field "Updated"   { type = u32 }
  field "RefCnt"    { type = u32 }
}

attrs "NeighAttrs" {
  doc    = "NeighAttrs are the neighbour attributes (NDA_*)."
  prefix = "NDA_"

  attr "NDA_DST" {
    json = "dst"
    id   = 1
    type = addr
  }

  attr "NDA_LLADDR" {
    text = "lladdr"
    json = "lladdr"
    id   = 2
    type = binary
    go = "LLAddr"
  }

  attr "NDA_CACHEINFO" {
    id   = 3
    type = struct
    struct = NdaCacheInfo
    go = "CacheInfo"
  }

  attr "NDA_PROBES" {
    text = "probes"
    json = "probes"
    id   = 4
    type = u32
  }

  attr "NDA_VLAN" {
    id   = 5
    type = u16
    go = "VLAN"
  }

  attr "NDA_PORT" {
    id   = 6
    type = be16
  }

  attr "NDA_VNI" {
    id   = 7
    type = u32
    go = "VNI"
  }

  attr "NDA_IFINDEX" {
    id   = 8
    type = u32
    go = "Ifindex"
  }

  attr "NDA_MASTER" {
    id   = 9
    type = u32
  }

  attr "NDA_LINK_NETNSID" {
    id   = 10
    type = s32
    go = "LinkNetNSID"
  }

  attr "NDA_SRC_VNI" {
    id   = 11
    type = u32
    go = "SrcVNI"
  }

  attr "NDA_PROTOCOL" {
    text = "proto"
    json = "protocol"
    id   = 12
    type = Protocol
  }

  attr "NDA_NH_ID" {
    id   = 13
    type = u32
  }

  attr "NDA_FDB_EXT_ATTRS" {
    id   = 14
    type = binary
    go = "FDBExtAttrs"
    nested_flag = true
  }

  attr "NDA_FLAGS_EXT" {
    id   = 15
    type = NeighFlagsExt
    go = "FlagsExt"
  }

  attr "NDA_NDM_STATE_MASK" {
    id   = 16
    type = NeighState
    go   = "NDMStateMask"
    doc  = "Sent in a dump request: the kernel lists only neighbours whose state has one of these bits."
  }

  attr "NDA_NDM_FLAGS_MASK" {
    id   = 17
    type = NeighFlags
    go   = "NDMFlagsMask"
    doc  = "Sent in a dump request: the kernel lists only neighbours whose flags have one of these bits."
  }
}

message "Neigh" {
  doc    = "Neigh is a neighbour message (RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH): struct ndmsg and neighbour attributes."
  header = NdMsg
  attrs  = NeighAttrs
  family = Family
  new    = RTM_NEWNEIGH
  del    = RTM_DELNEIGH
  get    = RTM_GETNEIGH
  object  = "neigh"
  words   = ["neighbour", "neighbor", "n"]
  monitor = "neigh"
  group "RTNLGRP_NEIGH" { default = true }
}


# ------------------------------------------------------------------- rules

enum "RuleAction" {
  doc  = "RuleAction is the fib_rule_hdr action (FR_ACT_*)."
  type = u8

  value "FR_ACT_UNSPEC"      { id = 0 }
  value "FR_ACT_TO_TBL"      { id = 1 }
  value "FR_ACT_GOTO"        { id = 2 }
  value "FR_ACT_NOP"         { id = 3 }
  value "FR_ACT_RES3"        { id = 4 }
  value "FR_ACT_RES4"        { id = 5 }
  value "FR_ACT_BLACKHOLE"   { id = 6 }
  value "FR_ACT_UNREACHABLE" { id = 7 }
  value "FR_ACT_PROHIBIT"    { id = 8 }
}

flags "RuleFlags" {
  doc  = "RuleFlags is the fib_rule_hdr flags (FIB_RULE_*)."
  type = u32

  value "FIB_RULE_PERMANENT"    { id = "0x1" }
  value "FIB_RULE_INVERT"       { id = "0x2" }
  value "FIB_RULE_UNRESOLVED"   { id = "0x4" }
  value "FIB_RULE_IIF_DETACHED" { id = "0x8" }
  value "FIB_RULE_OIF_DETACHED" { id = "0x10" }
  value "FIB_RULE_FIND_SADDR"   { id = "0x10000" }
}

struct "FibRuleHdr" {
  doc  = "FibRuleHdr is struct fib_rule_hdr, the fixed header of rule messages."

  field "Family" { type = Family }
  field "DstLen" {
    type = u8
    json = "dstlen"
  }
  field "SrcLen" {
    type = u8
    json = "srclen"
  }
  field "Tos" {
    type = u8
    text = "tos"
    json = "tos"
  }
  field "Table"  { type = u8 }
  field "Res1"   { type = u8 }
  field "Res2"   { type = u8 }
  field "Action" {
    type = RuleAction
    json = "action"
  }
  field "Flags"  { type = RuleFlags }
}

struct "UIDRange" {
  doc  = "UIDRange is struct fib_rule_uid_range (FRA_UID_RANGE)."

  field "Start" { type = u32 }
  field "End" {
    type = u32
    json = "uid_end"
  }
}

struct "PortRange" {
  doc  = "PortRange is struct fib_rule_port_range (FRA_SPORT_RANGE, FRA_DPORT_RANGE)."

  field "Start" { type = u16 }
  field "End"   { type = u16 }
}

attrs "RuleAttrs" {
  doc    = "RuleAttrs are the rule attributes (FRA_*)."
  prefix = "FRA_"

  attr "FRA_DST" {
    text = "to"
    json = "dst"
    id   = 1
    type = addr
  }

  attr "FRA_SRC" {
    text = "from"
    json = "src"
    id   = 2
    type = addr
  }

  attr "FRA_IIFNAME" {
    text = "iif"
    json = "iif"
    id   = 3
    type = string
    go = "IIFName"
  }

  attr "FRA_GOTO" {
    text = "goto"
    json = "goto"
    id   = 4
    type = u32
  }

  attr "FRA_PRIORITY" {
    json = "priority"
    id   = 6
    type = u32
  }

  attr "FRA_FWMARK" {
    text = "fwmark"
    json = "fwmark"
    id   = 10
    type = u32
    go = "FwMark"
  }

  attr "FRA_FLOW" {
    text = "realms"
    json = "flow_to"
    id   = 11
    type = u32
  }

  attr "FRA_TUN_ID" {
    text = "tun_id"
    json = "tun_id"
    id   = 12
    type = be64
    go = "TunID"
  }

  attr "FRA_SUPPRESS_IFGROUP" {
    text = "suppress_ifgroup"
    json = "suppress_ifgroup"
    id   = 13
    type = u32
    go = "SuppressIfGroup"
  }

  attr "FRA_SUPPRESS_PREFIXLEN" {
    text = "suppress_prefixlength"
    json = "suppress_prefixlen"
    id   = 14
    type = u32
    go = "SuppressPrefixLen"
  }

  attr "FRA_TABLE" {
    text = "lookup"
    json = "table"
    id   = 15
    type = Table
  }

  attr "FRA_FWMASK" {
    json = "fwmask"
    id   = 16
    type = u32
    go = "FwMask"
  }

  attr "FRA_OIFNAME" {
    text = "oif"
    json = "oif"
    id   = 17
    type = string
    go = "OIFName"
  }

  attr "FRA_PAD" {
    id   = 18
    type = binary
  }

  attr "FRA_L3MDEV" {
    text = "lookup"
    json = "l3mdev"
    id   = 19
    type = u8
  }

  attr "FRA_UID_RANGE" {
    text = "uidrange"
    json = "uid_start"
    id   = 20
    type = struct
    struct = UIDRange
    go = "UIDRange"
  }

  attr "FRA_PROTOCOL" {
    text = "proto"
    json = "protocol"
    id   = 21
    type = Protocol
  }

  attr "FRA_IP_PROTO" {
    text = "ipproto"
    json = "ipproto"
    id   = 22
    type = u8
  }

  attr "FRA_SPORT_RANGE" {
    text = "sport"
    json = "sport"
    id   = 23
    type = struct
    struct = PortRange
    go = "SPortRange"
  }

  attr "FRA_DPORT_RANGE" {
    text = "dport"
    json = "dport"
    id   = 24
    type = struct
    struct = PortRange
    go = "DPortRange"
  }

  attr "FRA_DSCP" {
    id   = 25
    type = u8
    go = "DSCP"
  }

  attr "FRA_FLOWLABEL" {
    id   = 26
    type = be32
    go = "FlowLabel"
  }

  attr "FRA_FLOWLABEL_MASK" {
    id   = 27
    type = be32
    go = "FlowLabelMask"
  }

  attr "FRA_SPORT_MASK" {
    id   = 28
    type = u16
    go = "SPortMask"
  }

  attr "FRA_DPORT_MASK" {
    id   = 29
    type = u16
    go = "DPortMask"
  }

  attr "FRA_DSCP_MASK" {
    id   = 30
    type = u8
    go = "DSCPMask"
  }
}

message "Rule" {
  doc    = "Rule is a policy routing rule message (RTM_NEWRULE, RTM_DELRULE, RTM_GETRULE): struct fib_rule_hdr and rule attributes."
  header = FibRuleHdr
  attrs  = RuleAttrs
  family = Family
  new    = RTM_NEWRULE
  del    = RTM_DELRULE
  get    = RTM_GETRULE
  object  = "rule"
  words   = ["ru"]
  monitor = "rule"
  group "RTNLGRP_IPV4_RULE" {
    family  = AF_INET
    default = true
  }
  group "RTNLGRP_IPV6_RULE" {
    family  = AF_INET6
    default = true
  }
}


# --------------------------------------------------------- nexthop objects

enum "NexthopGroupType" {
  doc  = "NexthopGroupType is NHA_GROUP_TYPE (NEXTHOP_GRP_TYPE_*)."
  type = u16

  value "NEXTHOP_GRP_TYPE_MPATH" { id = 0 }
  value "NEXTHOP_GRP_TYPE_RES" {
    id   = 1
    text = "resilient"
  }
}

struct "NhMsg" {
  doc  = "NhMsg is struct nhmsg, the fixed header of nexthop object messages; Flags are RTNH_F_* bits."
  unix = "SizeofNhmsg"

  field "Family"   { type = Family }
  field "Scope"    { type = Scope }
  field "Protocol" { type = Protocol }
  field "Resvd"    { type = u8 }
  field "Flags"    { type = u32 }
}

struct "NexthopGrp" {
  doc  = "NexthopGrp is struct nexthop_grp, one member of NHA_GROUP: weight is Weight+1 (plus WeightHigh<<8 on newer kernels)."

  field "ID"         { type = u32 }
  field "Weight"     { type = u8 }
  field "WeightHigh" { type = u8 }
  field "Resvd2"     { type = u16 }
}

attrs "NexthopResGroup" {
  doc    = "NexthopResGroup is the NHA_RES_GROUP nest: the parameters of a resilient nexthop group. The timers are in clock_t (USER_HZ, 1/100 s)."
  prefix = "NHA_RES_GROUP_"

  attr "NHA_RES_GROUP_BUCKETS" {
    id   = 1
    type = u16
  }

  attr "NHA_RES_GROUP_IDLE_TIMER" {
    id   = 2
    type = u32
  }

  attr "NHA_RES_GROUP_UNBALANCED_TIMER" {
    id   = 3
    type = u32
  }

  attr "NHA_RES_GROUP_UNBALANCED_TIME" {
    id   = 4
    type = u64
  }
}

attrs "NexthopObjAttrs" {
  doc    = "NexthopObjAttrs are the nexthop object attributes (NHA_*)."
  prefix = "NHA_"

  attr "NHA_ID" {
    text = "id"
    json = "id"
    id   = 1
    type = u32
    go = "ID"
  }

  attr "NHA_GROUP" {
    text = "group"
    json = "group"
    id   = 2
    type = array
    struct = NexthopGrp
  }

  attr "NHA_GROUP_TYPE" {
    text = "type"
    json = "type"
    id   = 3
    type = NexthopGroupType
  }

  attr "NHA_BLACKHOLE" {
    text = "blackhole"
    json = "blackhole"
    id   = 4
    type = flag
  }

  attr "NHA_OIF" {
    text = "dev"
    json = "dev"
    id   = 5
    type = u32
    go = "OIF"
  }

  attr "NHA_GATEWAY" {
    text = "via"
    json = "gateway"
    id   = 6
    type = addr
  }

  attr "NHA_ENCAP_TYPE" {
    id   = 7
    type = EncapType
  }

  attr "NHA_ENCAP" {
    id          = 8
    type        = select
    select      = LwtEncap
    select_by   = NHA_ENCAP_TYPE
    nested_flag = true
  }

  attr "NHA_GROUPS" {
    id   = 9
    type = flag
  }

  attr "NHA_MASTER" {
    id   = 10
    type = u32
  }

  attr "NHA_FDB" {
    text = "fdb"
    json = "fdb"
    id   = 11
    type = flag
    go = "FDB"
  }

  attr "NHA_RES_GROUP" {
    id   = 12
    type = nest
    attrs = NexthopResGroup
    nested_flag = true
  }

  attr "NHA_RES_BUCKET" {
    id   = 13
    type = binary
  }

  attr "NHA_OP_FLAGS" {
    id   = 14
    type = u32
  }

  attr "NHA_GROUP_STATS" {
    id   = 15
    type = binary
  }

  attr "NHA_HW_STATS_ENABLE" {
    id   = 16
    type = u32
    go = "HWStatsEnable"
  }

  attr "NHA_HW_STATS_USED" {
    id   = 17
    type = u32
    go = "HWStatsUsed"
  }
}

message "NexthopObj" {
  doc    = "NexthopObj is a nexthop object message (RTM_NEWNEXTHOP, RTM_DELNEXTHOP, RTM_GETNEXTHOP): struct nhmsg and NHA_* attributes."
  header = NhMsg
  attrs  = NexthopObjAttrs
  family = Family
  new    = RTM_NEWNEXTHOP
  del    = RTM_DELNEXTHOP
  get    = RTM_GETNEXTHOP
  object  = "nexthop"
  words   = ["nh"]
  monitor = "nexthop"
  group "RTNLGRP_NEXTHOP" {}
}

# ----------------------------------------------------------------- netconf

struct "NetconfMsg" {
  doc = "NetconfMsg is struct netconfmsg, the fixed header of netconf messages: one byte, which the kernel pads to 4 before the attributes."

  field "Family" {
    type = Family
    json = "family"
  }
}

attrs "NetconfAttrs" {
  doc = "NetconfAttrs are a device's (or all devices', or the defaults') forwarding settings, NETCONFA_* (include/uapi/linux/netconf.h): every value is an s32, as the kernel's inet_netconf_fill_devconf puts them."

  attr "NETCONFA_IFINDEX" {
    json = "interface"
    id   = 1
    type = s32
    doc  = "The device, or NETCONFA_IFINDEX_ALL (-1) for all, NETCONFA_IFINDEX_DEFAULT (-2) for the defaults new devices get."
  }
  attr "NETCONFA_FORWARDING" {
    text = "forwarding"
    json = "forwarding"
    id   = 2
    type = s32
  }
  attr "NETCONFA_RP_FILTER" {
    text = "rp_filter"
    json = "rp_filter"
    id   = 3
    type = s32
    go   = "RPFilter"
  }
  attr "NETCONFA_MC_FORWARDING" {
    text = "mc_forwarding"
    json = "mc_forwarding"
    id   = 4
    type = s32
    go   = "MCForwarding"
  }
  attr "NETCONFA_PROXY_NEIGH" {
    text = "proxy_neigh"
    json = "proxy_neigh"
    id   = 5
    type = s32
  }
  attr "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN" {
    text = "ignore_routes_with_linkdown"
    json = "ignore_routes_with_linkdown"
    id   = 6
    type = s32
  }
  attr "NETCONFA_INPUT" {
    text = "input"
    json = "input"
    id   = 7
    type = s32
    doc  = "MPLS: whether the device accepts labelled packets."
  }
  attr "NETCONFA_BC_FORWARDING" {
    id   = 8
    type = s32
    go   = "BCForwarding"
  }
}

message "Netconf" {
  doc     = "Netconf is a netconf message (RTM_NEWNETCONF, RTM_DELNETCONF, RTM_GETNETCONF): struct netconfmsg and NETCONFA_* attributes, a device's forwarding settings per address family."
  header  = NetconfMsg
  attrs   = NetconfAttrs
  family  = Family
  new     = RTM_NEWNETCONF
  del     = RTM_DELNETCONF
  get     = RTM_GETNETCONF
  object  = "netconf"
  monitor = "netconf"
  group "RTNLGRP_IPV4_NETCONF" { family = AF_INET }
  group "RTNLGRP_IPV6_NETCONF" { family = AF_INET6 }
  group "RTNLGRP_MPLS_NETCONF" { family = AF_MPLS }
}

# -------------------------------------------------------------------- nsid

struct "RtGenMsg" {
  doc = "RtGenMsg is struct rtgenmsg, the one-byte family header of the messages that have no header of their own (nsid); the kernel pads it to 4 before the attributes."

  field "Family" { type = Family }
}

attrs "NetnsAttrs" {
  doc = "NetnsAttrs are the attributes of an nsid message, NETNSA_* (include/uapi/linux/net_namespace.h): a request names a namespace by PID or FD, a reply gives its nsid in the asking namespace (-1: none assigned)."

  attr "NETNSA_NSID" {
    text = "nsid"
    json = "nsid"
    id   = 1
    type = s32
    go   = "NSID"
  }
  attr "NETNSA_PID" {
    json = "pid"
    id   = 2
    type = u32
    go   = "PID"
  }
  attr "NETNSA_FD" {
    json = "fd"
    id   = 3
    type = u32
    go   = "FD"
  }
  attr "NETNSA_TARGET_NSID" {
    json = "target_nsid"
    id   = 4
    type = s32
    go   = "TargetNSID"
    doc  = "Ask in (or answer for) the namespace with this nsid instead of the socket's."
  }
  attr "NETNSA_CURRENT_NSID" {
    json = "current_nsid"
    id   = 5
    type = s32
    go   = "CurrentNSID"
  }
}

message "Nsid" {
  doc     = "Nsid is an nsid message (RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID): struct rtgenmsg and NETNSA_* attributes, the id a namespace has in another (ip netns list-id, set)."
  header  = RtGenMsg
  attrs   = NetnsAttrs
  family  = Family
  new     = RTM_NEWNSID
  del     = RTM_DELNSID
  get     = RTM_GETNSID
  object  = "nsid"
  monitor = "nsid"
  group "RTNLGRP_NSID" {}
}
