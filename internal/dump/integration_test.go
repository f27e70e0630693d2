package dump

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationNetconf lists netconf entries with nothing but the
// schema's metadata and codecs (a message type the resource packages do
// not know) and compares them with `ip -j netconf show`.
func TestIntegrationNetconf(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	for _, kv := range []string{"net.ipv4.conf.veth0.forwarding=1", "net.ipv4.conf.veth1.rp_filter=2", "net.ipv6.conf.veth1.forwarding=1", "net.ipv4.conf.veth0.proxy_arp=1"} {
		if out, err := exec.Command("ip", "netns", "exec", ns.Name(), "sysctl", "-qw", kv).CombinedOutput(); err != nil {
			t.Fatalf("sysctl %s: %v: %s", kv, err, out)
		}
	}
	conn := nstest.Dial(t, ns)
	_, byIndex := nstest.Interfaces(t, ns)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var req rtnl.Netconf // AF_UNSPEC: every family
	ncs, err := List[rtnl.Netconf](ctx, conn, req.Append(nil))
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Family                   string `json:"family"`
		Interface                string `json:"interface"`
		Forwarding               bool   `json:"forwarding"`
		RPFilter                 string `json:"rp_filter"`
		MCForwarding             bool   `json:"mc_forwarding"`
		ProxyNeigh               bool   `json:"proxy_neigh"`
		IgnoreRoutesWithLinkdown bool   `json:"ignore_routes_with_linkdown"`
	}
	var want []entry
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, "-j", "netconf", "show")), &want); err != nil {
		t.Fatal(err)
	}
	got := map[string]entry{}
	for _, n := range ncs {
		name := byIndex[uint32(n.Ifindex)]
		switch n.Ifindex {
		case -1:
			name = "all"
		case -2:
			name = "default"
		}
		e := entry{Family: n.Header.Family.String(), Interface: name, Forwarding: n.Forwarding != 0, MCForwarding: n.MCForwarding != 0,
			ProxyNeigh: n.ProxyNeigh != 0, IgnoreRoutesWithLinkdown: n.IgnoreRoutesWithLinkdown != 0}
		if n.Has(rtnl.NETCONFA_RP_FILTER) {
			e.RPFilter = [...]string{"off", "strict", "loose"}[n.RPFilter%3]
		}
		got[e.Family+" "+e.Interface] = e
	}
	if len(want) < 8 || len(got) != len(want) {
		t.Errorf("linx lists %d entries, ip %d", len(got), len(want))
	}
	for _, w := range want {
		if g, ok := got[w.Family+" "+w.Interface]; !ok || g != w {
			t.Errorf("ip lists %+v; linx %+v", w, g)
		}
	}
	if g := got["inet veth0"]; !g.Forwarding || !g.ProxyNeigh || got["inet veth1"].RPFilter != "loose" || !got["inet6 veth1"].Forwarding {
		t.Errorf("the sysctls did not show: %v", fmt.Sprint(got))
	}
}
