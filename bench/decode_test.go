package bench

import (
	"encoding/hex"
	"strings"
	"testing"

	jnl "github.com/jsimonetti/rtnetlink/v2"
	"golang.org/x/tools/txtar"

	"github.com/linx-go/linx/gen/rtnl"
)

// capturedRoute is the IPv4 route the gen/rtnl benchmarks decode: RTA_TABLE,
// RTA_DST, RTA_PRIORITY, RTA_PREFSRC, RTA_GATEWAY, RTA_OIF.
func capturedRoute(b *testing.B) []byte {
	ar, err := txtar.ParseFile("../gen/rtnl/testdata/kernel/ipv4-unicast.txtar")
	if err != nil {
		b.Fatal(err)
	}
	raw, err := hex.DecodeString(strings.Join(strings.Fields(string(ar.Files[0].Data)), ""))
	if err != nil {
		b.Fatal(err)
	}
	return raw[16:]
}

func BenchmarkDecodeRoute(b *testing.B) {
	msg := capturedRoute(b)
	b.Run("linx", func(b *testing.B) {
		var r rtnl.Route
		b.ReportAllocs()
		for range b.N {
			if err := r.Decode(msg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jsimonetti", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var r jnl.RouteMessage
			if err := r.UnmarshalBinary(msg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
