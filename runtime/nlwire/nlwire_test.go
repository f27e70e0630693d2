package nlwire

import (
	"bytes"
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestAlign(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 4, 4: 4, 5: 8, 7: 8, 8: 8} {
		if got := Align(n); got != want {
			t.Errorf("Align(%d) = %d, want %d", n, got, want)
		}
	}
	if AttrSize(1) != 8 || AttrSize(4) != 8 || AttrSize(16) != 20 {
		t.Error("AttrSize")
	}
}

// TestAppendersAndIterators encodes one attribute of each kind and walks it
// back with both AttrDecoder and Attr.
func TestAppendersAndIterators(t *testing.T) {
	a4, a6 := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("2001:db8::1")
	var b []byte
	b = AppendU8(b, 1, 7)
	b = AppendU16(b, 2, 0x1234)
	b = AppendU32(b, 3, 0xdeadbeef)
	b = AppendU64(b, 4, 1<<40)
	b = AppendBE16(b, 5, 80)
	b = AppendBE32(b, 6, 0x12345)
	b = AppendFlag(b, 7)
	b = AppendString(b, 8, []byte("eth0"))
	b = AppendBytes(b, 9, []byte{1, 2, 3})
	b = AppendAddr(b, 10, a4)
	b = AppendAddr(b, 11, a6)
	b = AppendVia(b, 12, a6)
	b, start := BeginAttr(b, 13|FlagNested)
	b = AppendU32(b, 1, 5)
	b = EndAttr(b, start)
	if len(b)%4 != 0 {
		t.Fatalf("run of %d bytes is not aligned", len(b))
	}

	check := func(typ uint16, p []byte) {
		t.Helper()
		var err error
		ok := true
		switch typ {
		case 1:
			v, e := U8(p)
			ok, err = v == 7, e
		case 2:
			v, e := U16(p)
			ok, err = v == 0x1234, e
		case 3:
			v, e := U32(p)
			ok, err = v == 0xdeadbeef, e
		case 4:
			v, e := U64(p)
			ok, err = v == 1<<40, e
		case 5:
			v, e := BE16(p)
			ok, err = v == 80 && p[1] == 80, e
		case 6:
			v, e := BE32(p)
			ok, err = v == 0x12345, e
		case 7:
			err = Flag(p)
		case 8:
			ok = string(CString(p)) == "eth0" && len(p) == 5
		case 9:
			ok = bytes.Equal(p, []byte{1, 2, 3})
		case 10:
			v, e := Addr(p, FamilyInet)
			ok, err = v == a4, e
		case 11:
			v, e := Addr(p, FamilyInet6)
			ok, err = v == a6, e
		case 12:
			v, e := Via(p)
			ok, err = v == a6, e
		case 13:
			typ, q, rest, good := Attr(p)
			ok = good && typ == 1 && len(q) == 4 && len(rest) == 0
		default:
			t.Fatalf("unexpected type %d", typ)
		}
		if err != nil || !ok {
			t.Errorf("attribute %d: %x: ok=%v err=%v", typ, p, ok, err)
		}
	}

	var d AttrDecoder
	d.Reset(b, 100)
	n := 0
	for d.Next() {
		n++
		check(d.Type(), d.Bytes())
		if d.Type() == 13 && d.RawType()&FlagNested == 0 {
			t.Error("NLA_F_NESTED lost")
		}
	}
	if d.Err() != nil || n != 13 {
		t.Fatalf("AttrDecoder: %d attributes, err %v", n, d.Err())
	}
	n = 0
	for rest := b; ; {
		typ, p, next, ok := Attr(rest)
		if !ok {
			if len(rest) != 0 {
				t.Fatalf("Attr stopped with %d bytes left", len(rest))
			}
			break
		}
		n++
		check(typ&TypeMask, p)
		rest = next
	}
	if n != 13 {
		t.Fatalf("Attr walked %d attributes", n)
	}
}

func TestFramingErrors(t *testing.T) {
	b := AppendU32(nil, 1, 1)
	b = append(b, 2, 0, 9, 0) // nla_len 2 < 4
	var d AttrDecoder
	d.Reset(b, 40)
	for d.Next() {
	}
	var de *DecodeError
	if !errors.As(d.Err(), &de) || de.Offset != 48 || !strings.Contains(de.Error(), "nla_len 2") {
		t.Fatalf("error %v", d.Err())
	}
	rest := b[8:]
	if err := AttrsErr(b, rest, 40, "route"); !strings.Contains(err.Error(), "route attribute at offset 48") {
		t.Fatalf("AttrsErr: %v", err)
	}
	// Past the end.
	b = []byte{200, 0, 1, 0, 0, 0, 0, 0}
	if _, _, _, ok := Attr(b); ok {
		t.Fatal("Attr accepted nla_len past the end")
	}
	// A short trailing run is ignored, as nla_for_each_attr does.
	d.Reset([]byte{1, 2}, 0)
	if d.Next() || d.Err() != nil {
		t.Fatal("a 2-byte tail is not an attribute nor an error")
	}
}

func TestLengthChecks(t *testing.T) {
	if _, err := U32([]byte{1, 2}); err == nil || !strings.Contains(err.Error(), "payload length 2, want 4") {
		t.Errorf("U32: %v", err)
	}
	if _, err := Addr(make([]byte, 16), FamilyInet); err == nil || !strings.Contains(err.Error(), "AF_INET") {
		t.Errorf("Addr v4: %v", err)
	}
	if _, err := Addr(make([]byte, 5), 0); !foreign(err) {
		t.Errorf("Addr any: %v, want a foreign address", err)
	}
	if v, err := Addr(make([]byte, 16), 0); err != nil || !v.Is6() {
		t.Errorf("Addr by length: %v %v", v, err)
	}
	if _, err := Via([]byte{7, 0, 1, 2, 3, 4}); !foreign(err) {
		t.Errorf("Via: %v, want a foreign address", err)
	}
	if err := MinLen(make([]byte, 3), 4); err == nil {
		t.Error("MinLen")
	}
	if err := MultipleOf(make([]byte, 12), 8); err == nil {
		t.Error("MultipleOf")
	}
	if Fail(nil, "m", "A", 4, errors.New("x")).Error() != "nlwire: m A at offset 4: x" {
		t.Error("Fail message")
	}
	first := errors.New("first")
	if Fail(first, "m", "A", 4, errors.New("x")) != first {
		t.Error("Fail must keep the first error")
	}
}

func TestOrderAndUnknown(t *testing.T) {
	var o Order
	for i := range OrderCap + 5 {
		o.Add(uint8(i))
	}
	if len(o.Seq()) != OrderCap {
		t.Fatalf("Order kept %d", len(o.Seq()))
	}
	o.Reset()
	if len(o.Seq()) != 0 {
		t.Fatal("Reset")
	}
	u := KeepRaw(nil, []byte{5, 0, 99, 0, 1})
	u = KeepRaw(u, []byte{4, 0, 98, 0})
	c := NewUnknownCursor(u)
	first := c.AppendNext(nil)
	if !bytes.Equal(first, []byte{5, 0, 99, 0, 1, 0, 0, 0}) {
		t.Fatalf("AppendNext %x", first)
	}
	if rest := c.AppendRest(nil); !bytes.Equal(rest, []byte{4, 0, 98, 0}) {
		t.Fatalf("AppendRest %x", rest)
	}
}

func TestRecordDecoder(t *testing.T) {
	rec := func(n int) []byte { b := make([]byte, n); b[0] = byte(n); return b }
	b := append(rec(8), rec(12)...)
	var d RecordDecoder
	d.Reset(b, 8, 20)
	var offs []int
	for d.Next() {
		offs = append(offs, d.Offset())
	}
	if d.Err() != nil || len(offs) != 2 || offs[1] != 28 {
		t.Fatalf("records at %v, err %v", offs, d.Err())
	}
	d.Reset(rec(4), 8, 0)
	if d.Next() || d.Err() == nil {
		t.Fatal("a record shorter than its header was accepted")
	}
}

func TestText(t *testing.T) {
	var x Text
	x.Set("lo")
	if x.String() != "lo" {
		t.Fatal(x)
	}
	if b, _ := x.MarshalText(); string(b) != "lo" {
		t.Fatal("MarshalText")
	}
}

func TestAppendAllocatesNothingWithRoom(t *testing.T) {
	buf := make([]byte, 0, 256)
	a := netip.MustParseAddr("2001:db8::1")
	n := testing.AllocsPerRun(100, func() {
		b := AppendU32(buf[:0], 1, 2)
		b = AppendAddr(b, 2, a)
		b, s := BeginAttr(b, 3)
		b = AppendString(b, 1, []byte("x"))
		_ = EndAttr(b, s)
	})
	if n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

func TestOversizedAttributePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "does not fit nla_len") {
			t.Fatalf("recovered %v", r)
		}
	}()
	AppendBytes(nil, 22, make([]byte, MaxAttrPayload+1))
}
