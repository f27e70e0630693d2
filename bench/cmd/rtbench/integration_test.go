package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// TestMain lets the test binary act as rtbench's child: run re-executes
// os.Executable() with -child, which here is this binary.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "-child" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("rtbench needs root: it creates a network namespace")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("rtbench needs ip (iproute2)")
	}
}

func nsName() string {
	var r [4]byte
	rand.Read(r[:])
	return "rtbench-test-" + hex.EncodeToString(r[:])
}

func nsExists(t *testing.T, name string) bool {
	t.Helper()
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		t.Fatalf("ip netns list: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == name {
			return true
		}
	}
	return false
}

// TestIntegrationRtbench runs every job end to end with small counts and
// checks that each printed a sane line, that the implementations saw the
// same routes, and that the namespace is gone afterwards.
func TestIntegrationRtbench(t *testing.T) {
	needRoot(t)
	const v4, v6, install, events = 2000, 200, 500, 2000
	o := options{routes: v4, routes6: v6, runs: 2, ns: nsName()}
	cfg := childConfig{Install: install, Events: events, RcvBuf: 4 << 20, DrainRcvBuf: 64 << 20, TableID: smallTable}
	var out, log bytes.Buffer
	if err := run(context.Background(), o, cfg, &out, &log); err != nil {
		t.Fatalf("run: %v\n%s\n%s", err, out.String(), log.String())
	}
	if nsExists(t, o.ns) {
		t.Errorf("namespace %s left behind", o.ns)
	}
	got := map[string]Result{}
	for _, line := range strings.Split(out.String(), "\n") {
		if !isResultLine(line) {
			continue
		}
		r, err := ParseResult(line)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := r.Get("runs"); v != "2" {
			t.Errorf("%s: runs=%s, want 2", line, v)
		}
		got[r.Impl+"/"+r.Op] = r
	}
	want := 0
	for _, j := range jobs {
		ops := []string{j.op}
		if strings.HasPrefix(j.op, "install-") {
			ops = append(ops, strings.Replace(j.op, "install", "delete", 1))
		}
		for _, op := range ops {
			want++
			r, ok := got[j.impl+"/"+op]
			if !ok {
				t.Errorf("no line for %s/%s", j.impl, op)
				continue
			}
			if r.Seconds <= 0 || (r.RSS == 0) {
				t.Errorf("%s: implausible seconds or rss", r)
			}
		}
	}
	if len(got) != want {
		t.Errorf("%d lines, want %d:\n%s", len(got), want, out.String())
	}
	// main table v4 + v6 plus the kernel's local and link routes, and the
	// small table: the floor and linx see the same dump.
	floor, lx := got["floor/dump-stream"], got["linx/dump-stream"]
	if floor.Routes < v4+v6+10 || lx.Routes != floor.Routes || got["linx/dump-list"].Routes != floor.Routes {
		t.Errorf("dump counts: floor %d, linx stream %d, list %d; want ≥ %d and equal",
			floor.Routes, lx.Routes, got["linx/dump-list"].Routes, v4+v6+10)
	}
	for _, impl := range []string{"floor", "linx", "vishvananda", "jsimonetti"} {
		if n := got[impl+"/table"].Routes; n != 10 {
			t.Errorf("%s table: %d routes, want 10", impl, n)
		}
	}
	for k, r := range got {
		if strings.Contains(k, "install-") || strings.Contains(k, "delete-") {
			if r.Routes != install {
				t.Errorf("%s: routes=%d, want %d", k, r.Routes, install)
			}
		}
	}
	for _, k := range []string{"floor/monitor", "linx/monitor", "floor/monitor-drain", "linx/monitor-drain", "vishvananda/monitor-drain"} {
		r := got[k]
		if r.Routes != events {
			t.Errorf("%s: %d events, want %d", r, r.Routes, events)
		}
		if v, ok := r.Float("events_per_s"); !ok || v <= 0 {
			t.Errorf("%s: no events_per_s", r)
		}
	}
	if r := got["floor/dump-stream"]; r.Alloc > 4096 {
		t.Errorf("the floor allocates while dumping: %s", r)
	}
	var md bytes.Buffer
	if err := markdownMain(&out, &md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| full dump, streamed (") || !strings.Contains(md.String(), " cores") {
		t.Errorf("markdown:\n%s", md.String())
	}
}

// TestIntegrationRtbenchCancel stops a run in the middle (as Ctrl-C does)
// and checks the namespace is removed all the same.
func TestIntegrationRtbenchCancel(t *testing.T) {
	needRoot(t)
	o := options{routes: 500, routes6: 0, runs: 1, ns: nsName()}
	cfg := childConfig{Install: 200, Events: 200, RcvBuf: 1 << 20, DrainRcvBuf: 1 << 20, TableID: smallTable}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := &cancelOn{match: "run 1:", cancel: cancel}
	var out bytes.Buffer
	err := run(ctx, o, cfg, &out, log)
	if !errors.Is(err, context.Canceled) && (err == nil || !strings.Contains(err.Error(), "killed")) {
		t.Errorf("run after cancel: %v, want it canceled", err)
	}
	if nsExists(t, o.ns) {
		t.Errorf("namespace %s left behind after cancel", o.ns)
		exec.Command("ip", "netns", "del", o.ns).Run()
	}
}

// cancelOn is a log writer calling cancel when match is written.
type cancelOn struct {
	mu     sync.Mutex
	match  string
	cancel func()
}

func (c *cancelOn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if bytes.Contains(p, []byte(c.match)) {
		c.cancel()
	}
	return len(p), nil
}
