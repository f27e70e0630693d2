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

  value "RTM_NEWROUTE" { id = 24 }
  value "RTM_DELROUTE" { id = 25 }
  value "RTM_GETROUTE" { id = 26 }
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
  value "AF_INET6" {
    id   = 10
    text = "inet6"
  }
  value "AF_MPLS"      { id = 28 }
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
  doc  = "RouteFlags is rtm_flags (RTM_F_*) plus the RTNH_F_* bits the kernel mirrors there."
  type = u32

  value "RTM_F_NOTIFY"         { id = "0x100" }
  value "RTM_F_CLONED"         { id = "0x200" }
  value "RTM_F_EQUALIZE"       { id = "0x400" }
  value "RTM_F_PREFIX"         { id = "0x800" }
  value "RTM_F_LOOKUP_TABLE"   { id = "0x1000" }
  value "RTM_F_FIB_MATCH"      { id = "0x2000" }
  value "RTM_F_OFFLOAD"        { id = "0x4000" }
  value "RTM_F_TRAP"           { id = "0x8000" }
  value "RTM_F_OFFLOAD_FAILED" { id = "0x20000000" }
}

flags "NexthopFlags" {
  doc  = "NexthopFlags is rtnh_flags (RTNH_F_*)."
  type = u8

  value "RTNH_F_DEAD"       { id = 1 }
  value "RTNH_F_PERVASIVE"  { id = 2 }
  value "RTNH_F_ONLINK"     { id = 4 }
  value "RTNH_F_OFFLOAD"    { id = 8 }
  value "RTNH_F_LINKDOWN"   { id = 16 }
  value "RTNH_F_UNRESOLVED" { id = 32 }
  value "RTNH_F_TRAP"       { id = 64 }
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
  value "LWTUNNEL_ENCAP_SEG6_LOCAL" { id = 7 }
  value "LWTUNNEL_ENCAP_RPL"        { id = 8 }
  value "LWTUNNEL_ENCAP_IOAM6"      { id = 9 }
  value "LWTUNNEL_ENCAP_XFRM"       { id = 10 }
}

struct "RtMsg" {
  doc  = "RtMsg is struct rtmsg, the fixed header of route messages."
  unix = "SizeofRtMsg"

  field "Family"   { type = Family }
  field "DstLen"   { type = u8 }
  field "SrcLen"   { type = u8 }
  field "Tos"      { type = u8 }
  field "Table"    { type = u8 }
  field "Protocol" { type = Protocol }
  field "Scope"    { type = Scope }
  field "Type"     { type = RouteType }
  field "Flags"    { type = RouteFlags }
}

struct "RtNexthop" {
  doc  = "RtNexthop is struct rtnexthop, the fixed part of one RTA_MULTIPATH entry."
  unix = "SizeofRtNexthop"

  field "Len" {
    type   = u16
    length = true
  }
  field "Flags"   { type = NexthopFlags }
  field "Hops"    { type = u8 }
  field "Ifindex" { type = s32 }
}

struct "RtaCacheInfo" {
  doc = "RtaCacheInfo is struct rta_cacheinfo (RTA_CACHEINFO); newer kernels may send more bytes, which are ignored."

  field "Clntref" { type = u32 }
  field "Lastuse" { type = u32 }
  field "Expires" { type = s32 }
  field "Error"   { type = u32 }
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
    id   = 1
    type = u32
  }
  attr "RTAX_MTU" {
    id   = 2
    type = u32
  }
  attr "RTAX_WINDOW" {
    id   = 3
    type = u32
  }
  attr "RTAX_RTT" {
    id   = 4
    type = u32
  }
  attr "RTAX_RTTVAR" {
    id   = 5
    type = u32
    go   = "RTTVar"
  }
  attr "RTAX_SSTHRESH" {
    id   = 6
    type = u32
    go   = "SSThresh"
  }
  attr "RTAX_CWND" {
    id   = 7
    type = u32
  }
  attr "RTAX_ADVMSS" {
    id   = 8
    type = u32
    go   = "AdvMSS"
  }
  attr "RTAX_REORDERING" {
    id   = 9
    type = u32
    go   = "Reordering"
  }
  attr "RTAX_HOPLIMIT" {
    id   = 10
    type = u32
    go   = "HopLimit"
  }
  attr "RTAX_INITCWND" {
    id   = 11
    type = u32
    go   = "InitCwnd"
  }
  attr "RTAX_FEATURES" {
    id   = 12
    type = u32
  }
  attr "RTAX_RTO_MIN" {
    id   = 13
    type = u32
  }
  attr "RTAX_INITRWND" {
    id   = 14
    type = u32
    go   = "InitRwnd"
  }
  attr "RTAX_QUICKACK" {
    id   = 15
    type = u32
    go   = "QuickAck"
  }
  attr "RTAX_CC_ALGO" {
    id   = 16
    type = string
  }
  attr "RTAX_FASTOPEN_NO_COOKIE" {
    id   = 17
    type = u32
    go   = "FastOpenNoCookie"
  }
}

attrs "NexthopAttrs" {
  doc    = "NexthopAttrs are the route attributes that may follow a struct rtnexthop inside RTA_MULTIPATH."
  prefix = "RTA_"

  attr "RTA_GATEWAY" {
    id   = 5
    type = addr
  }
  attr "RTA_FLOW" {
    id   = 11
    type = u32
  }
  attr "RTA_VIA" {
    id   = 18
    type = via
  }
  attr "RTA_NEWDST" {
    id   = 19
    type = binary
    go   = "NewDst"
  }
  attr "RTA_ENCAP_TYPE" {
    id   = 21
    type = EncapType
  }
  attr "RTA_ENCAP" {
    id   = 22
    type = binary
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
    id   = 1
    type = addr
  }
  attr "RTA_SRC" {
    id   = 2
    type = addr
  }
  attr "RTA_IIF" {
    id   = 3
    type = u32
  }
  attr "RTA_OIF" {
    id   = 4
    type = u32
  }
  attr "RTA_GATEWAY" {
    id   = 5
    type = addr
  }
  attr "RTA_PRIORITY" {
    id   = 6
    type = u32
  }
  attr "RTA_PREFSRC" {
    id   = 7
    type = addr
    go   = "PrefSrc"
  }
  attr "RTA_METRICS" {
    id    = 8
    type  = nest
    attrs = Metrics
  }
  attr "RTA_MULTIPATH" {
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
    id   = 15
    type = Table
  }
  attr "RTA_MARK" {
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
    id   = 18
    type = via
  }
  attr "RTA_NEWDST" {
    id   = 19
    type = binary
    go   = "NewDst"
  }
  attr "RTA_PREF" {
    id   = 20
    type = Pref
  }
  attr "RTA_ENCAP_TYPE" {
    id   = 21
    type = EncapType
  }
  attr "RTA_ENCAP" {
    id   = 22
    type = binary
  }
  attr "RTA_EXPIRES" {
    id   = 23
    type = u32
  }
  attr "RTA_PAD" {
    id   = 24
    type = binary
  }
  attr "RTA_UID" {
    id   = 25
    type = u32
  }
  attr "RTA_TTL_PROPAGATE" {
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
  groups = [RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE]
}
