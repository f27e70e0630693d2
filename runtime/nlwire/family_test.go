package nlwire

import (
	"bytes"
	"errors"
	"testing"
)

func TestAddrFamilies(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       []byte
		fam     uint8
		want    string // the address, "" for kept raw
		wantErr bool   // malformed
	}{
		{"inet", []byte{10, 0, 0, 1}, FamilyInet, "10.0.0.1", false},
		{"inet 16 bytes", make([]byte, 16), FamilyInet, "", true},
		{"inet6 4 bytes", []byte{10, 0, 0, 1}, FamilyInet6, "", true},
		{"ipmr", []byte{239, 1, 1, 1}, 128, "239.1.1.1", false},
		{"bridge v6", append([]byte{0xfe, 0x80}, make([]byte, 14)...), 7, "fe80::", false},
		{"mpls label is not ipv4", []byte{0, 1, 0x41, 0}, FamilyMPLS, "", false},
		{"mpls 4 labels are not ipv6", make([]byte, 16), FamilyMPLS, "", false},
		{"mctp one byte", []byte{8}, 45, "", false},
		{"phonet one byte", []byte{0x40}, 35, "", false},
	} {
		v, err := Addr(tc.p, tc.fam)
		switch {
		case tc.wantErr:
			if err == nil || foreign(err) {
				t.Errorf("%s: %v %v, want a length error", tc.name, v, err)
			}
		case tc.want == "":
			if !foreign(err) {
				t.Errorf("%s: %v %v, want kept raw", tc.name, v, err)
			}
		case err != nil || v.String() != tc.want:
			t.Errorf("%s: %v %v, want %s", tc.name, v, err, tc.want)
		}
	}
}

func TestMalformedKeepsForeignWithoutError(t *testing.T) {
	raw := []byte{5, 0, 1, 0, 8, 0, 0, 0}
	var unknown []byte
	var order Order
	if err := Malformed(nil, "route", "RTA_DST", 4, errForeign, &unknown, &order, raw); err != nil {
		t.Fatalf("a foreign address is not an error: %v", err)
	}
	if !bytes.Equal(unknown, raw) {
		t.Fatalf("kept %x, want %x", unknown, raw)
	}
	first := errors.New("earlier")
	if err := Malformed(first, "route", "RTA_DST", 4, errForeign, &unknown, &order, raw); err != first {
		t.Fatalf("the first error is kept: %v", err)
	}
	if err := Malformed(nil, "route", "RTA_DST", 4, errors.New("bad"), &unknown, &order, raw); err == nil {
		t.Fatal("a malformed address is an error")
	}
}

func TestUint(t *testing.T) {
	if v, err := Uint([]byte{1, 0, 0, 0}); err != nil || v != 1 {
		t.Errorf("u32: %d %v", v, err)
	}
	if v, err := Uint([]byte{0, 0, 0, 0, 1, 0, 0, 0}); err != nil || v != 1<<32 {
		t.Errorf("u64: %d %v", v, err)
	}
	if _, err := Uint([]byte{1, 0}); err == nil {
		t.Error("2 bytes accepted")
	}
	for _, v := range []uint64{0, 0xffffffff, 1 << 32} {
		b := AppendUint(nil, 23, v)
		if len(b) != AttrSize(UintLen(v)) {
			t.Errorf("%d: %d bytes, want %d", v, len(b), AttrSize(UintLen(v)))
		}
		if got, err := Uint(b[AttrHeaderLen:]); err != nil || got != v {
			t.Errorf("%d: read back %d %v", v, got, err)
		}
	}
}
