package main

import (
	"bytes"
	"strings"
	"testing"
)

const sampleOutput = `# machine: Linux 6.1 x86_64; Test CPU; 2 cores
# rtbench: routes=1000 routes6=0 install=100 events=200 rcvbuf=4194304 runs=3 at 2026-12-01T20:00:00Z
impl=floor op=dump-stream routes=1000 seconds=0.100000 alloc_bytes=0 rss_bytes=6000000 runs=3
impl=linx op=dump-stream routes=1000 seconds=0.150000 alloc_bytes=1216 rss_bytes=6100000 runs=3
impl=linx op=dump-list routes=1000 seconds=0.300000 alloc_bytes=2000000 rss_bytes=9000000 retained_bytes=700000 retained_per_route=700.0 runs=3
impl=vishvananda op=dump-list routes=990 seconds=2.000000 alloc_bytes=3000000 rss_bytes=10000000 runs=3
impl=floor op=install-batch routes=100 seconds=0.200000 alloc_bytes=0 rss_bytes=6000000 user_s=0.012 sys_s=0.150 runs=3
impl=linx op=install-batch routes=100 seconds=0.220000 alloc_bytes=500 rss_bytes=6000000 runs=3
impl=linx op=install-one routes=100 seconds=0.500000 alloc_bytes=500 rss_bytes=6000000 runs=3
impl=vishvananda op=install-one routes=100 seconds=2.500000 alloc_bytes=500 rss_bytes=6000000 runs=3
impl=linx op=monitor routes=200 seconds=0.010000 alloc_bytes=500 rss_bytes=6000000 events=200 events_per_s=20000 lost=0 runs=3
impl=ip-monitor op=monitor routes=150 seconds=0.015000 alloc_bytes=0 rss_bytes=5000000 events=150 events_per_s=10000 lost=50 runs=3
impl=newpeer op=newop routes=1 seconds=1.000000 alloc_bytes=0 rss_bytes=0
`

func TestMarkdownTable(t *testing.T) {
	var out bytes.Buffer
	if err := markdownMain(strings.NewReader(sampleOutput), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"on Linux 6.1 x86_64; Test CPU; 2 cores (routes=1000 ",
		"| work | floor | linx | vishvananda | ip-monitor | newpeer |\n|---|---|---|---|---|---|\n",
		"| full dump, streamed (1000 routes) | 0.100 s, 6 MB RSS | 0.150 s, 1 kB allocated, 6 MB RSS | — | — | — |\n",
		"| full dump, owned list (1000 routes) | — | 0.300 s, 2 MB allocated, 700 B/route retained, 9 MB RSS |",
		"| monitor, live burst (200 events) | — | 20k events/s, 0 lost, 500 B allocated, 6 MB RSS | — | 10k events/s, 50 lost, 5 MB RSS | — |\n",
		"| newop (1 routes) | — | — | — | — | 1.00 s |\n",
		"| install, batched (100 routes) | 0.200 s, 6 MB RSS | 0.220 s, 500 B allocated, 6 MB RSS | — | — | — |\n",
		"- streamed dump / floor: 1.50x (goal ≤ 1.1x)\n",
		"- owned List / floor: 3.00x (goal ≤ 2x)\n",
		"- List retained bytes per route: 700 (goal ≤ 160)\n",
		"- batched install / floor: 1.10x (goal ≤ 1.1x)\n",
		"- one-at-a-time Add rate / vishvananda RouteAdd: 5.00x (goal ≥ 5x)\n",
		"- monitor events/s / ip monitor: 2.00x (goal ≥ 2x)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q\n%s", want, got)
		}
	}
	// No row for operations nobody measured, no ratio without both sides.
	for _, absent := range []string{"10-route table", "delete, batched", "batched delete"} {
		if strings.Contains(got, absent) {
			t.Errorf("table has %q\n%s", absent, got)
		}
	}
}

func TestMarkdownRejects(t *testing.T) {
	var out bytes.Buffer
	if err := markdownMain(strings.NewReader("# machine: x\n"), &out); err == nil {
		t.Error("no results: no error")
	}
	if err := markdownMain(strings.NewReader("impl=a op=b routes=1\n"), &out); err == nil {
		t.Error("short line: no error")
	}
}

func TestCPUModel(t *testing.T) {
	info := []byte("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n")
	if got := cpuModel(info); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel([]byte("processor\t: 0\n")); got != "unknown CPU" {
		t.Errorf("cpuModel without model name = %q", got)
	}
}
