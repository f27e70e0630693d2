package main

import (
	"strings"
	"testing"

	"github.com/linx-go/linx/route"
)

// FuzzRouteWords: any words give a route or an error, never a panic, and
// a route the words give is one the library builds or refuses with an
// error.
func FuzzRouteWords(f *testing.F) {
	for _, s := range []string{
		"10.0.0.0/8 via 10.0.0.1",
		"unicast 10.6.0.0/16 proto static metric 20 nexthop via 10.0.0.2 dev lnx0 weight 3 onlink nexthop via inet6 2001:db8::2 dev lnx2 dead linkdown",
		"blackhole 10.5.0.0/16 nhid 4 dev lo",
		"2001:db8:7::/48 via inet6 2001:db8::2 expires 299sec from 2001:db8:8::/48 pref medium",
		"10.9.0.0/16 via 10.0.0.2 mtu lock 1400 rtt 12ms rttvar 1.5s congctl lock reno features ecn",
		"default nexthop nexthop via",
		"10.0.0.0/8 rtt NaNms",
		"10.8.0.0/16 dsfield AF11 realms 1/2 via inet",
		"10.11.0.0/16 encap mpls 100/200 ttl 9 dev lnx0",
		"2001:db8:47::/48 encap seg6 mode inline segs 1 [ 2001:db8::2 :: ] hmac 0x1 dev lnx0",
		"2001:db8:44::/48 encap seg6local action End.B6 srh segs 2001:db8::7,2001:db8::8 dev lnx0",
		"10.46.0.0/16 encap ip id 5 dst 192.0.2.1 src 192.0.2.2 ttl 9 tos 3 key csum dev vx0",
		"10.47.0.0/16 nexthop encap seg6 mode encap segs 2001:db8::2 dev lnx0 nexthop encap ip6 dst",
		"2001:db8:b1::/64 encap seg6 mode l2encap.red segs 1 [ 2001:db8::1 ] hmac FF dev lnx0",
		"2001:db8:b7::/64 encap seg6local action End flavors next-csid lblen 48 nflen 8 count dev lnx0",
		"2001:db8:b9::/64 encap ila 1:2:3:4 csum-mode neutral-map ident-type luid hook-type input dev lnx0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, verb := range []string{"add", "delete"} {
			c, err := parseRouteWords(verb, strings.Fields(s), 0)
			if err != nil {
				continue
			}
			dst, gw, opts, err := c.options(func(string) (uint32, error) { return 4, nil })
			if err != nil {
				continue
			}
			route.Request(verb, dst, gw, opts...)
		}
	})
}
