package main

import (
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationRouteListFilters: route list by dev, via and tos prints
// what ip prints: dev and via look at the route's own RTA_OIF and
// gateway, not at a multipath leg's or a nexthop object's (ip's
// filter_nlmsg), and a listing by tos leaves the tos out.
func TestIntegrationRouteListFilters(t *testing.T) {
	ns := setupNS(t)
	carrierUp(t, ns)
	nstest.Batch(t, ns, strings.Join([]string{
		"nexthop add id 1 via 10.0.0.2 dev lnx0",
		"nexthop add id 2 via 10.0.1.2 dev lnx2",
		"nexthop add id 10 group 1/2",
		"route add 10.90.0.0/16 via 10.0.0.2 dev lnx0",
		"route add 10.91.0.0/16 nexthop via 10.0.0.2 dev lnx0 nexthop via 10.0.1.2 dev lnx2",
		"route add 10.92.0.0/16 nhid 1",
		"route add 10.93.0.0/16 nhid 10",
		"route add 10.94.0.0/16 tos 0x10 via 10.0.0.2",
		"route add 10.94.0.0/16 via 10.0.0.3",
		"route add 10.95.0.0/16 via inet6 2001:db8::2 dev lnx0",
		"route add 2001:db8:90::/48 nexthop via 2001:db8::2 dev lnx0 nexthop via 2001:db8:1::2 dev lnx2",
		"route add 2001:db8:91::/48 via 2001:db8::2 dev lnx0",
	}, "\n")+"\n")
	for _, args := range [][]string{
		{"route", "show", "dev", "lnx0"},
		{"route", "show", "dev", "lnx2"},
		{"-6", "route", "show", "dev", "lnx0"},
		{"route", "show", "via", "10.0.0.2"},
		{"route", "show", "via", "10.0.0.0/24"},
		{"route", "show", "via", "inet6", "2001:db8::2"},
		{"-6", "route", "show", "via", "2001:db8::2"},
		{"route", "show", "tos", "0x10"},
		{"route", "show", "dsfield", "0x10"},
		{"route", "show", "tos", "0"},
		{"-j", "route", "show", "tos", "0x10"},
		{"route", "show", "10.94.0.0/16", "tos", "0x10"},
	} {
		ours := linxOK(t, ns, args...)
		ips := nstest.IP(t, ns, args...)
		if strings.Join(normLines(ours), "\n") != strings.Join(normLines(ips), "\n") {
			t.Errorf("%v:\nlinx:\n%s\nip:\n%s", args, ours, ips)
		}
	}
}

// TestIntegrationRouteListNoMainTable: in a namespace with no route yet
// the main table does not exist; ip route show lists nothing and succeeds
// (it ignores the dump's ENOENT for the main table), and so does linx, in
// either family and with -j. A table given by number still fails, as ip.
func TestIntegrationRouteListNoMainTable(t *testing.T) {
	ns := nstest.New(t)
	for _, args := range [][]string{{"route", "show"}, {"-6", "route", "show"}, {"-j", "route", "show"}} {
		if got, want := linxOK(t, ns, args...), trimLines(nstest.IP(t, ns, args...)); got != want {
			t.Errorf("linx %v: %q, ip %q", args, got, want)
		}
	}
	if r := linx(t, "-n", ns.Name(), "-6", "route", "show", "table", "1000"); r.code == 0 {
		t.Errorf("linx -6 route show table 1000 (no such table) succeeded: %q", r.stdout)
	}
}
