package rtnl

import (
	"bytes"
	"testing"
)

// Filling a select's variant sends the select attribute: IFLA_INFO_DATA
// and RTA_ENCAP follow the rule of nests (an attribute set inside marks the
// enclosing attribute present), with the same bytes as SetPresent.
func TestSelectSentWhenAVariantAttributeIsSet(t *testing.T) {
	var l Link
	l.LinkInfo.SetKind("bridge")
	l.LinkInfo.Data.Bridge.SetSTPState(1)
	var d Link
	if err := d.Decode(l.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !d.LinkInfo.Has(IFLA_INFO_DATA) || !d.LinkInfo.Data.Bridge.Has(IFLA_BR_STP_STATE) || d.LinkInfo.Data.Bridge.STPState != 1 {
		t.Fatalf("decoded: IFLA_INFO_DATA present %v, stp_state %d; want present, 1", d.LinkInfo.Has(IFLA_INFO_DATA), d.LinkInfo.Data.Bridge.STPState)
	}
	if l.Size() != len(l.Append(nil)) {
		t.Fatalf("Size %d, Append %d bytes", l.Size(), len(l.Append(nil)))
	}
	var byHand Link
	byHand.LinkInfo.SetKind("bridge")
	byHand.LinkInfo.Data.Bridge.SetSTPState(1)
	byHand.LinkInfo.SetPresent(IFLA_INFO_DATA)
	if !bytes.Equal(byHand.Append(nil), l.Append(nil)) {
		t.Fatalf("implicit select % x, SetPresent % x", l.Append(nil), byHand.Append(nil))
	}

	// A variant other than the selector's is not sent.
	var other Link
	other.LinkInfo.SetKind("vxlan")
	other.LinkInfo.Data.Bridge.SetSTPState(1)
	d.Reset()
	if err := d.Decode(other.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if d.LinkInfo.Has(IFLA_INFO_DATA) {
		t.Fatalf("kind vxlan with a bridge setting sent IFLA_INFO_DATA")
	}

	var r Route
	r.SetEncapType(LWTUNNEL_ENCAP_MPLS)
	r.Encap.MPLS.SetTTL(7)
	var dr Route
	if err := dr.Decode(r.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !dr.Has(RTA_ENCAP) || dr.Encap.MPLS.TTL != 7 {
		t.Fatalf("route: RTA_ENCAP present %v, ttl %d; want present, 7", dr.Has(RTA_ENCAP), dr.Encap.MPLS.TTL)
	}
}

// Reset empties a nest or select filled by hand even though its presence
// bit was never set: a reused message must not send the last one's kind.
func TestResetEmptiesImplicitNestsAndSelects(t *testing.T) {
	var l Link
	l.LinkInfo.SetKind("bridge")
	l.LinkInfo.Data.Bridge.SetSTPState(1)
	l.Reset()
	l.SetMTU(1400)
	var want Link
	want.SetMTU(1400)
	if !bytes.Equal(l.Append(nil), want.Append(nil)) {
		t.Fatalf("after Reset: % x, want % x", l.Append(nil), want.Append(nil))
	}
	var r Route
	r.SetEncapType(LWTUNNEL_ENCAP_MPLS)
	r.Encap.MPLS.SetTTL(7)
	r.Metrics.SetMTU(1400)
	r.Reset()
	if n := len(r.Append(nil)); n != SizeofRtMsg {
		t.Fatalf("route after Reset: %d bytes % x, want the bare header", n, r.Append(nil))
	}
}
