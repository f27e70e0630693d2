package nlwire

import (
	"net/netip"
	"testing"
)

func TestFieldValue(t *testing.T) {
	names := Names{Vals: []uint64{1, 2}, Text: "ab", TextEnd: []uint16{1, 2}, C: "X_AX_B", CEnd: []uint16{3, 6}}
	for _, c := range []struct {
		v    FieldValue
		zero bool
		name string
	}{
		{FieldValue{}, true, ""},
		{FieldValue{Kind: FieldUint, Uint: 3}, false, ""},
		{FieldValue{Kind: FieldUint}, true, ""},
		{FieldValue{Kind: FieldInt, Int: -1}, false, ""},
		{FieldValue{Kind: FieldAddr, Addr: netip.MustParseAddr("10.0.0.1")}, false, ""},
		{FieldValue{Kind: FieldAddr, Addr: netip.IPv4Unspecified()}, true, ""},
		{FieldValue{Kind: FieldString, Bytes: []byte("x")}, false, ""},
		{FieldValue{Kind: FieldEnum, Uint: 2, Names: &names}, false, "b"},
		{FieldValue{Kind: FieldEnum, Uint: 7, Names: &names}, false, "7"},
		{FieldValue{Kind: FieldFlags, Uint: 3, Names: &names}, false, "a|b"},
	} {
		if got := c.v.IsZero(); got != c.zero {
			t.Errorf("%+v: IsZero %v, want %v", c.v, got, c.zero)
		}
		if got := c.v.Name(); got != c.name {
			t.Errorf("%+v: Name %q, want %q", c.v, got, c.name)
		}
	}
	if got := (FieldValue{Kind: FieldString, Bytes: []byte("eth0")}).Text(); got != "eth0" {
		t.Errorf("Text = %q", got)
	}
}
