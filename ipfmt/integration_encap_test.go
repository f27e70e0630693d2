package ipfmt

import (
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/route"
)

// TestIntegrationEncapRoutes compares routes with the encapsulations this
// kernel has (seg6, seg6local, ip, ip6), on routes and multipath legs, with
// ip route in every mode (text, -d, -N, -j, ...).
func TestIntegrationEncapRoutes(t *testing.T) {
	ns := testNS(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"link add vx0 type vxlan external dstport 4789",
		"link set vx0 up",
		"route add 10.40.0.0/16 encap seg6 mode encap segs 2001:db8::2,2001:db8::3 dev veth0",
		"route add 2001:db8:47::/48 encap seg6 mode inline segs 2001:db8::2 dev veth0",
		"route add 10.42.0.0/16 encap ip id 5 dst 192.0.2.1 src 192.0.2.2 ttl 9 tos 3 dev vx0",
		"route add 10.43.0.0/16 nexthop encap seg6 mode encap segs 2001:db8::2 dev veth0 nexthop via 10.0.1.2 dev veth2",
		"route add 2001:db8:40::/48 encap seg6local action End.DT6 table 100 dev veth0",
		"route add 2001:db8:41::/48 encap seg6local action End.X nh6 2001:db8::9 dev veth0",
		"route add 2001:db8:42::/48 encap seg6local action End dev veth0",
		"route add 2001:db8:43::/48 encap seg6local action End.DX4 nh4 10.0.0.2 dev veth0",
		"route add 2001:db8:44::/48 encap seg6local action End.B6 srh segs 2001:db8::7,2001:db8::8 dev veth0",
		"route add 2001:db8:45::/48 encap ip6 id 6 dst 2001:db8::5 hoplimit 7 tc 2 dev vx0",
		"route add 2001:db8:46::/48 encap seg6 mode encap segs 2001:db8::2 dev veth0",
	}, "\n")+"\n")
	lt, _ := links(t, ns)
	c, err := route.Open(route.InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := ctxFor(t)
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		flag := "-4"
		if fam == rtnl.AF_INET6 {
			flag = "-6"
		}
		encaps := 0
		compareList(t, ns, []string{flag, "route", "show"}, Options{Links: lt, HideTable: true}, nil, func(o Options) []byte {
			rs, err := c.ListFull(ctx, route.Filter{Family: fam, Table: rtnl.RT_TABLE_MAIN})
			if err != nil {
				t.Fatal(err)
			}
			encaps = 0
			for i := range rs {
				if rs[i].Has(rtnl.RTA_ENCAP) {
					encaps++
				}
				for j := range rs[i].Multipath {
					if rs[i].Multipath[j].Has(rtnl.RTA_ENCAP) {
						encaps++
					}
				}
			}
			return listOf(o, rs)
		})
		if want := map[rtnl.Family]int{rtnl.AF_INET: 3, rtnl.AF_INET6: 8}[fam]; encaps != want {
			t.Errorf("%v: %d routes or legs with RTA_ENCAP, want %d", fam, encaps, want)
		}
	}
}
