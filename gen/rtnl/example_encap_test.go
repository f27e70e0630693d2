package rtnl_test

import (
	"fmt"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// An encapsulation is built by filling the variant its type selects,
// setting the type and marking RTA_ENCAP present.
func ExampleLwtEncap() {
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 24, Table: uint8(rtnl.RT_TABLE_MAIN), Type: rtnl.RTN_UNICAST}
	r.SetDst(netip.MustParseAddr("10.9.0.0"))
	r.SetOIF(2)

	// encap mpls 100/200 ttl 5
	r.SetEncapType(rtnl.LWTUNNEL_ENCAP_MPLS)
	r.Encap.MPLS.SetDst([]rtnl.MplsLabel{{Entry: 100 << 12}, {Entry: 200<<12 | 1<<8}}) // bottom of stack on the last
	r.Encap.MPLS.SetTTL(5)
	r.SetPresent(rtnl.RTA_ENCAP)

	var back rtnl.Route
	if err := back.Decode(r.Append(nil)); err != nil {
		panic(err)
	}
	fmt.Println(back.EncapType, back.Encap.MPLS.Dst[0].Entry>>12, back.Encap.MPLS.Dst[1].Entry>>12, back.Encap.MPLS.TTL)

	// encap seg6 mode encap segs 2001:db8::2,2001:db8::3, on the same value.
	r.Encap.Reset()
	srh := nlwire.NewSRH([]netip.Addr{netip.MustParseAddr("2001:db8::2"), netip.MustParseAddr("2001:db8::3")}, true, 0)
	r.SetEncapType(rtnl.LWTUNNEL_ENCAP_SEG6)
	r.Encap.Seg6.SetSRH(nlwire.AppendSeg6Encap(nil, nlwire.Seg6ModeEncap, &srh))
	if err := back.Decode(r.Append(nil)); err != nil {
		panic(err)
	}
	var got nlwire.SRH
	mode, _ := nlwire.Seg6Encap(back.Encap.Seg6.SRH, &got)
	fmt.Println(back.EncapType, mode, got.Segments[1], got.Segments[0])
	// Output:
	// mpls 100 200 5
	// seg6 1 2001:db8::2 2001:db8::3
}
