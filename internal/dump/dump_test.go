package dump

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"iter"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// captured returns the messages (struct nlmsghdr included) of a capture in
// gen/rtnl/testdata/kernel.
func captured(t *testing.T, name string) [][]byte {
	t.Helper()
	ar, err := txtar.ParseFile("../../gen/rtnl/testdata/kernel/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, f := range ar.Files {
		b, err := hex.DecodeString(strings.Join(strings.Fields(string(f.Data)), ""))
		if err != nil {
			t.Fatalf("%s %s: %v", name, f.Name, err)
		}
		out = append(out, b)
	}
	return out
}

// withAttr returns msg with one more attribute (typ, payload) and its
// nlmsg_len fixed: a malformed one when payload has the wrong size.
func withAttr(msg []byte, typ uint16, payload []byte) []byte {
	b := append([]byte(nil), msg...)
	b = binary.NativeEndian.AppendUint16(b, uint16(4+len(payload)))
	b = binary.NativeEndian.AppendUint16(b, typ)
	b = append(b, payload...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	binary.NativeEndian.PutUint32(b, uint32(len(b)))
	return b
}

// short is a message of type typ whose payload is too short for any header.
func short(typ uint16) []byte {
	b := make([]byte, 16, 20)
	b = append(b, 2, 0, 0, 0)
	binary.NativeEndian.PutUint32(b, uint32(len(b)))
	binary.NativeEndian.PutUint16(b[4:], typ)
	return b
}

// done is NLMSG_DONE; a dump's datagrams end with it.
func done() []byte {
	b := make([]byte, 20)
	binary.NativeEndian.PutUint32(b, 20)
	binary.NativeEndian.PutUint16(b[4:], 3)
	return b
}

// messagesOf runs a datagram through nlsock's splitter, as Conn.Dump does
// with each datagram it reads; NLMSG_DONE ends it.
func messagesOf(d []byte) iter.Seq2[nlsock.Message, error] {
	return func(yield func(nlsock.Message, error) bool) {
		ms := nlsock.SplitMessages(d)
		for ms.Next() {
			m := ms.Message()
			if m.Header.Type == 3 {
				return
			}
			if !yield(m, nil) {
				return
			}
		}
		if err := ms.Err(); err != nil {
			yield(nlsock.Message{}, err)
		}
	}
}

// dumpCase is a dump with two bad messages among captured good ones.
type dumpCase[T any] struct {
	datagram []byte
	// want is the value each message of the dump decodes to, the bad ones
	// without their malformed attribute; badAt are the positions (from 1)
	// of the bad ones, badAttr the attribute each names ("" for a header).
	want    []T
	badAt   []int
	badAttr []string
}

// build makes the dump: msgs with the malformed attribute (typ, payload)
// added to the message at position 2 and a too-short message inserted at
// position 4 (so after the first bad one, good ones still follow).
func build[T any, PT Codec[T]](t *testing.T, msgs [][]byte, typ uint16, payload []byte) dumpCase[T] {
	t.Helper()
	var c dumpCase[T]
	mi := info[T, PT]()
	decodeGood := func(m []byte) T {
		var v T
		if err := PT(&v).Decode(m[16:]); err != nil {
			t.Fatalf("captured %s does not decode: %v", mi.Name, err)
		}
		return v
	}
	for i, m := range msgs {
		if i == 3 {
			c.datagram = append(c.datagram, short(mi.NewType)...)
			c.want = append(c.want, *new(T))
			c.badAt = append(c.badAt, len(c.want))
			c.badAttr = append(c.badAttr, "")
		}
		if i == 1 {
			bad := withAttr(m, typ, payload)
			c.datagram = append(c.datagram, bad...)
			// Decoded in part: all of m, and the malformed attribute
			// kept raw with the unknown ones.
			v := decodeGood(m)
			addUnknown(&v, bad[len(m):])
			c.want = append(c.want, v)
			c.badAt = append(c.badAt, len(c.want))
			c.badAttr = append(c.badAttr, "?")
			continue
		}
		c.datagram = append(c.datagram, m...)
		c.want = append(c.want, decodeGood(m))
	}
	c.datagram = append(c.datagram, done()...)
	if len(c.want) < 5 {
		t.Fatalf("%d messages, want at least 5 to have good ones after both bad ones", len(c.want))
	}
	return c
}

// addUnknown appends raw attributes to the Unknown of a generated message.
func addUnknown(v any, raw []byte) {
	switch m := v.(type) {
	case *rtnl.Route:
		m.Unknown = append(m.Unknown, raw...)
	case *rtnl.Link:
		m.Unknown = append(m.Unknown, raw...)
	default:
		panic("addUnknown: add a case for this type")
	}
}

func equal[T any, PT Codec[T]](a, b *T) bool {
	return info[T, PT]().Equal(PT(a), PT(b))
}

func testSurvives[T any, PT Codec[T]](t *testing.T, c dumpCase[T], attr string) {
	mi := info[T, PT]()
	isBad := func(i int) int {
		for k, n := range c.badAt {
			if n == i {
				return k
			}
		}
		return -1
	}
	check := func(what string, i int, v *T, err error) {
		t.Helper()
		k := isBad(i)
		if k < 0 {
			if err != nil {
				t.Errorf("%s: message %d: unexpected error %v", what, i, err)
			}
			if !equal[T, PT](v, &c.want[i-1]) {
				t.Errorf("%s: message %d differs from its own decode", what, i)
			}
			return
		}
		var de *nlwire.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: message %d: error %v, want a *nlwire.DecodeError", what, i, err)
			return
		}
		wantAttr := c.badAttr[k]
		if wantAttr == "?" {
			wantAttr = attr
		}
		if de.Nth != i || de.Msg != mi.Name || de.Attr != wantAttr {
			t.Errorf("%s: message %d: DecodeError %+v, want Nth %d, Msg %q, Attr %q", what, i, de, i, mi.Name, wantAttr)
		}
		if wantAttr != "" {
			if de.Offset <= 0 {
				t.Errorf("%s: message %d: offset %d", what, i, de.Offset)
			}
			// Everything but the malformed attribute was decoded, and
			// that one was kept raw.
			if !equal[T, PT](v, &c.want[i-1]) {
				t.Errorf("%s: message %d, decoded in part, lost more than its bad attribute", what, i)
			}
		}
	}

	t.Run("All", func(t *testing.T) {
		n := 0
		for v, err := range allFrom[T, PT](messagesOf(c.datagram), nil) {
			if v == nil {
				t.Fatalf("the dump ended after %d messages: %v", n, err)
			}
			n++
			check("All", n, v, err)
		}
		if n != len(c.want) {
			t.Errorf("All yielded %d messages, want %d", n, len(c.want))
		}
	})
	t.Run("AllStopsOnRequest", func(t *testing.T) {
		// A consumer that stops at the first error still can.
		n := 0
		for _, err := range allFrom[T, PT](messagesOf(c.datagram), nil) {
			n++
			if err != nil {
				break
			}
		}
		if n != c.badAt[0] {
			t.Errorf("stopped after %d messages, want %d", n, c.badAt[0])
		}
	})
	t.Run("AllWhereKeepsBad", func(t *testing.T) {
		n := 0
		for _, err := range allFrom[T, PT](messagesOf(c.datagram), func(*T) bool { return false }) {
			if err == nil {
				t.Errorf("a value the filter rejects was yielded")
			}
			n++
		}
		if n != len(c.badAt) {
			t.Errorf("with a filter that rejects all, %d messages, want the %d bad ones", n, len(c.badAt))
		}
	})
	t.Run("List", func(t *testing.T) {
		vs, err := listFrom[T, PT](messagesOf(c.datagram), nil)
		if len(vs) != len(c.want) {
			t.Fatalf("List returned %d values, want %d (err %v)", len(vs), len(c.want), err)
		}
		var des nlwire.DecodeErrors
		if !errors.As(err, &des) || len(des) != len(c.badAt) {
			t.Fatalf("List error %v, want DecodeErrors for %d messages", err, len(c.badAt))
		}
		var first *nlwire.DecodeError
		if !errors.As(err, &first) || first != des[0] {
			t.Errorf("errors.As does not find the first DecodeError in %v", err)
		}
		for k, i := range c.badAt {
			check("List", i, &vs[i-1], des[k])
		}
		for i := range vs {
			if isBad(i+1) < 0 {
				check("List", i+1, &vs[i], nil)
			}
		}
	})
}

// TestDumpSurvivesBadMessages: captured route and link dumps with a
// malformed attribute in one message and a truncated header in another,
// through the same code as All and List: every message arrives, the bad
// ones decoded in part with a DecodeError naming message, attribute and
// offset.
func TestDumpSurvivesBadMessages(t *testing.T) {
	t.Run("route", func(t *testing.T) {
		var msgs [][]byte
		for _, name := range []string{"ipv4-unicast", "multipath", "ipv6-unicast", "metrics"} {
			msgs = append(msgs, captured(t, name)...)
		}
		c := build[rtnl.Route](t, msgs, rtnl.RTA_GATEWAY, []byte{10, 0, 0})
		testSurvives[rtnl.Route](t, c, "RTA_GATEWAY")
	})
	t.Run("link", func(t *testing.T) {
		c := build[rtnl.Link](t, captured(t, "links"), rtnl.IFLA_MTU, []byte{0, 5})
		testSurvives[rtnl.Link](t, c, "IFLA_MTU")
	})
}

// TestMessageNumbersFromSchema: the dump finds each type's numbers in its
// generated metadata.
func TestMessageNumbersFromSchema(t *testing.T) {
	for _, c := range []struct {
		mi       *nlwire.MessageInfo
		get, new rtnl.MsgType
		name     string
	}{
		{info[rtnl.Route](), rtnl.RTM_GETROUTE, rtnl.RTM_NEWROUTE, "route"},
		{info[rtnl.Link](), rtnl.RTM_GETLINK, rtnl.RTM_NEWLINK, "link"},
		{info[rtnl.Addr](), rtnl.RTM_GETADDR, rtnl.RTM_NEWADDR, "addr"},
		{info[rtnl.Neigh](), rtnl.RTM_GETNEIGH, rtnl.RTM_NEWNEIGH, "neigh"},
		{info[rtnl.Rule](), rtnl.RTM_GETRULE, rtnl.RTM_NEWRULE, "rule"},
		{info[rtnl.NexthopObj](), rtnl.RTM_GETNEXTHOP, rtnl.RTM_NEWNEXTHOP, "nexthop"},
	} {
		if c.mi.GetType != uint16(c.get) || c.mi.NewType != uint16(c.new) || c.mi.Name != c.name || c.mi.DumpFlags != 0x300 {
			t.Errorf("%s: %+v", c.name, c.mi)
		}
	}
}
