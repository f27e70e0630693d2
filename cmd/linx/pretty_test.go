package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
)

// ipPretty is ip -j -p's output for a link with two addresses and an empty
// listing (iproute2 6.1).
const ipPretty = `[ {
        "ifindex": 1,
        "ifname": "lo",
        "flags": [ "LOOPBACK","UP","LOWER_UP" ],
        "mtu": 65536,
        "linkinfo": {},
        "addr_info": [ {
                "family": "inet",
                "local": "127.0.0.1",
                "label": "lo \"x\", {y}: [z]"
            },{
                "family": "inet6",
                "local": "::1",
                "flags": [ ]
            } ]
    },{
        "ifindex": 2
    } ]`

func TestAppendPretty(t *testing.T) {
	for _, want := range []string{ipPretty, "[ ]", "{}", "[ 1,2 ]", `"x"`, "5"} {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(want)); err != nil {
			t.Fatal(err)
		}
		if got := appendPretty(nil, compact.Bytes(), 0); string(got) != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
}

// TestPrettyWriterStreams: the layout does not depend on how the JSON is
// cut into writes (ipfmt writes a listing object by object).
func TestPrettyWriterStreams(t *testing.T) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(ipPretty)); err != nil {
		t.Fatal(err)
	}
	for _, step := range []int{1, 2, 7, compact.Len()} {
		var out bytes.Buffer
		p := &prettyWriter{w: &out}
		src := append(compact.Bytes(), '\n')
		for i := 0; i < len(src); i += step {
			if n, err := p.Write(src[i:min(i+step, len(src))]); err != nil || n != min(step, len(src)-i) {
				t.Fatalf("Write: %d, %v", n, err)
			}
		}
		if out.String() != ipPretty+"\n" {
			t.Errorf("writes of %d bytes:\n%s\nwant\n%s", step, out.String(), ipPretty)
		}
	}
}

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
		if got := string(appendPretty(nil, compact.Bytes(), 0)) + "\n"; got != want {
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
		if want := string(appendPretty(nil, compact.Bytes(), 0)) + "\n"; pretty != want {
			t.Errorf("linx -j -p %s:\n%s\nwant:\n%s", args, pretty, want)
		}
	}
}
