package fuzz

import (
	"testing"

	"github.com/linx-go/linx/runtime/nlsock"
)

// FuzzFraming splits an arbitrary datagram into netlink messages, parses
// NLMSG_ERROR and NLMSG_DONE with nlsock.ParseError, and decodes every
// message whose nlmsg_type belongs to a generated codec with the checks of
// FuzzDecode. It must not panic and must not loop: each message consumes
// at least a header's worth of the datagram.
func FuzzFraming(f *testing.F) {
	ms := targets(f)
	for _, d := range framingSeeds(f) {
		f.Add(d.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		it := nlsock.SplitMessages(data)
		n := 0
		for it.Next() {
			n++
			if n > len(data)/nlsock.HeaderLen {
				t.Fatalf("SplitMessages yielded %d messages from %d bytes", n, len(data))
			}
			m := it.Message()
			if int(m.Header.Len) != nlsock.HeaderLen+len(m.Payload) {
				t.Fatalf("message %d: nlmsg_len %d, payload %d bytes", n, m.Header.Len, len(m.Payload))
			}
			switch m.Header.Type {
			case nlsock.TypeError, nlsock.TypeDone:
				if err := nlsock.ParseError(m); err != nil {
					_ = err.Error()
				}
			default:
				if info, ok := lookup(ms, m.Header.Type); ok {
					checkDecode(t, info, m.Payload)
				}
			}
		}
		if err := it.Err(); err != nil {
			_ = err.Error()
		}
		if it.Next() {
			t.Fatal("Next reported a message after the iteration ended")
		}
	})
}
