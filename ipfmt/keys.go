package ipfmt

// The JSON keys (and text words) ip prints that are not the name of any
// attribute or header field, so the schema has nowhere to declare them:
// ip's synthetic keys for flags it prints as words, for the parts of one
// attribute it splits, and for containers. They are here, once, with the
// ip function that prints them; every other key comes from the schema
// (rtnl.*FieldName, rtnl.*Field).
const (
	// print_rule (ip/iprule.c)
	keyNot         = "not"          // FIB_RULE_INVERT: "not " in text
	keyIIFDetached = "iif_detached" // FIB_RULE_IIF_DETACHED: " [detached]"
	keyOIFDetached = "oif_detached" // FIB_RULE_OIF_DETACHED: " [detached]"
	keyUnresolved  = "unresolved"   // FIB_RULE_UNRESOLVED: " [unresolved]"
	keyMasquerade  = "masquerade"   // action RTN_NAT
	keyNop         = "nop"          // action FR_ACT_NOP
	keyFlowFrom    = "flow_from"    // FRA_FLOW's upper half ("realms FROM/TO")
	keyStart       = "_start"       // FRA_SPORT_RANGE/FRA_DPORT_RANGE: "sport_start"
	keyEnd         = "_end"         // ... and "sport_end"

	// print_rta_via, print_rta_flow (ip/iproute.c): the members of
	// RTA_VIA's and RTA_FLOW's objects.
	keyViaFamily = "family"
	keyViaHost   = "host"
	keyRealmFrom = "from"
	keyRealmTo   = "to"
	// print_route: a source prefix 0/N without RTA_SRC is keyed "src",
	// not RTA_SRC's "from".
	keySrcPrefix = "src"
	keyNHInfo    = "nh_info" // print_cache_nexthop_id: the nexthop object (-d)

	// print_addrinfo, print_ifa_flags (ip/ipaddress.c)
	keyAddrInfo  = "addr_info" // the array of a link's addresses
	keyDev       = "dev"       // ifa_index by name (ip monitor)
	keyDynamic   = "dynamic"   // IFA_F_PERMANENT clear
	keyTemporary = "temporary" // IFA_F_SECONDARY of an IPv6 address

	// print_neigh (ip/ipneigh.c)
	keyManaged = "managed" // NTF_EXT_MANAGED, a bit of NDA_FLAGS_EXT

	// print_rta_metrics (ip/iproute.c)
	keyECN = "ecn" // RTAX_FEATURE_ECN of RTAX_FEATURES
)
