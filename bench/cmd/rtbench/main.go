// Command rtbench measures linx beside a raw floor and the peers
// (vishvananda/netlink, jsimonetti/rtnetlink) in one run, on the live kernel,
// in a network namespace of its own holding N routes.
//
//	cd bench && go run ./cmd/rtbench                 # 1M IPv4 + 100k IPv6 routes
//	go run ./cmd/rtbench -routes 2000 -routes6 200 -install 1000 -events 2000
//	go run ./cmd/rtbench | tee out.txt; go run ./cmd/rtbench -markdown < out.txt
//
// Each implementation runs every measurement in a child process of its own
// (rtbench re-executes itself inside the namespace), so that the peak RSS
// reported is its own. It prints one line per measurement,
//
//	impl=NAME op=OP routes=N seconds=S alloc_bytes=B rss_bytes=R [key=value ...]
//
// the minimum of -runs runs of each (see minOfRuns), and lines starting with
// "#" for the machine and progress. -markdown turns such output into the
// README's table, naming the machine it was measured on.
//
// Operations: dump-stream (linx route.All; the floor reads headers only;
// vishvananda RouteListFilteredIter), dump-list (owned: linx route.List, whose
// values are rtnl.RouteCompact — spilled= counts those that keep their whole
// attribute set —, vishvananda RouteList, jsimonetti Route.List;
// retained_bytes= is the heap the result keeps), dump-full (linx
// route.ListFull: owned routes as full rtnl.Route values), table (the 10-route table among the N: kernel-filtered
// for floor, linx and jsimonetti, filtered in user space by vishvananda),
// install-batch/delete-batch and install-one/delete-one (-install /32
// routes), monitor (events received per second from a burst of -events route
// notifications sent by the parent while the consumer runs, and what was
// lost), and monitor-drain (the same burst sent while the consumer is
// stopped, with a receive buffer big enough for all of it: then the rate is
// how fast the consumer reads and decodes, not how fast the kernel makes
// events). It needs root; it removes its namespace at the end, also on error
// or Ctrl-C.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

func main() {
	var (
		cfg      childConfig
		opts     options
		child    = flag.Bool("child", false, "internal: run one job (-impl, -op) and print its lines")
		markdown = flag.Bool("markdown", false, "read rtbench output on stdin and print the README table")
		sizes    = flag.Bool("sizes", false, "print the memory layout of rtnl.Route and exit")
		protos   = flag.Bool("protos", false, "also run the prototype dump variants (see protos.go)")
	)
	flag.StringVar(&cfg.Impl, "impl", "", "internal: the child's implementation")
	flag.StringVar(&cfg.Op, "op", "", "internal: the child's operation group")
	flag.IntVar(&opts.routes, "routes", 1_000_000, "IPv4 routes in the namespace (half /24s, half /32s)")
	flag.IntVar(&opts.routes6, "routes6", 100_000, "IPv6 routes in the namespace")
	flag.IntVar(&cfg.Install, "install", 100_000, "routes per install and delete run")
	flag.IntVar(&cfg.Events, "events", 200_000, "route notifications in the monitor burst (half adds, half deletes)")
	flag.IntVar(&cfg.RcvBuf, "rcvbuf", 4<<20, "monitor socket receive buffer, bytes, for every monitor")
	flag.IntVar(&cfg.DrainRcvBuf, "drain-rcvbuf", 512<<20, "receive buffer of monitor-drain runs, bytes: room for the whole burst")
	flag.IntVar(&opts.runs, "runs", 3, "runs of each measurement; the minimum is reported")
	flag.StringVar(&opts.ns, "netns", "rtbench", "name of the network namespace to create")
	flag.StringVar(&profileDir, "profile", "", "directory for CPU and allocation profiles of every measured piece (IMPL-OP.cpu.pprof, .mem.pprof)")
	flag.StringVar(&opts.only, "only", "", "regexp over IMPL/OP: run only the matching jobs")
	flag.Usage = usage
	flag.Parse()
	cfg.TableID = smallTable
	if *protos {
		jobs = append(jobs, protoJobs...)
	}
	var err error
	switch {
	case *child:
		err = childMain(cfg)
	case *sizes:
		err = sizesMain(os.Stdout)
	case *markdown:
		err = markdownMain(os.Stdin, os.Stdout)
	default:
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err = run(ctx, opts, cfg, os.Stdout, os.Stderr)
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rtbench:", err)
		os.Exit(1)
	}
}

// usage prints the flags, without the internal ones a child is run with.
func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintf(out, "usage: rtbench [flags]          (as root; see go doc ./cmd/rtbench)\n       rtbench -markdown < output\n")
	flag.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Usage, "internal:") {
			return
		}
		fmt.Fprintf(out, "  -%s\n    \t%s (default %q)\n", f.Name, f.Usage, f.DefValue)
	})
}

type options struct {
	routes, routes6, runs int
	ns, only              string
}

// run is the parent: namespace, routes, every job -runs times, then the
// minimum of each printed to out (each run's lines go to log as they come).
func run(ctx context.Context, o options, cfg childConfig, out, log io.Writer) (err error) {
	if os.Geteuid() != 0 {
		return fmt.Errorf("needs root (it creates a network namespace)")
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs %d: need at least one run", o.runs)
	}
	if cfg.Events < 2 || cfg.Install < 1 || o.routes < 0 || o.routes6 < 0 || cfg.RcvBuf < 1 || cfg.DrainRcvBuf < 1 {
		return fmt.Errorf("-install, -events, -rcvbuf, -drain-rcvbuf need positive counts, -routes and -routes6 non-negative")
	}
	only, err := regexp.Compile(o.only)
	if err != nil {
		return fmt.Errorf("-only: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if profileDir != "" {
		if profileDir, err = filepath.Abs(profileDir); err != nil {
			return err
		}
		if err := os.MkdirAll(profileDir, 0o755); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "# machine: %s\n", machine())
	fmt.Fprintf(out, "# rtbench: routes=%d routes6=%d install=%d events=%d rcvbuf=%d runs=%d at %s\n",
		o.routes, o.routes6, cfg.Install, cfg.Events, cfg.RcvBuf, o.runs, time.Now().UTC().Format(time.RFC3339))
	ns, err := newBenchNS(ctx, o.ns)
	if err != nil {
		return err
	}
	defer func() {
		if derr := ns.remove(); err == nil {
			err = derr
		}
	}()
	t0 := time.Now()
	total, err := ns.populate(ctx, o.routes, o.routes6)
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	fmt.Fprintf(log, "# setup: %d routes in namespace %s in %.1fs\n", total, o.ns, time.Since(t0).Seconds())
	burst := newBurst(cfg.Events / 2)
	cfg.Events = 2 * (cfg.Events / 2)
	// Runs are interleaved (every job once, then every job again), so that
	// a busy spell on a shared machine does not land on one
	// implementation's runs only.
	type key struct{ impl, op string }
	byKey := map[key][]Result{}
	var order []key
	for i := range o.runs {
		for _, j := range jobs {
			if !only.MatchString(j.impl + "/" + j.op) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			c := cfg
			c.Impl, c.Op = j.impl, j.op
			rs, err := ns.child(ctx, self, c, burst)
			if err != nil {
				if ctx.Err() != nil {
					return fmt.Errorf("interrupted during %s %s run %d: %w", j.impl, j.op, i+1, ctx.Err())
				}
				return fmt.Errorf("%s %s run %d: %w", j.impl, j.op, i+1, err)
			}
			for _, r := range rs {
				k := key{r.Impl, r.Op}
				if _, ok := byKey[k]; !ok {
					order = append(order, k)
				}
				byKey[k] = append(byKey[k], r)
				fmt.Fprintf(log, "#   run %d: %s\n", i+1, r)
			}
		}
	}
	for _, k := range order {
		m, err := minOfRuns(byKey[k])
		if err != nil {
			return err
		}
		fmt.Fprintln(out, m)
	}
	return nil
}

// child runs one job in a child process inside the namespace and returns
// its lines. For a monitor job it sends the burst once the child is
// subscribed.
func (b *benchNS) child(ctx context.Context, self string, c childConfig, burst *burst) ([]Result, error) {
	// Leftovers of a failed run must not make the next one fail.
	b.flush(installTable)
	b.flush(burstTable)
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", b.name, self, "-child",
		"-impl", c.Impl, "-op", c.Op,
		"-install", fmt.Sprint(c.Install), "-events", fmt.Sprint(c.Events), "-rcvbuf", fmt.Sprint(c.RcvBuf), "-drain-rcvbuf", fmt.Sprint(c.DrainRcvBuf), "-profile", profileDir)
	cmd.Stderr = os.Stderr
	// A group of its own, so that a drain run can stop it and its ip; it
	// dies with us.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var rs []Result
	var perr error
	sc := bufio.NewScanner(stdout)
	var burstSecs float64
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "# ready":
			drain := c.Op == "monitor-drain"
			if drain {
				if err := stopGroup(cmd.Process.Pid); err != nil && perr == nil {
					perr = err
				}
			}
			t0 := time.Now()
			if err := burst.send(ctx, b); err != nil && perr == nil {
				perr = fmt.Errorf("burst: %w", err)
			}
			burstSecs = time.Since(t0).Seconds()
			if drain {
				syscall.Kill(-cmd.Process.Pid, syscall.SIGCONT)
			}
			fmt.Fprintln(stdin, "sent")
		case isResultLine(line):
			r, err := ParseResult(line)
			if err != nil && perr == nil {
				perr = err
			}
			rs = append(rs, r)
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("%s: %w", strings.Join(cmd.Args[3:6], " "), err)
	}
	if perr != nil {
		return nil, perr
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("child printed no result")
	}
	if isMonitor(c.Op) {
		for i := range rs {
			rs[i].Set("burst_s", fmt.Sprintf("%.3f", burstSecs))
		}
	}
	return rs, nil
}

// stopGroup stops the process group pgid and waits until its leader is
// stopped, so that nothing of it runs during a drain burst.
func stopGroup(pgid int) error {
	if err := syscall.Kill(-pgid, syscall.SIGSTOP); err != nil {
		return fmt.Errorf("SIGSTOP: %w", err)
	}
	stat := fmt.Sprintf("/proc/%d/stat", pgid)
	for range 1000 {
		b, err := os.ReadFile(stat)
		if err != nil {
			return err
		}
		// pid (comm) state ...: the state follows the last ')'.
		if i := bytes.LastIndexByte(b, ')'); i >= 0 && i+2 < len(b) && (b[i+2] == 'T' || b[i+2] == 't') {
			time.Sleep(10 * time.Millisecond) // its ip, if any, is stopping too
			return nil
		}
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("process %d did not stop", pgid)
}
