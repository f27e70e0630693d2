package ipfmt_test

import (
	"fmt"
	"net/netip"
	"os"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
)

// A route printed as `ip route`, `ip -j route` and `ip -j -N route` print
// it, with interface 2 named eth0.
func Example() {
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 24, Table: uint8(rtnl.RT_TABLE_MAIN),
		Protocol: rtnl.RTPROT_STATIC, Scope: rtnl.RT_SCOPE_UNIVERSE, Type: rtnl.RTN_UNICAST}
	r.SetDst(netip.MustParseAddr("192.0.2.0"))
	r.SetGateway(netip.MustParseAddr("10.0.0.1"))
	r.SetOIF(2)
	r.SetPriority(100)

	names := ipfmt.Names{2: "eth0"}
	for _, o := range []ipfmt.Options{
		{Links: names},
		{Links: names, JSON: true},
		{Links: names, JSON: true, Numeric: true},
	} {
		l := o.NewList(os.Stdout)
		if err := l.Add(&r); err != nil {
			fmt.Println(err)
		}
		l.Close()
	}

	var d rtnl.Route
	d.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_BOOT, Type: rtnl.RTN_BLACKHOLE}
	b, _ := ipfmt.Options{Details: true}.Append(nil, &d)
	os.Stdout.Write(b)
	// Output:
	// 192.0.2.0/24 via 10.0.0.1 dev eth0 proto static metric 100
	// [{"dst":"192.0.2.0/24","gateway":"10.0.0.1","dev":"eth0","protocol":"static","metric":100,"flags":[]}]
	// [{"dst":"192.0.2.0/24","gateway":"10.0.0.1","dev":"eth0","protocol":"4","metric":100,"flags":[]}]
	// blackhole default table main proto boot scope global
}
