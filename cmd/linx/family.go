package main

import "github.com/linx-go/linx/gen/rtnl"

// The families a listing shows without -4/-6, as ip's: ip neigh, ip addr
// and ip nexthop list every family, ip route and ip rule IPv4 only.

// listFamily is the family ip route lists: with a table filter (main by
// default) and no -4/-6 it is IPv4 (iproute.c), every family only with
// "table all" (table 0).
func listFamily(fam rtnl.Family, table uint32) rtnl.Family {
	if fam == 0 && table != 0 {
		return rtnl.AF_INET
	}
	return fam
}

// ruleFamily is the family ip rule lists: IPv4 unless -6 (iprule.c).
func ruleFamily(fam rtnl.Family) rtnl.Family {
	if fam == 0 {
		return rtnl.AF_INET
	}
	return fam
}
