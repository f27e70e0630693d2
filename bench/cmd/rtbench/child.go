package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// A child is one run of one implementation on one group of operations, in
// a process of its own (re-executed rtbench with -child, inside the
// namespace by `ip netns exec`), so that its peak RSS and allocations are
// its own. It prints its result lines on standard output.

// childConfig is what the parent passes to every child.
type childConfig struct {
	Impl, Op string
	Install  int    // routes per install run
	TableID  uint32 // the small table
	Events   int    // expected notifications of the monitor burst
	RcvBuf   int    // monitor socket receive buffer
	// DrainRcvBuf is the receive buffer of monitor-drain runs: big enough
	// to hold the whole burst while the consumer is stopped.
	DrainRcvBuf int
}

// Addresses used by the runs, shared by parent and children.
var (
	gw4          = netip.MustParseAddr("10.0.0.254")
	gw6          = netip.MustParseAddr("fd00::254")
	installBase  = netip.MustParseAddr("20.0.0.0")
	burstBase    = netip.MustParseAddr("21.0.0.0")
	installTable = uint32(2000)
	burstTable   = uint32(3000)
)

// jobs lists which implementation does which group of operations.
var jobs = []struct{ impl, op string }{
	{"floor", "dump-stream"}, {"linx", "dump-stream"}, {"vishvananda", "dump-stream"},
	{"linx", "dump-list"}, {"vishvananda", "dump-list"}, {"jsimonetti", "dump-list"},
	{"linx", "dump-full"},
	{"floor", "table"}, {"linx", "table"}, {"vishvananda", "table"}, {"jsimonetti", "table"},
	{"floor", "install-batch"}, {"linx", "install-batch"},
	{"floor", "install-one"}, {"linx", "install-one"}, {"vishvananda", "install-one"}, {"jsimonetti", "install-one"},
	{"floor", "monitor"}, {"linx", "monitor"}, {"vishvananda", "monitor"}, {"ip-monitor", "monitor"},
	{"floor", "monitor-drain"}, {"linx", "monitor-drain"}, {"vishvananda", "monitor-drain"}, {"ip-monitor", "monitor-drain"},
}

// isMonitor says whether op is one of the monitor measurements, whose
// child waits for the parent's burst.
func isMonitor(op string) bool { return op == "monitor" || op == "monitor-drain" }

// runChild does cfg's work and prints its lines to out. ready is called by
// monitor runs once subscribed; sent is closed when the parent reports the
// burst sent.
func runChild(ctx context.Context, cfg childConfig, out io.Writer, ready func(), sent <-chan struct{}) error {
	var results []Result
	add := func(r Result, err error) error {
		if err != nil {
			return err
		}
		results = append(results, r)
		return nil
	}
	var err error
	switch cfg.Impl + "/" + cfg.Op {
	case "floor/dump-stream", "floor/table":
		err = floorDump(cfg, add)
	case "floor/install-batch", "floor/install-one":
		err = floorInstall(cfg, add)
	case "floor/monitor", "linx/monitor", "vishvananda/monitor", "ip-monitor/monitor",
		"floor/monitor-drain", "linx/monitor-drain", "vishvananda/monitor-drain", "ip-monitor/monitor-drain":
		err = add(monitorRun(ctx, cfg, ready, sent))
	case "linx/dump-stream", "linx/dump-list", "linx/dump-full", "linx/table", "linx/install-batch", "linx/install-one":
		err = linxRun(ctx, cfg, add)
	case "vishvananda/dump-stream", "vishvananda/dump-list", "vishvananda/table", "vishvananda/install-one":
		err = vishRun(cfg, add)
	case "jsimonetti/dump-list", "jsimonetti/table", "jsimonetti/install-one":
		err = jsimRun(cfg, add)
	case "proto-decode/monitor-drain", "proto-peek/monitor-drain", "proto-reader/monitor-drain":
		err = add(monitorRun(ctx, cfg, ready, sent))
	default:
		if strings.HasPrefix(cfg.Impl, "proto-") {
			err = protoRun(ctx, cfg, add)
			break
		}
		return fmt.Errorf("no job %s/%s", cfg.Impl, cfg.Op)
	}
	if err != nil {
		return err
	}
	for _, r := range results {
		if _, err := fmt.Fprintln(out, r); err != nil {
			return err
		}
	}
	return nil
}

type adder func(Result, error) error

// counted adapts a call returning a count to work.
func counted(f func() (int, error)) work {
	return func() (int, []Field, error) {
		n, err := f()
		return n, nil, err
	}
}

// installPair measures an install and then the delete of the same routes,
// as two lines: OP and OP with "install" replaced by "delete".
func installPair(cfg childConfig, add adder, impl string, do func(add bool) error) error {
	for _, a := range []bool{true, false} {
		op := cfg.Op
		if !a {
			op = strings.Replace(op, "install", "delete", 1)
		}
		if err := add(measure(impl, op, func() (int, []Field, error) {
			return cfg.Install, nil, do(a)
		})); err != nil {
			return err
		}
	}
	return nil
}

func floorDump(cfg childConfig, add adder) error {
	s, err := rawOpen()
	if err != nil {
		return err
	}
	defer s.Close()
	var table uint32
	if cfg.Op == "table" {
		table = cfg.TableID
	}
	return add(measure("floor", cfg.Op, counted(func() (int, error) { return s.dump(table) })))
}

func floorInstall(cfg childConfig, add adder) error {
	s, err := rawOpen()
	if err != nil {
		return err
	}
	defer s.Close()
	per := 1
	if cfg.Op == "install-batch" {
		per = 1024
	}
	return installPair(cfg, add, "floor", func(a bool) error {
		return s.install(a, cfg.Install, installBase, gw4, installTable, per)
	})
}

func linxRun(ctx context.Context, cfg childConfig, add adder) error {
	l, err := newLinx()
	if err != nil {
		return err
	}
	defer l.close()
	switch cfg.Op {
	case "dump-stream":
		return add(measure("linx", cfg.Op, counted(func() (int, error) { return l.stream(ctx) })))
	case "dump-list":
		return add(measure("linx", cfg.Op, func() (int, []Field, error) { return l.list(ctx) }))
	case "dump-full":
		return add(measure("linx", cfg.Op, func() (int, []Field, error) { return l.listFull(ctx) }))
	case "table":
		return add(measure("linx", cfg.Op, counted(func() (int, error) { return l.table(ctx, cfg.TableID) })))
	case "install-batch":
		return installPair(cfg, add, "linx", func(a bool) error {
			return l.batch(ctx, a, cfg.Install, installBase, gw4, installTable)
		})
	default:
		return installPair(cfg, add, "linx", func(a bool) error {
			return l.one(ctx, a, cfg.Install, installBase, gw4, installTable)
		})
	}
}

func vishRun(cfg childConfig, add adder) error {
	v, err := newVish()
	if err != nil {
		return err
	}
	defer v.close()
	switch cfg.Op {
	case "dump-stream":
		return add(measure("vishvananda", cfg.Op, counted(v.stream)))
	case "dump-list":
		return add(measure("vishvananda", cfg.Op, v.list))
	case "table":
		return add(measure("vishvananda", cfg.Op, counted(func() (int, error) { return v.table(cfg.TableID) })))
	default:
		return installPair(cfg, add, "vishvananda", func(a bool) error {
			return v.one(a, cfg.Install, installBase, gw4, installTable)
		})
	}
}

func jsimRun(cfg childConfig, add adder) error {
	j, err := newJsim()
	if err != nil {
		return err
	}
	defer j.close()
	switch cfg.Op {
	case "dump-list":
		return add(measure("jsimonetti", cfg.Op, j.list))
	case "table":
		return add(measure("jsimonetti", cfg.Op, counted(func() (int, error) { return j.table(cfg.TableID) })))
	default:
		return installPair(cfg, add, "jsimonetti", func(a bool) error {
			return j.one(a, cfg.Install, installBase, gw4, installTable)
		})
	}
}

// monitorRun subscribes, calls ready, and counts route notifications until
// the burst is over. For monitor-drain the parent stops this process (and
// ip, its child) while it sends the burst, so the socket holds it all and
// the rate is the consumer's own.
func monitorRun(ctx context.Context, cfg childConfig, ready func(), sent <-chan struct{}) (Result, error) {
	c := &eventCounter{expected: int64(cfg.Events), idle: time.Second}
	rcvbuf := cfg.RcvBuf
	if cfg.Op == "monitor-drain" {
		rcvbuf = cfg.DrainRcvBuf
		cont := make(chan os.Signal, 1)
		signal.Notify(cont, syscall.SIGCONT)
		defer signal.Stop(cont)
		go func() {
			select {
			case <-cont:
				c.resume()
			case <-ctx.Done():
			}
		}()
	}
	go func() {
		select {
		case <-sent:
			c.burstSent()
		case <-ctx.Done():
		}
	}()
	var extra []Field
	var ipUsage *syscall.Rusage
	r, err := measure(cfg.Impl, cfg.Op, func() (int, []Field, error) {
		var err error
		switch cfg.Impl {
		case "floor":
			var s *rawSock
			if s, err = rawMonitor(rcvbuf); err == nil {
				ready()
				err = s.events(c)
				s.Close()
			}
		case "linx":
			extra, err = linxMonitor(ctx, rcvbuf, c, ready)
		case "vishvananda":
			extra, err = vishMonitor(ctx, rcvbuf, c, ready)
		case "ip-monitor":
			extra, ipUsage, err = ipMonitor(ctx, rcvbuf, c, ready)
		case "proto-decode", "proto-peek", "proto-reader":
			err = protoMonitor(cfg, rcvbuf, c, ready)
		default:
			err = fmt.Errorf("no monitor %s", cfg.Impl)
		}
		return 0, nil, err
	})
	if err != nil {
		return r, err
	}
	n, secs, fields := c.result()
	r.Routes, r.Seconds = n, secs
	r.Extra = append(append(fields, r.Extra...), extra...)
	if cfg.Impl == "ip-monitor" && ipUsage != nil {
		// The work is ip's: its own peak RSS and CPU time; its
		// allocations are not visible from here (alloc_bytes=0).
		r.RSS, r.Alloc = uint64(ipUsage.Maxrss)*1024, 0
		r.Extra = deleteField(r.Extra, "mallocs")
		r.Set("user_s", fmt.Sprintf("%.3f", time.Duration(ipUsage.Utime.Nano()).Seconds()))
		r.Set("sys_s", fmt.Sprintf("%.3f", time.Duration(ipUsage.Stime.Nano()).Seconds()))
	}
	return r, nil
}

func deleteField(fs []Field, key string) []Field {
	out := fs[:0]
	for _, f := range fs {
		if f.Key != key {
			out = append(out, f)
		}
	}
	return out
}

// ipMonitor runs `ip -rcvbuf N monitor route` and counts its output lines
// (one per route event), and the ENOBUFS reports it prints on stderr. ip
// asks for the buffer with SO_RCVBUF, which the kernel caps at
// net.core.rmem_max.
func ipMonitor(ctx context.Context, rcvbuf int, c *eventCounter, ready func()) ([]Field, *syscall.Rusage, error) {
	cmd := exec.CommandContext(ctx, "ip", "-rcvbuf", fmt.Sprint(rcvbuf), "monitor", "route")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	// ip says nothing when it has subscribed; give it time to.
	time.Sleep(300 * time.Millisecond)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go c.watch(wctx, func() { cmd.Process.Signal(syscall.SIGTERM) })
	ready()
	rd := bufio.NewReaderSize(stdout, 1<<20)
	buf := make([]byte, 1<<20)
	for {
		k, err := rd.Read(buf)
		c.add(bytes.Count(buf[:k], []byte{'\n'}))
		if err != nil {
			break
		}
	}
	cmd.Wait()
	for range strings.Count(stderr.String(), "No buffer space") {
		c.lost()
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return nil, ru, nil
}

// childMain is the -child entry point: ready and results on stdout, the
// parent's "sent" on stdin.
func childMain(cfg childConfig) error {
	ctx := context.Background()
	sent := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			if sc.Text() == "sent" {
				close(sent)
				return
			}
		}
	}()
	w := bufio.NewWriter(os.Stdout)
	ready := func() { fmt.Fprintln(os.Stdout, "# ready") }
	err := runChild(ctx, cfg, w, ready, sent)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}
