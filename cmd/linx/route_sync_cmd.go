package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/reconcile"
	"github.com/linx-go/linx/route"
)

// tableList is -table, given once per table.
type tableList []uint32

func (t *tableList) String() string { return fmt.Sprint([]uint32(*t)) }

func (t *tableList) Set(s string) error {
	id, err := parseTable(s)
	if err != nil {
		return err
	}
	*t = append(*t, uint32(id))
	return nil
}

// syncCmd is `route sync`: FILE's routes, in route add words, made the
// routes of protocol -proto in the tables given (every table without
// -table) and the family given (-4, -6; both without), through the
// reconcile package.
type syncCmd struct {
	file          string
	proto         rtnl.Protocol
	tables        tableList
	dry           bool
	watch         bool
	takeover      bool
	allowReserved bool
}

// errSyncHelp is parseSync's answer to -h: the help was printed.
var errSyncHelp = errors.New("help printed")

func parseSync(args []string, stdout io.Writer) (syncCmd, error) {
	usage := routeObject.usage()
	var c syncCmd
	fs := flag.NewFlagSet("route sync", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	proto := fs.String("proto", "", "the protocol that owns the routes")
	fs.StringVar(&c.file, "f", "", "the file of desired routes")
	fs.Var(&c.tables, "table", "a table owned (repeat for more)")
	fs.BoolVar(&c.dry, "dry-run", false, "only print the plan")
	fs.BoolVar(&c.watch, "watch", false, "keep converging until interrupted")
	fs.BoolVar(&c.takeover, "takeover", false, "replace a route of another protocol that holds a desired route's key")
	fs.BoolVar(&c.allowReserved, "allow-reserved", false, "allow -proto redirect, kernel or boot")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "usage: linx [-4|-6] [-n NETNS] route sync -f FILE -proto P [-table T ...] [-takeover] [-allow-reserved] [-dry-run] [-watch]\n\n"+
			"Make FILE's routes (one per line in linx route add words; # comments) the\n"+
			"routes of protocol P: in the tables given (every table without -table) and\n"+
			"the family given (-4, -6), routes of P not in FILE are deleted, others'\n"+
			"routes are never touched (-takeover: replaced where they hold a key FILE\n"+
			"wants). It prints the plan it applied, a refused write marked with the\n"+
			"kernel's error (-dry-run: applies nothing). -watch keeps the kernel\n"+
			"converged, printing each repair, re-reading FILE on SIGHUP and resolving\n"+
			"interface names again when links change, until SIGINT or SIGTERM. A bad\n"+
			"line is FILE:LINE and nothing is applied; a line naming an interface\n"+
			"that does not exist yet is blocked until it does. Exit 2 if the kernel\n"+
			"refused a write.\n\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return c, errSyncHelp
	} else if err != nil {
		return c, usageErrorf(usage, "route sync: %v", err)
	}
	switch {
	case fs.NArg() > 0:
		return c, usageErrorf(usage, "route sync: unexpected argument %q", fs.Arg(0))
	case c.file == "":
		return c, usageErrorf(usage, "route sync needs -f FILE")
	case *proto == "":
		return c, usageErrorf(usage, "route sync needs -proto P (the protocol that owns the routes)")
	case c.dry && c.watch:
		return c, usageErrorf(usage, "route sync: -dry-run and -watch exclude each other")
	}
	p, err := rtnl.ParseProtocol(*proto)
	if err != nil {
		return c, usageErrorf(usage, "route sync: -proto: %v", err)
	}
	switch p {
	case rtnl.RTPROT_UNSPEC:
		// ip takes proto 0 and installs a route no protocol owns.
		return c, usageErrorf(usage, "route sync: -proto %s is unspec, which marks no owner (ip would install routes of no protocol); give the owner's protocol, a name or 1..255 (e.g. -proto static)", *proto)
	case rtnl.RTPROT_REDIRECT, rtnl.RTPROT_KERNEL, rtnl.RTPROT_BOOT:
		if !c.allowReserved {
			return c, argErrorf("route sync: -proto %s: protocol %s is used by the kernel and by hand-made routes (ip route add's default); owning it would delete theirs (-allow-reserved insists)", *proto, p)
		}
	}
	c.proto = p
	return c, nil
}

func runRouteSync(cl *call, args []string) error {
	c, err := parseSync(args, cl.stdout)
	if errors.Is(err, errSyncHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	return c.run(cl)
}

// cliWords is err's text with the reconcile package's option names put
// in this command's flags.
func cliWords(err error) string {
	return strings.NewReplacer(
		"Config.TakeOver", "-takeover",
		"Config.Protocol", "-proto",
		"AllowReservedProtocol", "-allow-reserved",
	).Replace(errorText(err))
}

// loaded is one reading of FILE, with the links its names were resolved
// against.
type loaded struct {
	routes  []reconcile.Desired
	waiting []*reconcile.LineError // lines naming an interface that does not exist yet
	links   *linkSet
}

// name is the interface name of ifindex, or "".
func (l *loaded) name(ifindex uint32) string {
	if l == nil || l.links == nil {
		return ""
	}
	n, _ := l.links.LinkName(ifindex)
	return n
}

// load reads the namespace's links and then FILE, resolving its
// interface names now: on every (re)load, so a link added or re-created
// since is found with its current index.
func (c syncCmd) load(cl *call) (*loaded, error) {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return nil, err
	}
	defer client.Close()
	links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if err != nil {
		return nil, err
	}
	routes, waiting, err := reconcile.ReadRoutesWaiting(c.file, c.lineParser(cl.opts.family, links))
	if err != nil {
		// ReadRoutes's message already names FILE:LINE.
		return nil, errors.New(strings.TrimPrefix(err.Error(), "reconcile: "))
	}
	return &loaded{routes: routes, waiting: waiting, links: links}, nil
}

// lineParser parses one line in route add words, refusing what the
// command's scope cannot own (another table, another family, another
// protocol) so that the error names the line. An interface that does not
// exist (yet) makes the line wait (reconcile.ErrNotYet).
func (c syncCmd) lineParser(fam rtnl.Family, links *linkSet) reconcile.LineParser {
	index := func(name string) (uint32, error) {
		if i, err := links.index(name); err == nil {
			return i, nil
		}
		return 0, fmt.Errorf("dev %s does not exist (yet): %w", name, reconcile.ErrNotYet)
	}
	return func(words []string) (reconcile.Desired, error) {
		for i, w := range words {
			if (w == "proto" || w == "protocol") && i+1 < len(words) {
				if p, err := rtnl.ParseProtocol(words[i+1]); err == nil && p != c.proto {
					return reconcile.Desired{}, fmt.Errorf("proto %s differs from -proto %s: the file's routes are -proto's (drop the word)", words[i+1], c.proto)
				}
			}
		}
		s, err := parseRouteWords("add", words, fam)
		if err != nil {
			return reconcile.Desired{}, errors.New(errorText(err))
		}
		dst, gw, opts, err := s.options(index)
		if err != nil {
			return reconcile.Desired{}, err
		}
		d, err := reconcile.Route(dst, gw, opts...)
		if err != nil {
			return d, err
		}
		k := d.Key()
		if fam != 0 && k.Family != fam {
			return reconcile.Desired{}, fmt.Errorf("%s is not of the family given (-%s)", k.Dst, familyFlag(fam))
		}
		if len(c.tables) > 0 && !slices.Contains(c.tables, k.Table) {
			return reconcile.Desired{}, fmt.Errorf("table %d is not one of the owned tables (-table %v)", k.Table, []uint32(c.tables))
		}
		return d, nil
	}
}

func familyFlag(f rtnl.Family) string {
	if f == rtnl.AF_INET6 {
		return "6"
	}
	return "4"
}

// writeLine is a write in plan words, a refused one marked with its
// outcome and the kernel's error on the same line.
func writeLine(w reconcile.Write, name func(uint32) string) string {
	s := w.Change.Format(name)
	switch {
	case w.Err == nil:
		return s
	case w.Status == reconcile.Conflict:
		return fmt.Sprintf("%s CONFLICT: the key is held by a route of protocol %s (-takeover replaces it)", s, w.Holder)
	case w.Status == reconcile.Blocked:
		return fmt.Sprintf("%s BLOCKED: %s", s, cliWords(w.Err))
	}
	return fmt.Sprintf("%s FAILED: %s", s, cliWords(w.Err))
}

// printWaiting reports the lines waiting for an interface.
func printWaiting(out io.Writer, ws []*reconcile.LineError) {
	for _, w := range ws {
		fmt.Fprintf(out, "blocked %s\n", w)
	}
}

func (c syncCmd) run(cl *call) error {
	cur, err := c.load(cl)
	if err != nil {
		return err
	}
	var mu sync.Mutex // guards out and cur: OnWrite runs on the reconciler's goroutine
	var writes []reconcile.Write
	cfg := reconcile.Config{
		NetNS: cl.opts.ns, Protocol: c.proto, Tables: c.tables, Family: cl.opts.family,
		TakeOver: c.takeover, AllowReservedProtocol: c.allowReserved,
	}
	cfg.OnWrite = func(w reconcile.Write) {
		mu.Lock()
		defer mu.Unlock()
		if c.watch {
			fmt.Fprintln(cl.stdout, writeLine(w, cur.name))
			return
		}
		writes = append(writes, w)
	}
	rec, err := reconcile.New(cfg)
	if err != nil {
		return errors.New(cliWords(err))
	}
	defer rec.Close()
	if err := rec.Set(cur.routes); err != nil {
		return errors.New(cliWords(err))
	}
	if c.watch {
		printWaiting(cl.stdout, cur.waiting)
		return c.watchLoop(cl, rec, &cur, &mu)
	}
	if c.dry {
		plan, err := rec.Plan(cl.ctx)
		io.WriteString(cl.stdout, plan.Format(cur.name))
		printWaiting(cl.stdout, cur.waiting)
		if err != nil {
			return errors.New(cliWords(err))
		}
		return nil
	}
	plan, err := rec.Apply(cl.ctx)
	mu.Lock()
	refused := 0
	for _, w := range writes {
		fmt.Fprintln(cl.stdout, writeLine(w, cur.name))
		if w.Err != nil {
			refused++
		}
	}
	mu.Unlock()
	if plan.Unknown > 0 {
		fmt.Fprintf(cl.stdout, "# %d owned routes could not be decoded and are left alone\n", plan.Unknown)
	}
	printWaiting(cl.stdout, cur.waiting)
	switch {
	case refused > 0:
		return &cliError{code: exitKernel, msg: fmt.Sprintf("route sync: the kernel refused %d of %d writes (marked above)", refused, len(writes))}
	case err != nil:
		return errors.New(cliWords(err))
	case len(cur.waiting) > 0:
		return argErrorf("route sync: %d lines wait for an interface that does not exist", len(cur.waiting))
	}
	return nil
}

// watchLoop runs the reconciler until the command's context ends (SIGINT,
// SIGTERM: exit 0), re-reading FILE on SIGHUP and whenever links come,
// go or are renamed (names resolve to the current indexes; a waiting line
// is taken in when its interface appears). A file with a bad line is
// reported and the routes read before are kept.
func (c syncCmd) watchLoop(cl *call, rec *reconcile.Reconciler, cur **loaded, mu *sync.Mutex) error {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, cancel := context.WithCancel(cl.ctx)
	defer cancel()
	linksChanged := make(chan struct{}, 1)
	mon, err := monitor.Start(ctx, monitor.Options{NetNS: cl.opts.ns, Groups: []rtnl.Group{rtnl.RTNLGRP_LINK}})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer mon.Close()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ev, err := range mon.Events() {
			if err != nil || ev.Link() == nil && ev.Kind != monitor.Resync {
				continue
			}
			select {
			case linksChanged <- struct{}{}:
			default:
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- rec.Run(ctx) }()
	reload := func(why string) {
		next, err := c.load(cl)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			fmt.Fprintf(cl.stderr, "linx: %v (keeping the routes read before)\n", err)
			return
		}
		if err := rec.Set(next.routes); err != nil {
			fmt.Fprintf(cl.stderr, "linx: %s\n", cliWords(err))
			return
		}
		before := len((*cur).waiting)
		*cur = next
		if why == "SIGHUP" || len(next.waiting) != before {
			fmt.Fprintf(cl.stdout, "# reread %s (%s): %d routes, %d waiting for an interface\n", c.file, why, len(next.routes), len(next.waiting))
			printWaiting(cl.stdout, next.waiting)
		}
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	defer debounce.Stop()
	for {
		select {
		case <-hup:
			reload("SIGHUP")
		case <-linksChanged:
			debounce.Reset(100 * time.Millisecond) // a burst of link events: one reload
		case <-debounce.C:
			reload("links changed")
		case err := <-done:
			if cl.ctx.Err() != nil {
				return nil // interrupted: the normal end of -watch
			}
			return err
		}
	}
}
