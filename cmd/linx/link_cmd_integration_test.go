package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// linkScript is run by linx (one command a line, and as a -batch file)
// and by ip, each in a fresh namespace; ip -d -j link must then show the
// same links.
var linkScript = []string{
	"link add lb0 type bridge stp_state 1 forward_delay 800 hello_time 300 max_age 1200 ageing_time 10000 priority 4096 mcast_snooping 0",
	"link add lv0 mtu 1400 type veth peer name lv1 mtu 1300",
	"link set lv0 up",
	"link set dev lv1 master lb0 up",
	"link set lv0 mtu 1280 txqueuelen 321 alias linx-alias group 7",
	"link set lv0 arp off promisc on allmulticast on",
	"link set lv0 arp on allmulticast off",
	"link add link lv0 name lm0 type macvlan mode bridge",
	"link add link lv0 lm1 type macvlan mode private",
	"link add lx0 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev lv0 nolearning ttl 5 tos 0x10",
	"link add lx6 type vxlan id 7 group ff05::100 dev lv0 learning",
	"link add li0 type ifb",
	"link set li0 name li1",
	"link add lv2 type veth peer name lv3",
	"link set lv3 master lb0",
	"link set lv3 nomaster",
	"link del dev lv2",
	"link add li2 type ifb",
	"link del li2",
}

// linkState is ip -d -j link of ns, without what differs between two
// namespaces by nature: indexes, random MAC addresses and the bridge ids
// and timers made from them.
func linkState(t *testing.T, ns nlsock.NetNS) string {
	t.Helper()
	var v []map[string]any
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, "-d", "-j", "link", "show")), &v); err != nil {
		t.Fatal(err)
	}
	var drop func(m map[string]any)
	drop = func(m map[string]any) {
		for k, x := range m {
			switch {
			case k == "ifindex" || k == "address" || k == "broadcast" || k == "perm_address" || k == "link_index":
				delete(m, k)
			case strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_timer") || strings.HasPrefix(k, "designated_") || k == "root_port":
				delete(m, k)
			default:
				if sub, ok := x.(map[string]any); ok {
					drop(sub)
				}
			}
		}
	}
	var out []string
	for _, l := range v {
		drop(l)
		b, _ := json.Marshal(l)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func TestIntegrationLinkWriteAsIP(t *testing.T) {
	byIP, byLinx, byBatch := nstest.New(t), nstest.New(t), nstest.New(t)
	for _, line := range linkScript {
		nstest.IP(t, byIP, strings.Fields(line)...)
		linxOK(t, byLinx, strings.Fields(line)...)
	}
	file := filepath.Join(t.TempDir(), "links.batch")
	if err := os.WriteFile(file, []byte(strings.Join(linkScript, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	linxOK(t, byBatch, "-batch", file)

	want := linkState(t, byIP)
	for who, ns := range map[string]nlsock.NetNS{"linx": byLinx, "linx -batch": byBatch} {
		if got := linkState(t, ns); got != want {
			t.Errorf("%s and ip leave different links:\n%s\nip:\n%s", who, got, want)
		}
	}
	if !strings.Contains(want, `"info_kind":"vxlan"`) || !strings.Contains(want, `"ifname":"li1"`) {
		t.Fatalf("the script did not run as meant:\n%s", want)
	}
}

// Exit statuses as ip's: a missing device 1, the kernel's refusal 2 (with
// its message), a malformed command line 255.
func TestIntegrationLinkWriteErrors(t *testing.T) {
	ns := nstest.New(t)
	linxOK(t, ns, "link", "add", "e0", "type", "ifb")
	linxFail(t, ns, 1, "no such interface", "link", "set", "nosuch0", "up")
	linxFail(t, ns, 1, "no such interface", "link", "del", "nosuch0")
	linxFail(t, ns, 2, "file exists", "link", "add", "e0", "type", "ifb")
	linxFail(t, ns, 2, "link add e1", "link", "add", "e1", "type", "linx-no-such-kind")
	linxFail(t, ns, 255, "type KIND", "link", "add", "e2")
	linxFail(t, ns, 255, "unknown argument", "link", "set", "e0", "bogus")
	linxFail(t, ns, 255, "on nor off", "link", "set", "e0", "arp", "maybe")
	linxFail(t, ns, 255, "vxlan needs id", "link", "add", "e3", "type", "vxlan", "dstport", "4789")
	linxFail(t, ns, 255, "needs link DEV", "link", "add", "e4", "type", "macvlan")
}
