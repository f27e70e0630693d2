package rtnl

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// VETH_INFO_PEER decodes typed (a record whose header has no length
// field fills the attribute): struct ifinfomsg, then link attributes,
// and encodes back to the same bytes.
func TestVethPeerIsTyped(t *testing.T) {
	// ip link add v0 type veth peer name v1 mtu 1300 (with NLA_F_NESTED on
	// IFLA_INFO_DATA and the kind's NUL).
	b, err := hex.DecodeString(strings.Join(strings.Fields(`
		00000000 00000000 00000000 00000000
		07000300 76300000
		38001200 09000100 76657468 00000000
		28000280 24000100 00000000 00000000 00000000 00000000 08000400 14050000 07000300 76310000`), ""))
	if err != nil {
		t.Fatal(err)
	}
	var l Link
	if err := l.Decode(b); err != nil {
		t.Fatal(err)
	}
	v := &l.LinkInfo.Data.Veth
	if len(v.Peer) != 1 || string(v.Peer[0].IfName) != "v1" || v.Peer[0].MTU != 1300 || !v.Has(VETH_INFO_PEER) {
		t.Fatalf("peer: %+v", v.Peer)
	}
	if got := l.Append(nil); !bytes.Equal(got, b) {
		t.Fatalf("re-encoded:\n% x\nwant\n% x", got, b)
	}
	if l.Size() != len(b) {
		t.Fatalf("Size %d, want %d", l.Size(), len(b))
	}
	// Too short for the header: an error naming it, the rest decoded.
	short, _ := hex.DecodeString(strings.Join(strings.Fields(`
		00000000 00000000 00000000 00000000
		07000300 76300000
		1c001200 09000100 76657468 00000000
		0c000280 08000100 00000000`), ""))
	var s Link
	err = s.Decode(short)
	if err == nil || !strings.Contains(err.Error(), "VETH_INFO_PEER") || string(s.IfName) != "v0" {
		t.Fatalf("short peer: err %v, name %q", err, s.IfName)
	}
	// Present with no record: an empty attribute, decoded as none.
	var e Link
	e.LinkInfo.SetKind("veth")
	e.LinkInfo.Data.Veth.SetPeer(nil)
	var d Link
	if err := d.Decode(e.Append(nil)); err != nil || len(d.LinkInfo.Data.Veth.Peer) != 0 || !d.LinkInfo.Data.Veth.Has(VETH_INFO_PEER) {
		t.Fatalf("empty peer: %v, %d records", err, len(d.LinkInfo.Data.Veth.Peer))
	}
}
