package main

import (
	"strings"
	"testing"
)

func TestResultLineFormat(t *testing.T) {
	r := Result{Impl: "linx", Op: "dump-stream", Routes: 1000023, Seconds: 0.257, Alloc: 1216, RSS: 5 << 20}
	want := "impl=linx op=dump-stream routes=1000023 seconds=0.257000 alloc_bytes=1216 rss_bytes=5242880"
	if got := r.String(); got != want {
		t.Errorf("line\n got %s\nwant %s", got, want)
	}
	r.Set("events_per_s", 123456.0)
	r.Set("lost", 7)
	want += " events_per_s=123456 lost=7"
	if got := r.String(); got != want {
		t.Errorf("line with extras\n got %s\nwant %s", got, want)
	}
	r.Set("lost", 8) // replaces, keeps the place
	if got := r.String(); !strings.HasSuffix(got, "events_per_s=123456 lost=8") {
		t.Errorf("Set did not replace in place: %s", got)
	}
}

func TestParseResultRoundTrip(t *testing.T) {
	for _, line := range []string{
		"impl=floor op=dump-stream routes=2221 seconds=0.000661 alloc_bytes=0 rss_bytes=6090752",
		"impl=linx op=monitor routes=2000 seconds=0.006473 alloc_bytes=392024 rss_bytes=6733824 events=2000 events_per_s=308965 lost=0",
	} {
		r, err := ParseResult(line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if got := r.String(); got != line {
			t.Errorf("round trip\n got %s\nwant %s", got, line)
		}
	}
	r, _ := ParseResult("impl=a op=b routes=3 seconds=1.5 alloc_bytes=4 rss_bytes=5 x=y")
	if r.Impl != "a" || r.Op != "b" || r.Routes != 3 || r.Seconds != 1.5 || r.Alloc != 4 || r.RSS != 5 {
		t.Errorf("fields: %+v", r)
	}
	if v, ok := r.Get("x"); !ok || v != "y" {
		t.Errorf("extra x = %q, %v", v, ok)
	}
}

func TestParseResultRejects(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"impl=a op=b routes=3", "at least 6"},
		{"op=b impl=a routes=3 seconds=1 alloc_bytes=1 rss_bytes=1", `is "op", want "impl"`},
		{"impl=a op=b routes=x seconds=1 alloc_bytes=1 rss_bytes=1", "routes="},
		{"impl=a op=b routes=1 seconds=-1 alloc_bytes=1 rss_bytes=1", "negative"},
		{"impl=a op=b routes=1 seconds=1 alloc_bytes=-1 rss_bytes=1", "alloc_bytes="},
		{"impl=a op=b routes=1 seconds=1 alloc_bytes=1 rss_bytes=1 junk", "not key=value"},
		{"impl= op=b routes=1 seconds=1 alloc_bytes=1 rss_bytes=1", "impl is empty"},
	} {
		_, err := ParseResult(c.line)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.line, err, c.want)
		}
	}
}

func TestMinOfRuns(t *testing.T) {
	parse := func(s string) Result {
		r, err := ParseResult(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	runs := []Result{
		parse("impl=linx op=monitor routes=1990 seconds=0.30 alloc_bytes=900 rss_bytes=7000 events_per_s=6633 lost=10 mode=live"),
		parse("impl=linx op=monitor routes=2000 seconds=0.20 alloc_bytes=950 rss_bytes=6000 events_per_s=10000 lost=0 mode=live"),
		parse("impl=linx op=monitor routes=2000 seconds=0.25 alloc_bytes=800 rss_bytes=6500 events_per_s=8000 lost=3 mode=live"),
	}
	m, err := minOfRuns(runs)
	if err != nil {
		t.Fatal(err)
	}
	want := "impl=linx op=monitor routes=2000 seconds=0.200000 alloc_bytes=800 rss_bytes=6000 events_per_s=10000 lost=0 mode=live runs=3"
	if got := m.String(); got != want {
		t.Errorf("min of runs\n got %s\nwant %s", got, want)
	}
	if runs[0].String() != "impl=linx op=monitor routes=1990 seconds=0.300000 alloc_bytes=900 rss_bytes=7000 events_per_s=6633 lost=10 mode=live" {
		t.Errorf("minOfRuns changed its input: %s", runs[0])
	}
	if _, err := minOfRuns(nil); err == nil {
		t.Error("no runs: no error")
	}
	if _, err := minOfRuns([]Result{runs[0], parse("impl=floor op=monitor routes=1 seconds=1 alloc_bytes=1 rss_bytes=1")}); err == nil {
		t.Error("mixed impls: no error")
	}
}

func TestStatusKB(t *testing.T) {
	st := []byte("Name:\trtbench\nVmPeak:\t  12345 kB\nVmHWM:\t    6012 kB\nVmRSS:\t 5000 kB\n")
	if got := statusKB(st, "VmHWM:"); got != 6012*1024 {
		t.Errorf("VmHWM = %d", got)
	}
	if got := statusKB(st, "VmSwap:"); got != 0 {
		t.Errorf("absent key = %d", got)
	}
	if got := statusKB([]byte("VmHWM:\tlots kB\n"), "VmHWM:"); got != 0 {
		t.Errorf("garbage = %d", got)
	}
}

func TestEventCounter(t *testing.T) {
	c := &eventCounter{expected: 10, idle: 1 << 62}
	if c.stop() {
		t.Fatal("stopped before any event")
	}
	c.add(4)
	c.add(0)
	c.lost()
	if c.stop() {
		t.Fatal("stopped at 4 of 10")
	}
	c.add(6)
	if !c.stop() {
		t.Fatal("not stopped at 10 of 10")
	}
	n, _, extra := c.result()
	got := Result{Extra: extra}
	if l, _ := got.Get("lost"); n != 10 || l != "0" {
		t.Errorf("events %d lost %s", n, l)
	}
	if e, _ := got.Get("enobufs"); e != "1" {
		t.Errorf("enobufs %s", e)
	}
	c2 := &eventCounter{expected: 10, idle: 0}
	c2.add(3)
	if !c2.stop() { // idle 0: the first poll after an event ends it
		t.Error("idle counter not stopped")
	}
	_, _, extra = c2.result()
	if l, _ := (Result{Extra: extra}).Get("lost"); l != "7" {
		t.Errorf("lost %s, want 7", l)
	}
}
