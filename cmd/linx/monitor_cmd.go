package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlsock"
)

var monitorObject = &object{
	name:  "monitor",
	short: "print kernel notifications as they come (ip monitor)",
	print: printEvent,
	long: `monitor prints one line per kernel notification until Ctrl-C or SIGTERM
(exit 0), each written at once. Its objects choose the multicast groups:
link, addr (IPv4 and IPv6 addresses), route (IPv4 and IPv6), neigh, rule
(IPv4 and IPv6), nexthop; all: every one; none given: link, neigh, addr,
route and rule. Text lines are ip monitor's: the object as its listing
prints it (an address prefixed "INDEX: IFNAME"), "Deleted " before a
removal, and "Resync needed: REASON" when notifications were lost (re-read
the state you keep). With -json each line is one object:
  {"event":"new"|"del","kind":"route"|"link"|"addr"|"neigh"|"rule"|"nexthop",
   ...the object's own keys, as that object's -json listing prints them}
(an address: "ifindex", "ifname" and its addr_info keys), and for lost
notifications {"event":"resync","reason":"..."}. Messages that cannot be
decoded are reported on standard error; monitoring goes on.
`,
}

// The verb refers to the row (for its usage): set it once it exists.
func init() {
	monitorObject.verbs = []verb{{usage: "[all|link|addr|route|neigh|rule|nexthop ...]", run: runMonitor}}
}

func runMonitor(c *call, args []string) error {
	m, err := parseMonitor(args, c.opts.family)
	if err != nil {
		return err
	}
	return m.run(c)
}

// monitorObjects are the objects `monitor` can select, with their groups
// per family (index 0: IPv4, 1: IPv6; one group for both when the object
// has no per-family groups).
var monitorObjects = []struct {
	name      string
	v4, v6    rtnl.Group
	anyFamily rtnl.Group
}{
	{name: "link", anyFamily: rtnl.RTNLGRP_LINK},
	{name: "addr", v4: rtnl.RTNLGRP_IPV4_IFADDR, v6: rtnl.RTNLGRP_IPV6_IFADDR},
	{name: "route", v4: rtnl.RTNLGRP_IPV4_ROUTE, v6: rtnl.RTNLGRP_IPV6_ROUTE},
	{name: "neigh", anyFamily: rtnl.RTNLGRP_NEIGH},
	{name: "rule", v4: rtnl.RTNLGRP_IPV4_RULE, v6: rtnl.RTNLGRP_IPV6_RULE},
	{name: "nexthop", anyFamily: rtnl.RTNLGRP_NEXTHOP},
}

// monitorObjectName maps the words `monitor` accepts (the object words of
// the command line) to the objects it can watch.
func monitorObjectName(s string) (string, bool) {
	o, ok := lookupObject(s)
	if !ok {
		return "", false
	}
	for _, m := range monitorObjects {
		if m.name == o.name {
			return o.name, true
		}
	}
	return "", false
}

// monitorCmd is `monitor [OBJECT...]`.
type monitorCmd struct {
	groups []rtnl.Group
	family rtnl.Family // 0: both; else neighbour events of the other family are dropped
}

// parseMonitor parses the objects to watch: none means monitor's
// DefaultGroups (links, neighbours, addresses, routes, rules), "all" every
// object including nexthop. -4/-6 keeps only that family's address, route
// and rule groups.
func parseMonitor(args []string, fam rtnl.Family) (monitorCmd, error) {
	c := monitorCmd{family: fam}
	want := map[string]bool{}
	for _, a := range args {
		if a == "all" {
			for _, o := range monitorObjects {
				want[o.name] = true
			}
			continue
		}
		name, ok := monitorObjectName(a)
		if !ok {
			return c, usageErrorf(monitorObject.usage(), "unknown monitor object %q (want link, addr, route, neigh, rule, nexthop or all)", a)
		}
		want[name] = true
	}
	add := func(g rtnl.Group) {
		if !slices.Contains(c.groups, g) {
			c.groups = append(c.groups, g)
		}
	}
	if len(want) == 0 {
		for _, g := range monitor.DefaultGroups {
			if groupFamily(g) == 0 || fam == 0 || groupFamily(g) == fam {
				add(g)
			}
		}
		return c, nil
	}
	for _, o := range monitorObjects {
		if !want[o.name] {
			continue
		}
		if o.anyFamily != 0 {
			add(o.anyFamily)
			continue
		}
		if fam != rtnl.AF_INET6 {
			add(o.v4)
		}
		if fam != rtnl.AF_INET {
			add(o.v6)
		}
	}
	return c, nil
}

// groupFamily is the address family of a per-family group, 0 for others.
func groupFamily(g rtnl.Group) rtnl.Family {
	for _, o := range monitorObjects {
		switch g {
		case o.anyFamily:
			return 0
		case o.v4:
			return rtnl.AF_INET
		case o.v6:
			return rtnl.AF_INET6
		}
	}
	return 0
}

// run prints events until ctx is done (Ctrl-C, SIGTERM), then returns nil.
// Every line is written with one Write on stdout, unbuffered, so that a
// consumer reading a pipe sees each event at once. Messages that fail to
// decode are reported on stderr and skipped.
func (c monitorCmd) run(cl *call) error {
	ctx, ns := cl.ctx, cl.opts.ns
	// Subscribe first, then read the interface names, so that no link
	// falls between the two.
	m, err := monitor.Start(ctx, monitor.Options{NetNS: ns, Groups: c.groups})
	if err != nil {
		return err
	}
	defer m.Close()
	stop := context.AfterFunc(ctx, func() { m.Close() })
	defer stop()

	conn, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		return err
	}
	defer conn.Close()
	links, err := loadLinks(ctx, conn, ns)
	if err != nil {
		return err
	}

	reload := func() (*linkSet, error) { return loadLinks(ctx, conn, ns) }
	p := printCtx{opts: &cl.opts}
	err = c.print(m.Events(), links, reload, cl.obj.print, &p, cl.stdout, cl.stderr)
	if ctx.Err() != nil {
		return nil // interrupted: the normal end
	}
	if err == nil {
		err = errors.New("monitor: the event stream ended")
	}
	return err
}

// print writes one line per event of events until the stream ends,
// through pr. links names interfaces and follows link events; on a Resync
// it is replaced by reload's fresh read (names may have changed unseen).
// A message that fails to decode is reported on stderr and skipped; the
// error returned is a failure to write, or the error that ended the stream
// (nil when it ended cleanly).
func (c monitorCmd) print(events iter.Seq2[*monitor.Event, error], links *linkSet, reload func() (*linkSet, error), pr printer, p *printCtx, stdout, stderr io.Writer) error {
	var line []byte
	var lastErr error
	for ev, err := range events {
		if err != nil {
			lastErr = err
			fmt.Fprintf(stderr, "linx: %v\n", err)
			continue
		}
		lastErr = nil
		switch {
		case ev.Kind == monitor.Resync:
			if fresh, err := reload(); err == nil {
				links = fresh
			} else {
				fmt.Fprintf(stderr, "linx: %v\n", err)
			}
		case ev.Link() != nil:
			links.learn(ev.Link())
		}
		if n := ev.Neigh(); n != nil && c.family != 0 && n.Header.Family != c.family {
			continue
		}
		p.names = links
		if line = pr(line[:0], ev, p); len(line) == 0 {
			continue
		}
		line = append(line, '\n')
		if _, err := stdout.Write(line); err != nil {
			return err
		}
	}
	return lastErr
}
