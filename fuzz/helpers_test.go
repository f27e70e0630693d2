package fuzz

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/tools/txtar"
)

// typeEnv names the message types to fuzz (comma-separated rtnl.Messages
// names); empty means all of them.
const typeEnv = "LINX_FUZZ_TYPE"

// targets returns the message types selected by LINX_FUZZ_TYPE, or fails
// naming the valid ones.
func targets(tb testing.TB) []nlwire.MessageInfo {
	tb.Helper()
	if len(rtnl.Messages) == 0 {
		tb.Fatal("rtnl.Messages is empty")
	}
	env := strings.TrimSpace(os.Getenv(typeEnv))
	if env == "" {
		return rtnl.Messages
	}
	var out []nlwire.MessageInfo
	for _, name := range strings.Split(env, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(rtnl.Messages, func(m nlwire.MessageInfo) bool { return m.Name == name })
		if i < 0 {
			tb.Fatalf("%s=%q: no message type %q; have %s", typeEnv, env, name, strings.Join(messageNames(), ", "))
		}
		out = append(out, rtnl.Messages[i])
	}
	return out
}

func messageNames() []string {
	var names []string
	for _, m := range rtnl.Messages {
		names = append(names, m.Name)
	}
	return names
}

// pick chooses the message type for a fuzz input's type argument: the one
// whose RTM_NEW/DEL/GET type it is, else one by typ modulo len(ms). Keying
// on the nlmsg_type keeps committed corpus entries meaning the same message
// when the schema gains types.
func pick(ms []nlwire.MessageInfo, typ uint16) nlwire.MessageInfo {
	if m, ok := lookup(ms, typ); ok {
		return m
	}
	return ms[int(typ)%len(ms)]
}

// lookup finds the message type with nlmsg_type typ.
func lookup(ms []nlwire.MessageInfo, typ uint16) (nlwire.MessageInfo, bool) {
	for _, m := range ms {
		if typ != 0 && (m.NewType == typ || m.DelType == typ || m.GetType == typ) {
			return m, true
		}
	}
	return nlwire.MessageInfo{}, false
}

// capture is one message from gen/rtnl/testdata/kernel.
type capture struct {
	file string // case name: the txtar file without extension
	name string // the archive member, e.g. msg1.hex
	msg  []byte // the message, struct nlmsghdr included
}

func (c capture) typ() uint16 {
	h, _ := nlsock.ParseHeader(c.msg)
	return h.Type
}

func (c capture) payload() []byte { return c.msg[nlsock.HeaderLen:] }

const captureGlob = "../gen/rtnl/testdata/kernel/*.txtar"

var captures = sync.OnceValues(func() ([]capture, error) {
	files, err := filepath.Glob(captureGlob)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no kernel captures match %s", captureGlob)
	}
	var out []capture
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			return nil, err
		}
		c := strings.TrimSuffix(filepath.Base(f), ".txtar")
		for _, af := range ar.Files {
			raw, err := hex.DecodeString(strings.Join(strings.Fields(string(af.Data)), ""))
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %v", c, af.Name, err)
			}
			h, err := nlsock.ParseHeader(raw)
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %v", c, af.Name, err)
			}
			if int(h.Len) < nlsock.HeaderLen || int(h.Len) > len(raw) {
				return nil, fmt.Errorf("%s/%s: nlmsg_len %d, have %d bytes", c, af.Name, h.Len, len(raw))
			}
			out = append(out, capture{file: c, name: af.Name, msg: raw[:h.Len]})
		}
	}
	return out, nil
})

func loadCaptures(tb testing.TB) []capture {
	tb.Helper()
	cs, err := captures()
	if err != nil {
		tb.Fatal(err)
	}
	return cs
}

// hasMultipath reports whether some capture carries RTA_MULTIPATH, so the
// seed corpus exercises the record decoder.
func hasMultipath(cs []capture) bool {
	for _, c := range cs {
		var r rtnl.Route
		if c.typ() == uint16(rtnl.RTM_NEWROUTE) && r.Decode(c.payload()) == nil && r.Has(rtnl.RTA_MULTIPATH) && len(r.Multipath) > 1 {
			return true
		}
	}
	return false
}

// checkDecode decodes data as a message of type info and checks the decode
// contract; it fails t with the payload in hex on a violation.
func checkDecode(t *testing.T, info nlwire.MessageInfo, data []byte) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s\npayload (%d bytes): %s", info.Name, fmt.Sprintf(format, args...), len(data), hexTrunc(data))
	}

	// Decode a private copy, so scribbling over it afterwards shows
	// whether the value aliases its input.
	in := bytes.Clone(data)
	m := info.Make()
	err := m.Decode(in)
	errText := ""
	if err != nil {
		errText = err.Error()
	}
	out := m.Append(nil)
	if n := m.Size(); n != len(out) {
		fail("Size() = %d, Append wrote %d bytes (decode error: %v)", n, len(out), err)
	}
	if !info.Equal(m, m) {
		fail("Equal(m, m) is false (decode error: %v)", err)
	}
	for i := range in {
		in[i] = ^in[i]
	}
	if got := m.Append(nil); !bytes.Equal(got, out) {
		fail("the decoded value aliases its input: after overwriting the input, Append gives\n%s\nwant\n%s", hexTrunc(got), hexTrunc(out))
	}

	// A value reused from another message decodes to the same result.
	d := dirty(info)
	err2 := d.Decode(data)
	errText2 := ""
	if err2 != nil {
		errText2 = err2.Error()
	}
	if errText != errText2 {
		fail("decode into a reused value: error %q, fresh value: %q", errText2, errText)
	}
	if !info.Equal(m, d) {
		fail("decode into a reused value is not Equal to a fresh decode (fresh vs reused):\n%s", diff(m, d))
	}
	if got := d.Append(nil); !bytes.Equal(got, out) {
		fail("decode into a reused value appends\n%s\nfresh value appends\n%s", hexTrunc(got), hexTrunc(out))
	}
	if d.Size() != len(out) {
		fail("reused value: Size() = %d, Append wrote %d bytes", d.Size(), len(out))
	}
	for _, v := range []nlwire.Codec{m, d} {
		if bad := absentNotZero(v); len(bad) > 0 {
			which := "fresh"
			if v == d {
				which = "reused"
			}
			fail("decode into a %s value leaves fields of absent attributes set:\n%s", which, strings.Join(bad, "\n"))
		}
	}

	// Clone shares nothing: decoding into the original afterwards must not
	// change the clone.
	if c, ok := clone(m); ok {
		if !info.Equal(m, c) {
			fail("Clone is not Equal to the original")
		}
		m.Reset()
		if err := m.Decode(dirtyPayload(info)); err != nil {
			_ = err.Error()
		}
		if got := c.Append(nil); !bytes.Equal(got, out) {
			fail("Clone shares memory with the original: after reusing the original, the clone appends\n%s\nwant\n%s", hexTrunc(got), hexTrunc(out))
		}
		m = c
	}

	// Reset empties the value.
	r := dirty(info)
	r.Reset()
	if !info.Equal(r, info.Make()) {
		fail("Reset value is not Equal to a new one")
	}
	if bad := absentNotZero(r); len(bad) > 0 {
		fail("Reset leaves fields set:\n%s", strings.Join(bad, "\n"))
	}

	if err != nil {
		return
	}

	// A successful decode is a fixed point after one round trip.
	m2 := info.Make()
	if err := m2.Decode(out); err != nil {
		fail("Append(decoded) does not decode: %v\nappended (%d bytes): %s", err, len(out), hexTrunc(out))
	}
	if !info.Equal(m, m2) {
		fail("Append(decoded) decodes to a different value (first vs second decode):\n%s\nappended (%d bytes): %s", diff(m, m2), len(out), hexTrunc(out))
	}
	out2 := m2.Append(nil)
	if !bytes.Equal(out, out2) {
		fail("re-encoding is not canonical:\nfirst  %s\nsecond %s", hexTrunc(out), hexTrunc(out2))
	}
	if n := m2.Size(); n != len(out2) {
		fail("after round trip: Size() = %d, Append wrote %d bytes", n, len(out2))
	}
	// Append after a header-sized prefix, as requests do.
	pre := bytes.Repeat([]byte{0xa5}, nlsock.HeaderLen)
	got := m.Append(slices.Clone(pre))
	if !bytes.Equal(got[:len(pre)], pre) || !bytes.Equal(got[len(pre):], out) {
		fail("Append to a non-empty buffer differs from Append(nil)")
	}
}

// clone calls the generated Clone method (which returns a value, not a
// pointer) on m, if the type has one.
func clone(m nlwire.Codec) (nlwire.Codec, bool) {
	meth := reflect.ValueOf(m).MethodByName("Clone")
	if !meth.IsValid() || meth.Type().NumIn() != 0 || meth.Type().NumOut() != 1 {
		return nil, false
	}
	v := meth.Call(nil)[0]
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	c, ok := p.Interface().(nlwire.Codec)
	return c, ok
}

// dirtyPayloads holds, per message name, a payload with every attribute
// present (built by the struct filler), to leave stale state in a value
// before the value is reused.
var dirtyPayloads sync.Map

func dirtyPayload(info nlwire.MessageInfo) []byte {
	if b, ok := dirtyPayloads.Load(info.Name); ok {
		return b.([]byte)
	}
	m, _ := fill(info, bytes.Repeat([]byte{0x5a, 0xff, 0x13, 0x77}, 256), fillAllPresent)
	b := m.Append(nil)
	dirtyPayloads.Store(info.Name, b)
	return b
}

// dirty returns a value of type info that has decoded a rich message.
func dirty(info nlwire.MessageInfo) nlwire.Codec {
	d := info.Make()
	if err := d.Decode(dirtyPayload(info)); err != nil {
		_ = err.Error()
	}
	return d
}

// hexTrunc prints b in hex, eliding the middle of long inputs (the fuzzer
// keeps the whole failing input in testdata/fuzz).
func hexTrunc(b []byte) string {
	const keep = 256
	if len(b) <= 2*keep {
		return fmt.Sprintf("%x", b)
	}
	return fmt.Sprintf("%x ...(%d bytes)... %x", b[:keep], len(b)-2*keep, b[len(b)-keep:])
}
