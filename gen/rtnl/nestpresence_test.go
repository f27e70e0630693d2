package rtnl

import (
	"bytes"
	"testing"
)

// Setting an attribute inside a nest sends the nest: the presence trap of
// LinkInfo.SetKind without SetPresent(IFLA_LINKINFO) is gone.
func TestNestSentWhenAnAttributeIsSet(t *testing.T) {
	var l Link
	l.LinkInfo.SetKind("veth")
	var d Link
	if err := d.Decode(l.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !d.Has(IFLA_LINKINFO) || string(d.LinkInfo.Kind) != "veth" {
		t.Fatalf("decoded: IFLA_LINKINFO present %v, kind %q; want present, veth", d.Has(IFLA_LINKINFO), d.LinkInfo.Kind)
	}
	if l.Size() != len(l.Append(nil)) {
		t.Fatalf("Size %d, Append %d bytes", l.Size(), len(l.Append(nil)))
	}

	var r Route
	r.Metrics.SetMTU(1400)
	var dr Route
	if err := dr.Decode(r.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !dr.Has(RTA_METRICS) || dr.Metrics.MTU != 1400 {
		t.Fatalf("route: RTA_METRICS present %v, mtu %d; want present, 1400", dr.Has(RTA_METRICS), dr.Metrics.MTU)
	}
	// The same bytes as marking it by hand.
	var byHand Route
	byHand.Metrics.SetMTU(1400)
	byHand.SetPresent(RTA_METRICS)
	if !bytes.Equal(byHand.Append(nil), r.Append(nil)) {
		t.Fatalf("implicit nest % x, SetPresent % x", r.Append(nil), byHand.Append(nil))
	}
}

// An empty nest stays absent unless marked; marked, it is sent empty.
func TestEmptyNestAbsentUnlessMarked(t *testing.T) {
	var l Link
	if got, want := len(l.Append(nil)), SizeofIfInfoMsg; got != want {
		t.Fatalf("empty link encodes to %d bytes, want %d (header only)", got, want)
	}
	l.SetPresent(IFLA_LINKINFO)
	var d Link
	if err := d.Decode(l.Append(nil)); err != nil {
		t.Fatal(err)
	}
	if !d.Has(IFLA_LINKINFO) {
		t.Fatal("a nest marked present and empty was not sent")
	}
}

// NHA_RES_GROUP is sent with NLA_F_NESTED: the kernel parses it strictly.
func TestResGroupNestedFlag(t *testing.T) {
	var n NexthopObj
	n.ResGroup.SetBuckets(32)
	b := n.Append(nil)[SizeofNhMsg:]
	if typ := uint16(b[2]) | uint16(b[3])<<8; typ != NHA_RES_GROUP|0x8000 {
		t.Fatalf("attribute type %#x, want NHA_RES_GROUP|NLA_F_NESTED (%#x)", typ, NHA_RES_GROUP|0x8000)
	}
}
