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
    text = "as to"
    json = "to"
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
    json = "dst"
    id   = 1
    type = addr
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
    text = "as to"
    json = "to"
    id   = 19
    type = binary
    go   = "NewDst"
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

attrs "LinkInfo" {
  doc    = "LinkInfo is the IFLA_LINKINFO nest: the link kind and its driver data (kept raw)."
  prefix = "IFLA_INFO_"

  attr "IFLA_INFO_KIND" {
    json = "info_kind"
    id   = 1
    type = string
  }

  attr "IFLA_INFO_DATA" {
    id   = 2
    type = binary
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
    id   = 5
    type = binary
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

  field "Family"    { type = Family }
  field "PrefixLen" { type = u8 }
  field "Flags"     { type = u8 }
  field "Scope"     { type = Scope }
  field "Index"     { type = u32 }
}

struct "IfaCacheInfo" {
  doc  = "IfaCacheInfo is struct ifa_cacheinfo (IFA_CACHEINFO): lifetimes in seconds, stamps in hundredths of a second."
  unix = "SizeofIfaCacheinfo"

  field "Prefered" { type = u32 }
  field "Valid"    { type = u32 }
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

struct "NdMsg" {
  doc  = "NdMsg is struct ndmsg, the fixed header of neighbour messages."
  unix = "SizeofNdMsg"

  field "Family"  { type = Family }
  field "Pad1"    { type = u8 }
  field "Pad2"    { type = u16 }
  field "Ifindex" { type = s32 }
  field "State"   { type = NeighState }
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
  }

  attr "NDA_FLAGS_EXT" {
    id   = 15
    type = u32
    go = "FlagsExt"
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
  field "DstLen" { type = u8 }
  field "SrcLen" { type = u8 }
  field "Tos"    { type = u8 }
  field "Table"  { type = u8 }
  field "Res1"   { type = u8 }
  field "Res2"   { type = u8 }
  field "Action" { type = RuleAction }
  field "Flags"  { type = RuleFlags }
}

struct "UIDRange" {
  doc  = "UIDRange is struct fib_rule_uid_range (FRA_UID_RANGE)."

  field "Start" { type = u32 }
  field "End"   { type = u32 }
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
    id   = 8
    type = binary
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

  field "Family" { type = Family }
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
