package nlsock_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

var ne = binary.NativeEndian

func TestHeaderRoundTrip(t *testing.T) {
	h := nlsock.Header{Len: 0x11223344, Type: 24, Flags: 0x0305, Seq: 7, Pid: 99}
	b := nlsock.AppendHeader(nil, h)
	if len(b) != nlsock.HeaderLen {
		t.Fatalf("len %d", len(b))
	}
	got, err := nlsock.ParseHeader(b)
	if err != nil || got != h {
		t.Fatalf("ParseHeader = %+v, %v; want %+v", got, err, h)
	}
	if _, err := nlsock.ParseHeader(b[:15]); !errors.Is(err, nlsock.ErrTruncated) {
		t.Fatalf("short header: err %v", err)
	}
}

func TestAlign(t *testing.T) {
	for in, want := range map[int]int{0: 0, 1: 4, 3: 4, 4: 4, 5: 8, 16: 16, 37: 40} {
		if got := nlsock.Align(in); got != want {
			t.Errorf("Align(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestBeginEndMessage(t *testing.T) {
	b := []byte{1, 2, 3} // unaligned prefix gets padded
	b, start := nlsock.BeginMessage(b, unix.RTM_NEWROUTE, nlsock.FlagRequest|nlsock.FlagAck, 42)
	if start != 4 {
		t.Fatalf("start %d, want 4", start)
	}
	b = append(b, 9, 9, 9, 9, 9)
	b = nlsock.EndMessage(b, start)
	h, _ := nlsock.ParseHeader(b[start:])
	want := nlsock.Header{Len: 21, Type: unix.RTM_NEWROUTE, Flags: nlsock.FlagRequest | nlsock.FlagAck, Seq: 42}
	if h != want {
		t.Fatalf("header %+v, want %+v", h, want)
	}
	// A second message starts aligned.
	b, start2 := nlsock.BeginMessage(b, 1, 0, 43)
	b = nlsock.EndMessage(b, start2)
	if start2 != 28 {
		t.Fatalf("second start %d, want 28", start2)
	}
	ms := nlsock.SplitMessages(b[start:])
	var seqs []uint32
	for ms.Next() {
		seqs = append(seqs, ms.Message().Header.Seq)
	}
	if ms.Err() != nil || len(seqs) != 2 || seqs[0] != 42 || seqs[1] != 43 {
		t.Fatalf("split: %v %v", seqs, ms.Err())
	}
}

func TestBeginEndMessageAllocs(t *testing.T) {
	buf := make([]byte, 0, 256)
	payload := make([]byte, 60)
	allocs := testing.AllocsPerRun(100, func() {
		b, start := nlsock.BeginMessage(buf[:0], 16, 0, 1)
		b = append(b, payload...)
		buf = nlsock.EndMessage(b, start)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per message, want 0", allocs)
	}
}

func TestEndMessagePanicsOnBadStart(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	nlsock.EndMessage(make([]byte, 10), 0)
}

// msg frames one message by hand.
func msg(typ, flags uint16, seq uint32, payload []byte) []byte {
	b := nlsock.AppendHeader(nil, nlsock.Header{Len: uint32(nlsock.HeaderLen + len(payload)), Type: typ, Flags: flags, Seq: seq})
	return append(b, payload...)
}

func TestSplitMessages(t *testing.T) {
	a := msg(16, nlsock.FlagMulti, 1, []byte{1, 2, 3, 4, 5}) // 21 bytes, padded to 24
	a = append(a, 0, 0, 0)
	b := msg(17, 0, 2, []byte{6, 7}) // 18 bytes, last: no padding
	d := append(a, b...)
	ms := nlsock.SplitMessages(d)
	var got []nlsock.Message
	for ms.Next() {
		got = append(got, ms.Message())
	}
	if err := ms.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Header.Type != 16 || !bytes.Equal(got[0].Payload, []byte{1, 2, 3, 4, 5}) ||
		got[1].Header.Type != 17 || !bytes.Equal(got[1].Payload, []byte{6, 7}) {
		t.Fatalf("got %+v", got)
	}
	// Payload capacity is capped: appending cannot clobber the next message.
	if cap(got[0].Payload) != 5 {
		t.Fatalf("payload cap %d", cap(got[0].Payload))
	}

	ms = nlsock.SplitMessages(nil)
	if ms.Next() || ms.Err() != nil {
		t.Fatal("empty datagram")
	}
}

func TestSplitMessagesErrors(t *testing.T) {
	good := msg(16, 0, 1, []byte{1, 2, 3, 4})
	tests := []struct {
		name string
		data []byte
		n    int // messages before the error
		want error
		off  string
	}{
		{"short header", []byte{1, 2, 3}, 0, nlsock.ErrTruncated, "offset 0"},
		{"trailing garbage", append(append([]byte{}, good...), 1, 2, 3, 4, 5), 1, nlsock.ErrTruncated, "offset 20"},
		{"len below header", func() []byte { b := append([]byte{}, good...); ne.PutUint32(b, 8); return b }(), 0, nlsock.ErrMalformed, "offset 0"},
		{"len past end", func() []byte {
			b := append(append([]byte{}, good...), good...)
			ne.PutUint32(b[20:], 100)
			return b
		}(), 1, nlsock.ErrTruncated, "offset 20"},
		{"huge len", func() []byte { b := append([]byte{}, good...); ne.PutUint32(b, 0xffffffff); return b }(), 0, nlsock.ErrTruncated, "offset 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := nlsock.SplitMessages(tt.data)
			n := 0
			for ms.Next() {
				n++
			}
			err := ms.Err()
			if n != tt.n || !errors.Is(err, tt.want) || !bytes.Contains([]byte(err.Error()), []byte(tt.off)) {
				t.Fatalf("n=%d err=%v; want n=%d, %v naming %q", n, err, tt.n, tt.want, tt.off)
			}
			if ms.Next() {
				t.Fatal("Next after error")
			}
		})
	}
}

// nlattr appends one attribute.
func nlattr(b []byte, typ uint16, v []byte) []byte {
	b = ne.AppendUint16(b, uint16(4+len(v)))
	b = ne.AppendUint16(b, typ)
	b = append(b, v...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func u32(v uint32) []byte { return ne.AppendUint32(nil, v) }

// errCode encodes -e as the kernel's int32 error code.
func errCode(e unix.Errno) []byte { return u32(uint32(-int32(e))) }

// errPayload builds a struct nlmsgerr payload.
func errPayload(code int32, orig nlsock.Header, origPayload, tlvs []byte) []byte {
	p := ne.AppendUint32(nil, uint32(code))
	p = nlsock.AppendHeader(p, orig)
	p = append(p, origPayload...)
	for len(p)%4 != 0 {
		p = append(p, 0)
	}
	return append(p, tlvs...)
}

func TestParseErrorAck(t *testing.T) {
	orig := nlsock.Header{Len: 44, Type: unix.RTM_NEWROUTE, Flags: 0x605, Seq: 3, Pid: 77}
	m := nlsock.Message{Header: nlsock.Header{Type: nlsock.TypeError, Flags: nlsock.FlagCapped}, Payload: errPayload(0, orig, nil, nil)}
	if err := nlsock.ParseError(m); err != nil {
		t.Fatalf("ack: %v", err)
	}
	// Not an error/done message: nothing to report.
	if err := nlsock.ParseError(nlsock.Message{Header: nlsock.Header{Type: unix.RTM_NEWLINK}}); err != nil {
		t.Fatal(err)
	}
}

func TestParseErrorCappedExtAck(t *testing.T) {
	orig := nlsock.Header{Len: 44, Type: unix.RTM_NEWROUTE, Flags: 0x605, Seq: 3, Pid: 77}
	tlvs := nlattr(nil, 1, []byte("Nexthop has invalid gateway\x00"))
	tlvs = nlattr(tlvs, 2, u32(36))
	m := nlsock.Message{
		Header:  nlsock.Header{Type: nlsock.TypeError, Flags: nlsock.FlagCapped | nlsock.FlagAckTLVs},
		Payload: errPayload(-int32(unix.ENETUNREACH), orig, nil, tlvs),
	}
	err := nlsock.ParseError(m)
	var e *nlsock.Error
	if !errors.As(err, &e) {
		t.Fatalf("err %T %v", err, err)
	}
	if !errors.Is(err, unix.ENETUNREACH) || e.Message != "Nexthop has invalid gateway" || e.Offset != 36 || e.Request != orig || e.MissingAttr != -1 {
		t.Fatalf("%+v", e)
	}
	e.Op = "RTM_NEWROUTE"
	if got, want := e.Error(), "netlink: RTM_NEWROUTE: network is unreachable (kernel: Nexthop has invalid gateway, at offset 36)"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	e.Offset = -1
	e.Errno = unix.EEXIST
	if got, want := e.Error(), "netlink: RTM_NEWROUTE: file exists (kernel: Nexthop has invalid gateway)"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

func TestParseErrorUncapped(t *testing.T) {
	// The request payload (here 22 bytes, padded to 24) is echoed before
	// the TLVs.
	origPayload := bytes.Repeat([]byte{0xAA}, 22)
	orig := nlsock.Header{Len: uint32(nlsock.HeaderLen + len(origPayload)), Type: unix.RTM_NEWLINK, Seq: 9}
	tlvs := nlattr(nil, 1, []byte("bad thing\x00"))
	tlvs = nlattr(tlvs, 5, u32(3))  // NLMSGERR_ATTR_MISS_TYPE
	tlvs = nlattr(tlvs, 6, u32(32)) // NLMSGERR_ATTR_MISS_NEST
	m := nlsock.Message{
		Header:  nlsock.Header{Type: nlsock.TypeError, Flags: nlsock.FlagAckTLVs},
		Payload: errPayload(-int32(unix.EINVAL), orig, origPayload, tlvs),
	}
	var e *nlsock.Error
	if err := nlsock.ParseError(m); !errors.As(err, &e) {
		t.Fatalf("err %v", err)
	}
	if e.Errno != unix.EINVAL || e.Message != "bad thing" || e.MissingAttr != 3 || e.MissingNest != 32 || e.Offset != -1 {
		t.Fatalf("%+v", e)
	}
	if got, want := e.Error(), "netlink: invalid argument (kernel: bad thing, missing attribute 3 in nest at offset 32)"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}

	// Without NLM_F_ACK_TLVS the bytes after the echo are not extack.
	m.Header.Flags = 0
	if err := nlsock.ParseError(m); !errors.As(err, &e) || e.Message != "" {
		t.Fatalf("no TLVs flag: %+v", e)
	}
	// Capped flag but payload still there: TLVs read at the wrong place
	// must not panic or invent a message from 0xAA bytes.
	m.Header.Flags = nlsock.FlagCapped | nlsock.FlagAckTLVs
	if err := nlsock.ParseError(m); !errors.As(err, &e) || e.Errno != unix.EINVAL {
		t.Fatalf("mismatched capped: %v", err)
	}
}

func TestParseErrorDone(t *testing.T) {
	done := func(flags uint16, p []byte) nlsock.Message {
		return nlsock.Message{Header: nlsock.Header{Type: nlsock.TypeDone, Flags: nlsock.FlagMulti | flags}, Payload: p}
	}
	if err := nlsock.ParseError(done(0, u32(0))); err != nil {
		t.Fatalf("done 0: %v", err)
	}
	if err := nlsock.ParseError(done(0, nil)); err != nil {
		t.Fatalf("done without code: %v", err)
	}
	code := errCode(unix.EMSGSIZE)
	err := nlsock.ParseError(done(0, code))
	if !errors.Is(err, unix.EMSGSIZE) {
		t.Fatalf("done error: %v", err)
	}
	p := nlattr(append([]byte{}, code...), 1, []byte("dump failed\x00"))
	var e *nlsock.Error
	if err := nlsock.ParseError(done(nlsock.FlagAckTLVs, p)); !errors.As(err, &e) || e.Message != "dump failed" || e.Errno != unix.EMSGSIZE {
		t.Fatalf("done with extack: %v", err)
	}
}

func TestParseErrorTruncated(t *testing.T) {
	m := nlsock.Message{Header: nlsock.Header{Type: nlsock.TypeError}, Payload: []byte{1, 2}}
	if err := nlsock.ParseError(m); !errors.Is(err, nlsock.ErrTruncated) {
		t.Fatalf("err %v", err)
	}
	// Only the code, no echoed header: still an error with its errno.
	m.Payload = errCode(unix.EPERM)
	if err := nlsock.ParseError(m); !errors.Is(err, unix.EPERM) {
		t.Fatalf("err %v", err)
	}
	// Malformed TLVs are ignored.
	orig := nlsock.Header{Len: 16}
	bad := []byte{200, 0, 1, 0, 'x'} // attribute longer than what remains
	m = nlsock.Message{Header: nlsock.Header{Type: nlsock.TypeError, Flags: nlsock.FlagAckTLVs | nlsock.FlagCapped},
		Payload: errPayload(-1, orig, nil, bad)}
	var e *nlsock.Error
	if err := nlsock.ParseError(m); !errors.As(err, &e) || e.Errno != unix.EPERM || e.Message != "" {
		t.Fatalf("err %v", err)
	}
}

func TestErrorFormats(t *testing.T) {
	e := &nlsock.Error{Errno: unix.ESRCH, Offset: -1, MissingAttr: -1, MissingNest: -1}
	if got := e.Error(); got != "netlink: no such process" {
		t.Fatal(got)
	}
	e.Offset, e.MissingAttr = 20, 4
	if got := e.Error(); got != "netlink: no such process (at offset 20, missing attribute 4)" {
		t.Fatal(got)
	}
}

// FuzzFraming checks that splitting and error parsing never panic.
func FuzzFraming(f *testing.F) {
	orig := nlsock.Header{Len: 44, Type: 24}
	tlvs := nlattr(nlattr(nil, 1, []byte("msg\x00")), 2, u32(20))
	f.Add(msg(nlsock.TypeError, nlsock.FlagCapped|nlsock.FlagAckTLVs, 1, errPayload(-17, orig, nil, tlvs)))
	f.Add(msg(nlsock.TypeError, nlsock.FlagAckTLVs, 1, errPayload(-17, nlsock.Header{Len: 20}, []byte{1, 2, 3, 4}, tlvs)))
	f.Add(msg(nlsock.TypeDone, nlsock.FlagAckTLVs, 1, append(u32(0xfffffff0), tlvs...)))
	f.Add(append(msg(16, 2, 1, make([]byte, 30)), msg(3, 2, 1, u32(0))...))
	f.Add([]byte{})
	f.Add([]byte{255, 255, 255, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		ms := nlsock.SplitMessages(data)
		for ms.Next() {
			m := ms.Message()
			if int(m.Header.Len) != nlsock.HeaderLen+len(m.Payload) {
				t.Fatalf("len %d vs payload %d", m.Header.Len, len(m.Payload))
			}
			for _, typ := range []uint16{m.Header.Type, nlsock.TypeError, nlsock.TypeDone} {
				for _, fl := range []uint16{m.Header.Flags, nlsock.FlagAckTLVs, nlsock.FlagAckTLVs | nlsock.FlagCapped} {
					m.Header.Type, m.Header.Flags = typ, fl
					if err := nlsock.ParseError(m); err != nil {
						_ = err.Error()
					}
				}
			}
		}
		if err := ms.Err(); err != nil {
			_ = err.Error()
		}
		// The same bytes read directly as error payloads.
		for _, fl := range []uint16{0, nlsock.FlagAckTLVs, nlsock.FlagAckTLVs | nlsock.FlagCapped} {
			for _, typ := range []uint16{nlsock.TypeError, nlsock.TypeDone} {
				if err := nlsock.ParseError(nlsock.Message{Header: nlsock.Header{Type: typ, Flags: fl}, Payload: data}); err != nil {
					_ = err.Error()
				}
			}
		}
	})
}

func TestNetNSValidation(t *testing.T) {
	for _, name := range []string{"", ".", "..", "a/b", "../x", "/x", "a\x00b"} {
		ns := nlsock.NetNSName(name)
		if ns.Err() == nil {
			t.Errorf("NetNSName(%q) accepted", name)
		}
		if err := nlsock.Do(ns, func() error { t.Error("fn ran"); return nil }); err == nil {
			t.Errorf("Do(NetNSName(%q)) succeeded", name)
		}
		if c, err := nlsock.Dial(nlsock.WithNetNS(ns)); err == nil {
			c.Close()
			t.Errorf("Dial(NetNSName(%q)) succeeded", name)
		}
	}
	for _, ns := range []nlsock.NetNS{nlsock.NetNSPid(0), nlsock.NetNSFd(-1), nlsock.NetNSPath("")} {
		if ns.Err() == nil {
			t.Errorf("%v accepted", ns)
		}
	}
	// ip netns add accepts these; so must we.
	for _, name := range []string{"a..b", "..x", "x..", "...", ".a", "a b", "é"} {
		if ns := nlsock.NetNSName(name); ns.Err() != nil || ns.Path() != "/run/netns/"+name {
			t.Errorf("NetNSName(%q): %v, path %q", name, ns.Err(), ns.Path())
		}
	}
	if ns := nlsock.NetNSName("ok-name"); ns.Err() != nil || ns.Path() != "/run/netns/ok-name" || ns.Name() != "ok-name" {
		t.Errorf("ok-name: %v %q", ns.Err(), ns.Path())
	}
	if p := nlsock.NetNSPid(12).Path(); p != "/proc/12/ns/net" {
		t.Error(p)
	}
	if !nlsock.HostNS().IsHost() || !(nlsock.NetNS{}).IsHost() {
		t.Error("zero NetNS is not host")
	}
}

func TestBatchBuild(t *testing.T) {
	var b nlsock.Batch
	b.Add(unix.RTM_NEWROUTE, nlsock.FlagCreate, []byte{1, 2, 3})
	buf := b.Begin(unix.RTM_DELROUTE, 0)
	buf = append(buf, 4, 5, 6, 7)
	b.End(buf)
	if b.Len() != 2 {
		t.Fatal(b.Len())
	}
	b.Reset()
	if b.Len() != 0 {
		t.Fatal("reset")
	}
}
