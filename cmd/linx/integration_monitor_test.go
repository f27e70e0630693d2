package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// monitorProc is a running `linx monitor` whose stdout lines arrive on
// lines.
type monitorProc struct {
	cmd    *exec.Cmd
	lines  chan string
	stderr strings.Builder
	done   chan error
}

// startMonitor runs the test binary as `linx -n NS ARGS...` and reads its
// standard output line by line. The process is killed at the end of the
// test if it is still running.
func startMonitor(t *testing.T, ns nlsock.NetNS, args ...string) *monitorProc {
	t.Helper()
	p := &monitorProc{lines: make(chan string, 1024), done: make(chan error, 1)}
	p.cmd = exec.Command(os.Args[0], append([]string{"-n", ns.Name()}, args...)...)
	p.cmd.Env = append(os.Environ(), "LINX_TEST_MAIN=1")
	p.cmd.Stderr = &p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
		}
	})
	return p
}

// next returns the next line, or false when none comes within d (or the
// output ended).
func (p *monitorProc) next(d time.Duration) (string, bool) {
	select {
	case l, ok := <-p.lines:
		return l, ok
	case <-time.After(d):
		return "", false
	}
}

// stop sends sig and checks that the process exits 0 within a few seconds
// with nothing on stderr; it returns the lines printed after the signal.
func (p *monitorProc) stop(t *testing.T, sig os.Signal) []string {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	var rest []string
	timeout := time.After(5 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if ok {
				rest = append(rest, l)
				continue
			}
			select {
			case err := <-p.done:
				var ee *exec.ExitError
				switch {
				case err == nil:
				case errors.As(err, &ee):
					t.Errorf("monitor exited %d after %v, want 0 (stderr %q)", ee.ExitCode(), sig, p.stderr.String())
				default:
					t.Errorf("monitor: %v", err)
				}
			case <-timeout:
				t.Fatalf("monitor did not exit within 5s of %v", sig)
			}
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("monitor took %v to exit after %v", el, sig)
			}
			if s := p.stderr.String(); s != "" {
				t.Errorf("monitor stderr: %q", s)
			}
			return rest
		case <-timeout:
			t.Fatalf("monitor did not exit within 5s of %v", sig)
		}
	}
}

// waitLive changes the MTU of linkA until a line arrives: from then on the
// monitor is subscribed (it only prints after joining its groups). It
// returns the lines read.
func (p *monitorProc) waitLive(t *testing.T, ns nlsock.NetNS) []string {
	t.Helper()
	for i := range 50 {
		nstest.IP(t, ns, "link", "set", linkA, "mtu", strconv.Itoa(1400+i))
		if l, ok := p.next(200 * time.Millisecond); ok {
			return []string{l}
		}
	}
	t.Fatalf("no event from the monitor after 50 link changes (stderr %q)", p.stderr.String())
	return nil
}

// TestIntegrationMonitorJSON runs `linx -json monitor route link` against a
// namespace changed with ip: route additions and removals arrive as JSON
// lines, address changes (a group not selected) do not, and SIGINT ends it
// with exit status 0.
func TestIntegrationMonitorJSON(t *testing.T) {
	ns := setupNS(t)
	p := startMonitor(t, ns, "-json", "monitor", "route", "link")
	seen := p.waitLive(t, ns)

	nstest.IP(t, ns, "addr", "add", "10.0.9.1/24", "dev", linkB) // an addr event: must not appear
	nstest.IP(t, ns, "route", "add", "10.50.0.0/16", "via", "10.0.0.254", "proto", "static")
	nstest.IP(t, ns, "route", "del", "10.50.0.0/16")

	var gotNew, gotDel bool
	deadline := time.Now().Add(10 * time.Second)
	for !(gotNew && gotDel) && time.Now().Before(deadline) {
		l, ok := p.next(time.Until(deadline))
		if !ok {
			break
		}
		seen = append(seen, l)
		var ev map[string]any
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", l, err)
		}
		if ev["kind"] == "route" && ev["dst"] == "10.50.0.0/16" {
			_, table := ev["table"] // main: not printed, as ip -j route does
			if ev["gateway"] != "10.0.0.254" || ev["dev"] != linkA || ev["protocol"] != "static" || table {
				t.Errorf("route event %s", l)
			}
			switch ev["event"] {
			case "new":
				gotNew = true
			case "del":
				gotDel = gotNew // in that order
			}
		}
	}
	if !gotNew || !gotDel {
		t.Fatalf("no new and del events for 10.50.0.0/16 within 10s; lines:\n%s\nstderr: %s", strings.Join(seen, "\n"), p.stderr.String())
	}
	seen = append(seen, p.stop(t, os.Interrupt)...)

	var kinds = map[string]int{}
	for _, l := range seen {
		var ev struct{ Event, Kind string }
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Errorf("line %q: %v", l, err)
			continue
		}
		if ev.Event != "new" && ev.Event != "del" {
			t.Errorf("line %q: event %q", l, ev.Event)
		}
		kinds[ev.Kind]++
	}
	if kinds["addr"] != 0 {
		t.Errorf("addr events printed though only route and link were selected:\n%s", strings.Join(seen, "\n"))
	}
	if kinds["link"] == 0 || kinds["route"] < 2 {
		t.Errorf("events by kind %v:\n%s", kinds, strings.Join(seen, "\n"))
	}
	// The address's own routes (10.0.9.0/24, local 10.0.9.1) came as
	// route events, with the interface resolved.
	joined := strings.Join(seen, "\n")
	if !strings.Contains(joined, `"kind":"route","dst":"10.0.9.0/24","dev":"`+linkB+`"`) {
		t.Errorf("no route event for the address's prefix route:\n%s", joined)
	}
}

// TestIntegrationMonitorText runs the text form with every object and
// checks lines as ip monitor prints them; SIGTERM ends it with exit 0.
func TestIntegrationMonitorText(t *testing.T) {
	ns := setupNS(t)
	p := startMonitor(t, ns, "monitor", "all")
	seen := p.waitLive(t, ns)

	nstest.Batch(t, ns, strings.Join([]string{
		"addr add 10.0.9.1/24 dev " + linkB,
		"route add 10.50.0.0/16 via 10.0.0.254 proto static",
		"neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev " + linkA + " nud permanent",
		"rule add priority 1234 lookup 77",
		"nexthop add id 77 blackhole",
		"nexthop del id 77",
		"rule del priority 1234",
		"neigh del 10.0.0.7 dev " + linkA,
		"route del 10.50.0.0/16",
		"addr del 10.0.9.1/24 dev " + linkB,
	}, "\n")+"\n")
	want := []string{
		"5: " + linkB + "    inet 10.0.9.1/24 scope global " + linkB,
		"10.50.0.0/16 via 10.0.0.254 dev " + linkA + " proto static",
		"10.0.0.7 dev " + linkA + " lladdr 02:00:00:00:00:07 PERMANENT",
		"1234:\tfrom all lookup 77",
		"id 77 blackhole",
		"Deleted id 77 blackhole",
		"Deleted 1234:\tfrom all lookup 77",
		"Deleted 10.50.0.0/16 via 10.0.0.254 dev " + linkA + " proto static",
		"Deleted 5: " + linkB + "    inet 10.0.9.1/24 scope global " + linkB,
	}
	found := 0
	deadline := time.Now().Add(10 * time.Second)
	for found < len(want) && time.Now().Before(deadline) {
		l, ok := p.next(time.Until(deadline))
		if !ok {
			break
		}
		seen = append(seen, l)
		if l == want[found] {
			found++
		}
	}
	if found < len(want) {
		t.Fatalf("missing (in order) %q; lines:\n%s\nstderr: %s", want[found], strings.Join(seen, "\n"), p.stderr.String())
	}
	p.stop(t, syscall.SIGTERM)
}

// TestIntegrationMonitorNetconf: `linx monitor netconf` joins the netconf
// groups the schema names, and prints the kernel's notifications of a
// forwarding change as ip monitor does (text) and as one JSON object.
func TestIntegrationMonitorNetconf(t *testing.T) {
	ns := setupNS(t)
	forwarding := func(v string) {
		err := nlsock.Do(ns, func() error {
			return os.WriteFile("/proc/sys/net/ipv4/conf/"+linkA+"/forwarding", []byte(v+"\n"), 0)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, "inet " + linkA + " forwarding on"},
		{[]string{"-json"}, `{"event":"new","kind":"netconf","family":"inet","interface":"` + linkA + `","forwarding":true}`},
	} {
		p := startMonitor(t, ns, append(c.flags, "monitor", "netconf", "link")...)
		seen := p.waitLive(t, ns)
		forwarding("1")
		found := false
		deadline := time.Now().Add(10 * time.Second)
		for !found && time.Now().Before(deadline) {
			l, ok := p.next(time.Until(deadline))
			if !ok {
				break
			}
			seen = append(seen, l)
			found = l == c.want
		}
		if !found {
			t.Fatalf("%v: no line %q; lines:\n%s\nstderr: %s", c.flags, c.want, strings.Join(seen, "\n"), p.stderr.String())
		}
		p.stop(t, os.Interrupt)
		forwarding("0")
	}
}
