package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/linx-go/linx/gen/rtnl"
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
// -table), through the reconcile package.
type syncCmd struct {
	file   string
	proto  rtnl.Protocol
	tables tableList
	dry    bool
	watch  bool
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
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stdout, "usage: linx [-n NETNS] route sync -f FILE -proto P [-table T ...] [-dry-run] [-watch]\n\n"+
			"Make FILE's routes (one per line in linx route add words; # comments) the\n"+
			"routes of protocol P: in the tables given (every table without -table),\n"+
			"routes of P not in FILE are deleted, others' routes are never touched.\n"+
			"It prints the plan it applied (-dry-run: applies nothing). -watch keeps\n"+
			"the kernel converged, printing each repair, re-reading FILE on SIGHUP,\n"+
			"until SIGINT or SIGTERM. A bad line is FILE:LINE and nothing is applied.\n\n")
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

// lineParser is the file's line parser: route add words, interface names
// resolved in the namespace now.
func (c syncCmd) lineParser(cl *call) (reconcile.LineParser, error) {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return nil, err
	}
	defer client.Close()
	links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if err != nil {
		return nil, err
	}
	fam := cl.opts.family
	return func(words []string) (reconcile.Desired, error) {
		s, err := parseRouteWords("add", words, fam)
		if err != nil {
			return reconcile.Desired{}, errors.New(errorText(err))
		}
		dst, gw, opts, err := s.options(links.index)
		if err != nil {
			return reconcile.Desired{}, err
		}
		return reconcile.Route(dst, gw, opts...)
	}, nil
}

func (c syncCmd) read(parse reconcile.LineParser) ([]reconcile.Desired, error) {
	ds, err := reconcile.ReadRoutes(c.file, parse)
	if err != nil {
		// ReadRoutes's message already names FILE:LINE.
		return nil, errors.New(strings.TrimPrefix(err.Error(), "reconcile: "))
	}
	return ds, nil
}

func (c syncCmd) run(cl *call) error {
	parse, err := c.lineParser(cl)
	if err != nil {
		return err
	}
	routes, err := c.read(parse)
	if err != nil {
		return err
	}
	var mu sync.Mutex // OnWrite runs on the reconciler's goroutine
	cfg := reconcile.Config{NetNS: cl.opts.ns, Protocol: c.proto, Tables: c.tables}
	if c.watch {
		cfg.OnWrite = func(w reconcile.Write) {
			mu.Lock()
			defer mu.Unlock()
			if w.Err != nil {
				fmt.Fprintf(cl.stdout, "%s: %s\n", w.Change, errorText(w.Err))
			} else {
				fmt.Fprintf(cl.stdout, "%s\n", w.Change)
			}
		}
	}
	rec, err := reconcile.New(cfg)
	if err != nil {
		return errors.New(errorText(err))
	}
	defer rec.Close()
	if err := rec.Set(routes); err != nil {
		return err
	}
	if !c.watch {
		var plan reconcile.Plan
		if c.dry {
			plan, err = rec.Plan(cl.ctx)
		} else {
			plan, err = rec.Apply(cl.ctx)
		}
		io.WriteString(cl.stdout, plan.String())
		return err
	}
	return c.watchLoop(cl, rec, parse, &mu)
}

// watchLoop runs the reconciler until the command's context ends (SIGINT,
// SIGTERM: exit 0), re-reading FILE on SIGHUP; a file with a bad line is
// reported and the routes before it are kept.
func (c syncCmd) watchLoop(cl *call, rec *reconcile.Reconciler, parse reconcile.LineParser, mu *sync.Mutex) error {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	ctx, cancel := context.WithCancel(cl.ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- rec.Run(ctx) }()
	for {
		select {
		case <-hup:
			routes, err := c.read(parse)
			mu.Lock()
			if err != nil {
				fmt.Fprintf(cl.stderr, "linx: %v (keeping the routes read before)\n", err)
			} else if err := rec.Set(routes); err != nil {
				fmt.Fprintf(cl.stderr, "linx: %v\n", err)
			} else {
				fmt.Fprintf(cl.stdout, "# reread %s: %d routes\n", c.file, len(routes))
			}
			mu.Unlock()
		case err := <-done:
			if cl.ctx.Err() != nil {
				return nil // interrupted: the normal end of -watch
			}
			return err
		}
	}
}
