package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/ipfmt"
)

// TestIntegrationPrettyAsIP: ip's own -j -p output, compacted and laid out
// again, comes back byte for byte; linx -j -p is linx -j laid out so.
func TestIntegrationPrettyAsIP(t *testing.T) {
	ns := setupNS(t)
	for _, args := range []string{"route show table all", "-6 route show table all", "addr", "link", "rule", "neigh", "nexthop"} {
		want := nstest.IP(t, ns, append([]string{"-j", "-p"}, strings.Fields(args)...)...)
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(want)); err != nil {
			t.Fatalf("ip %s: %v\n%s", args, err, want)
		}
		if got := string(ipfmt.AppendPretty(nil, compact.Bytes())) + "\n"; got != want {
			t.Errorf("ip -j -p %s laid out again:\n%s\nip printed:\n%s", args, got, want)
		}
	}
	for _, args := range []string{"route list table all", "addr", "link", "rule", "nexthop", "route get 10.0.0.2"} {
		plain := linxOK(t, ns, append([]string{"-j"}, strings.Fields(args)...)...)
		pretty := linxOK(t, ns, append([]string{"-j", "-p"}, strings.Fields(args)...)...)
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(plain)); err != nil {
			t.Fatalf("linx -j %s: %v", args, err)
		}
		if want := string(ipfmt.AppendPretty(nil, compact.Bytes())) + "\n"; pretty != want {
			t.Errorf("linx -j -p %s:\n%s\nwant:\n%s", args, pretty, want)
		}
	}
}
