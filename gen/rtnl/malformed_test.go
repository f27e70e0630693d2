package rtnl

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/linx-go/linx/runtime/nlwire"
)

// attrAt returns the offset of the first attribute of type typ in a route
// payload, walking the real framing.
func attrAt(t *testing.T, b []byte, typ uint16) int {
	t.Helper()
	for off := SizeofRtMsg; off+4 <= len(b); {
		n := int(binary.NativeEndian.Uint16(b[off:]))
		if binary.NativeEndian.Uint16(b[off+2:])&nlwire.TypeMask == typ {
			return off
		}
		off += nlwire.Align(n)
	}
	t.Fatalf("no attribute %d", typ)
	return 0
}

func decodeErr(t *testing.T, b []byte) (*Route, *nlwire.DecodeError) {
	t.Helper()
	var r Route
	err := r.Decode(b)
	var de *nlwire.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("Decode = %v, want a *nlwire.DecodeError", err)
	}
	return &r, de
}

func TestMalformedTruncatedHeader(t *testing.T) {
	b := capture(t, "ipv4-unicast/msg1.hex")
	_, de := decodeErr(t, b[:SizeofRtMsg-1])
	if de.Msg != "route" || de.Offset != 0 || !strings.Contains(de.Error(), "at least 12") {
		t.Fatalf("error %q", de)
	}
}

func TestMalformedAttrLengthBelowHeader(t *testing.T) {
	b := append([]byte(nil), capture(t, "ipv4-unicast/msg1.hex")...)
	off := attrAt(t, b, RTA_PRIORITY)
	binary.NativeEndian.PutUint16(b[off:], 3)
	r, de := decodeErr(t, b)
	if de.Offset != off || de.Msg != "route" {
		t.Fatalf("error %q, want offset %d", de, off)
	}
	// What came before the bad attribute is kept.
	if !r.Has(RTA_TABLE) || !r.Has(RTA_DST) {
		t.Fatal("attributes before the bad one were lost")
	}
}

func TestMalformedAttrPastEnd(t *testing.T) {
	b := append([]byte(nil), capture(t, "ipv4-unicast/msg1.hex")...)
	off := attrAt(t, b, RTA_OIF)
	binary.NativeEndian.PutUint16(b[off:], uint16(len(b)-off+4))
	_, de := decodeErr(t, b)
	if de.Offset != off || !strings.Contains(de.Error(), "nla_len") {
		t.Fatalf("error %q, want offset %d", de, off)
	}
}

func TestMalformedAddressLength(t *testing.T) {
	// An IPv4 route whose RTA_GATEWAY carries 16 bytes: the attribute is
	// reported, the rest of the message is still decoded.
	var r Route
	r.Header = hdr(AF_INET, 24, RTN_UNICAST)
	r.SetDst(ip("10.1.2.0"))
	r.SetGateway(ip("2001:db8::1"))
	r.SetOIF(7)
	b := r.Append(nil)
	got, de := decodeErr(t, b)
	if de.Attr != "RTA_GATEWAY" || de.Offset != attrAt(t, b, RTA_GATEWAY) || !strings.Contains(de.Error(), "AF_INET") {
		t.Fatalf("error %q", de)
	}
	if got.Has(RTA_GATEWAY) || !got.Has(RTA_OIF) || got.OIF != 7 || got.Dst != ip("10.1.2.0") {
		t.Fatalf("the rest of the message was not kept: %+v", got)
	}
	// Nothing is lost: the malformed attribute is kept raw, in its place.
	if out := got.Append(nil); string(out) != string(b) {
		t.Fatalf("re-encoded\n%x\nwant the input\n%x", out, b)
	}
}

func TestMalformedScalarLength(t *testing.T) {
	b := append([]byte(nil), capture(t, "ipv4-unicast/msg1.hex")...)
	off := attrAt(t, b, RTA_PRIORITY)
	binary.NativeEndian.PutUint16(b[off:], 6) // u32 with 2 bytes
	r, de := decodeErr(t, b)
	if de.Attr != "RTA_PRIORITY" || de.Offset != off {
		t.Fatalf("error %q", de)
	}
	if r.Has(RTA_PRIORITY) || !r.Has(RTA_OIF) {
		t.Fatal("want RTA_PRIORITY absent and later attributes decoded")
	}
}

func TestMalformedNexthopLength(t *testing.T) {
	for _, tc := range []struct {
		name string
		len  uint16
	}{{"below header", 4}, {"past end", 200}} {
		t.Run(tc.name, func(t *testing.T) {
			b := append([]byte(nil), capture(t, "multipath/msg1.hex")...)
			mp := attrAt(t, b, RTA_MULTIPATH)
			binary.NativeEndian.PutUint16(b[mp+4:], tc.len) // first rtnh_len
			_, de := decodeErr(t, b)
			if de.Attr != "RTA_MULTIPATH" || !strings.Contains(de.Error(), "record length") {
				t.Fatalf("error %q", de)
			}
			var inner *nlwire.DecodeError
			if !errors.As(de.Err, &inner) || inner.Offset != mp+4 {
				t.Fatalf("inner error %v, want offset %d", de.Err, mp+4)
			}
		})
	}
}

func TestMalformedStructTooShort(t *testing.T) {
	var r Route
	r.Header = hdr(AF_INET6, 0, RTN_UNICAST)
	b := nlwire.AppendBytes(r.Header.Append(nil), RTA_CACHEINFO, make([]byte, SizeofRtaCacheInfo-4))
	_, de := decodeErr(t, b)
	if de.Attr != "RTA_CACHEINFO" || !strings.Contains(de.Error(), "at least 32") {
		t.Fatalf("error %q", de)
	}
	// Longer is fine: a newer kernel's struct.
	var long Route
	long.Header = r.Header
	b = nlwire.AppendBytes(make([]byte, 0, 64), RTA_CACHEINFO, make([]byte, SizeofRtaCacheInfo+8))
	if err := long.Decode(append(long.Header.Append(nil), b...)); err != nil || !long.Has(RTA_CACHEINFO) {
		t.Fatalf("longer RTA_CACHEINFO: %v", err)
	}
}

// TestMalformedNeverPanics decodes every prefix and many corruptions of
// every capture: errors are fine, panics are not.
func TestMalformedNeverPanics(t *testing.T) {
	var r Route
	for _, msgs := range loadCaptures(t) {
		for _, m := range msgs {
			for n := 0; n <= len(m.payload); n++ {
				_ = r.Decode(m.payload[:n])
			}
			b := append([]byte(nil), m.payload...)
			for i := range b {
				for _, v := range []byte{0, 1, 3, 4, 0x7f, 0xff} {
					old := b[i]
					b[i] = v
					if r.Decode(b) == nil {
						// A value that decodes must encode to something that decodes equal.
						var again Route
						if err := again.Decode(r.Append(nil)); err != nil || !again.Equal(&r) {
							t.Fatalf("%s byte %d=%#x: round trip failed: %v", m.name, i, v, err)
						}
					}
					b[i] = old
				}
			}
		}
	}
}

func TestUnknownAttributesKept(t *testing.T) {
	b := append([]byte(nil), capture(t, "ipv4-unicast/msg1.hex")...)
	// A future attribute 99 between known ones, and one with NLA_F_NESTED.
	future := nlwire.AppendBytes(nil, 99, []byte{1, 2, 3})
	nested := nlwire.AppendBytes(nil, 100|nlwire.FlagNested, []byte{4, 0, 0, 0})
	off := attrAt(t, b, RTA_PRIORITY)
	in := append(append(append(append([]byte(nil), b[:off]...), future...), b[off:]...), nested...)
	var r Route
	if err := r.Decode(in); err != nil {
		t.Fatal(err)
	}
	if r.Has(99) || string(r.Unknown) != string(future)+string(nested) {
		t.Fatalf("Unknown = %x", r.Unknown)
	}
	if out := r.Append(nil); string(out) != string(in) {
		t.Fatalf("unknown attributes not re-encoded in place:\n got %x\nwant %x", out, in)
	}
}
