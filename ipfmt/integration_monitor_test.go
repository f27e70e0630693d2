package ipfmt

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/monitor"
)

// lockedBuffer is a bytes.Buffer safe for a writer and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestIntegrationMonitor watches a namespace with `ip monitor` and with
// this package's AppendEvent (text and JSON) while objects of every kind
// are added and removed, and compares: the text line by line with ip's;
// every JSON line's object (without "event" and "kind") with the object
// ip -j lists, for the objects that still exist at the end.
func TestIntegrationMonitor(t *testing.T) {
	ns := testNS(t)
	time.Sleep(1500 * time.Millisecond) // the setup's own events (IPv6 link-local, DAD) are over
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var ipOut lockedBuffer
	ipMon := exec.CommandContext(ctx, "ip", "-n", ns.Name(), "monitor", "link", "address", "route", "neigh", "rule", "nexthop")
	ipMon.Stdout = &ipOut
	if err := ipMon.Start(); err != nil {
		t.Fatal(err)
	}
	m, err := monitor.Start(ctx, monitor.Options{NetNS: ns, Groups: []rtnl.Group{
		rtnl.RTNLGRP_LINK, rtnl.RTNLGRP_IPV4_IFADDR, rtnl.RTNLGRP_IPV6_IFADDR,
		rtnl.RTNLGRP_IPV4_ROUTE, rtnl.RTNLGRP_IPV6_ROUTE, rtnl.RTNLGRP_NEIGH,
		rtnl.RTNLGRP_IPV4_RULE, rtnl.RTNLGRP_IPV6_RULE, rtnl.RTNLGRP_NEXTHOP,
	}})
	if err != nil {
		t.Fatal(err)
	}
	lt, _ := links(t, ns)
	var mu sync.Mutex // text, js
	var text, js []byte
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range m.Events() {
			if err != nil {
				t.Errorf("monitor: %v", err)
				continue
			}
			if l := ev.Link(); l != nil {
				lt.Learn(l)
			}
			// ip monitor leaves cached routes out.
			if r := ev.Route(); r != nil && r.Header.Flags&rtnl.RTM_F_CLONED != 0 {
				continue
			}
			mu.Lock()
			var ok bool
			text, ok = Options{Links: lt}.AppendEvent(text, ev)
			if !ok {
				t.Errorf("event of %T not printed", ev.Msg)
			}
			js, _ = Options{Links: lt, JSON: true}.AppendEvent(js, ev)
			mu.Unlock()
		}
	}()
	// waitFor adds a rule and waits until both monitors have printed it:
	// a marker in both streams, however loaded the machine is.
	waitFor := func(prio string) string {
		nstest.IP(t, ns, "rule", "add", "priority", prio, "table", prio)
		marker := prio + ":\tfrom all lookup " + prio + "\n"
		for range 200 {
			mu.Lock()
			seen := strings.Contains(string(text), marker)
			mu.Unlock()
			if seen && strings.Contains(ipOut.String(), marker) {
				return marker
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the monitors did not print rule %s within 10s:\nours:\n%s\nip:\n%s", prio, text, ipOut.String())
		return ""
	}
	// Both are subscribed once both print the first marker (ip monitor
	// may have joined later than ours: what came before it is not
	// compared).
	var start string
	for _, prio := range []string{"66", "67", "68", "69"} {
		nstest.IP(t, ns, "rule", "add", "priority", prio, "table", prio)
		marker := prio + ":\tfrom all lookup " + prio + "\n"
		time.Sleep(200 * time.Millisecond)
		mu.Lock()
		seen := strings.Contains(string(text), marker)
		mu.Unlock()
		if seen && strings.Contains(ipOut.String(), marker) {
			start = marker
			break
		}
	}
	if start == "" {
		t.Fatalf("ip monitor printed no marker:\n%s", ipOut.String())
	}

	nstest.Batch(t, ns, strings.Join([]string{
		"route add 10.50.0.0/16 via 10.0.0.2 metric 9 proto static",
		"route del 10.50.0.0/16 via 10.0.0.2 metric 9",
		"route add 2001:db8:50::/48 via 2001:db8::2",
		"addr add 10.9.9.9/24 dev veth0",
		"addr del 10.9.9.9/24 dev veth0",
		"link set veth3 mtu 1400",
		"neigh add 10.0.0.77 lladdr 02:00:00:00:00:01 dev veth0",
		"rule add priority 5 table 5",
		"rule del priority 5 table 5",
		"nexthop add id 9 via 10.0.0.2 dev veth0",
		"nexthop del id 9",
		"neigh del 10.0.0.77 dev veth0",
		"link add m1 type veth peer name m2",
		"link del m1",
	}, "\n")+"\n")

	waitFor("77") // both have read everything
	m.Close()
	<-done
	cancel()
	ipMon.Wait()

	ours, ips := string(text), ipOut.String()
	ours = ours[strings.Index(ours, start)+len(start):]
	ips = ips[strings.Index(ips, start)+len(start):]
	if strings.Count(ours, "\n") < 20 {
		t.Fatalf("only %d lines:\n%s", strings.Count(ours, "\n"), ours)
	}
	compareText(t, "ip monitor", ours, ips)

	// JSON: one object per line, with event and kind first.
	for i, line := range strings.Split(strings.TrimRight(string(js), "\n"), "\n") {
		v, ok := decodeJSON(t, "monitor line", []byte(line)).(map[string]any)
		if !ok {
			t.Fatalf("line %d is not an object: %s", i+1, line)
		}
		if !strings.HasPrefix(line, `{"event":"`) || !strings.Contains(line, `,"kind":"`) {
			t.Errorf("line %d does not start with event and kind: %s", i+1, line)
		}
		if e := v["event"]; e != "new" && e != "del" {
			t.Errorf("line %d: event %v", i+1, e)
		}
	}
	// A link event's object is the link ip -j lists (veth3, changed last).
	var linkLine string
	for _, line := range strings.Split(strings.TrimRight(string(js), "\n"), "\n") {
		if strings.Contains(line, `"kind":"link"`) && strings.Contains(line, `"ifname":"veth3"`) {
			linkLine = line
		}
	}
	if linkLine == "" {
		t.Fatalf("no link event for veth3:\n%s", js)
	}
	lobj := decodeJSON(t, "monitor line", []byte(linkLine)).(map[string]any)
	delete(lobj, "event")
	delete(lobj, "kind")
	compareJSON(t, "monitor link vs ip -j link", []any{lobj}, decodeJSON(t, "ip -j link show veth3", []byte(nstest.IP(t, ns, "-j", "link", "show", "veth3"))), nil)

	// The last route event's object is the route ip -j lists.
	var last string
	for _, line := range strings.Split(strings.TrimRight(string(js), "\n"), "\n") {
		if strings.Contains(line, `"kind":"route"`) && strings.Contains(line, `"2001:db8:50::/48"`) {
			last = line
		}
	}
	if last == "" {
		t.Fatalf("no event for 2001:db8:50::/48:\n%s", js)
	}
	obj := decodeJSON(t, "monitor line", []byte(last)).(map[string]any)
	delete(obj, "event")
	delete(obj, "kind")
	ipList := decodeJSON(t, "ip -j -6 route show 2001:db8:50::/48", []byte(nstest.IP(t, ns, "-j", "-6", "route", "show", "2001:db8:50::/48")))
	compareJSON(t, "monitor route vs ip -j route", []any{obj}, ipList, nil)
}
