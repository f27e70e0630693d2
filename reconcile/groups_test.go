package reconcile

import (
	"slices"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// The groups Run joins come from the schema and are those that can change
// owned routes: links, IPv4/IPv6 addresses and routes, nexthop objects
// (not MPLS routes, which the schema does not mark default).
func TestMonitorGroups(t *testing.T) {
	want := []rtnl.Group{rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR, rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE, rtnl.RTNLGRP_NEXTHOP}
	if !slices.Equal(monitorGroups, want) {
		t.Errorf("monitorGroups = %v, want %v", monitorGroups, want)
	}
}
