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

const usageMonitor = "linx [-n NETNS] [-json] [-4|-6] monitor [all|link|addr|route|neigh|rule|nexthop ...]"

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

// monitorObjectName maps the words `monitor` accepts to object names.
func monitorObjectName(s string) (string, bool) {
	if s == "route" || s == "r" || s == "ro" {
		return "route", true
	}
	return objectName(s)
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
			return c, usageErrorf(usageMonitor, "unknown monitor object %q (want link, addr, route, neigh, rule, nexthop or all)", a)
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
func (c monitorCmd) run(ctx context.Context, g globals, stdout, stderr io.Writer) error {
	// Subscribe first, then read the interface names, so that no link
	// falls between the two.
	m, err := monitor.Start(ctx, monitor.Options{NetNS: g.ns, Groups: c.groups})
	if err != nil {
		return err
	}
	defer m.Close()
	stop := context.AfterFunc(ctx, func() { m.Close() })
	defer stop()

	conn, err := nlsock.Dial(nlsock.WithNetNS(g.ns))
	if err != nil {
		return err
	}
	defer conn.Close()
	links, err := loadLinks(ctx, conn, g.ns)
	if err != nil {
		return err
	}

	reload := func() (*linkSet, error) { return loadLinks(ctx, conn, g.ns) }
	err = c.print(m.Events(), links, reload, g.json, stdout, stderr)
	if ctx.Err() != nil {
		return nil // interrupted: the normal end
	}
	if err == nil {
		err = errors.New("monitor: the event stream ended")
	}
	return err
}

// print writes one line per event of events until the stream ends. links
// names interfaces and follows link events; on a Resync it is replaced by
// reload's fresh read (names may have changed unseen). A message that
// fails to decode is reported on stderr and skipped; the error returned is
// a failure to write, or the error that ended the stream (nil when it
// ended cleanly).
func (c monitorCmd) print(events iter.Seq2[*monitor.Event, error], links *linkSet, reload func() (*linkSet, error), json bool, stdout, stderr io.Writer) error {
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
		var ok bool
		if line, ok = appendEvent(line[:0], ev, links, json); !ok {
			continue
		}
		if _, err := stdout.Write(line); err != nil {
			return err
		}
	}
	return lastErr
}

// eventKind is the object name of an event's resource ("nexthop" for the
// monitor's "nexthop_obj").
func eventKind(ev *monitor.Event) string {
	if ev.Resource == "nexthop_obj" {
		return "nexthop"
	}
	return ev.Resource
}

// appendEvent appends one event line, newline included, as text or JSON;
// ok is false for an event of a kind this command does not print.
//
// Text: as ip monitor prints it: the object as its list command prints it
// (addresses prefixed "INDEX: IFNAME"), "Deleted " before a removal, and
// "Resync needed: REASON" when events were lost.
//
// JSON: one object per line, {"event":"new"|"del","kind":KIND, ...} with
// the object's keys as the list command's -json prints them (an address:
// ifindex, ifname and the addr_info keys), or {"event":"resync",
// "reason":REASON}.
func appendEvent(b []byte, ev *monitor.Event, names linkNamer, json bool) ([]byte, bool) {
	if ev.Kind == monitor.Resync {
		if json {
			o := openObj(b)
			o.str("event", "resync")
			o.str("reason", ev.Reason)
			return append(o.close(), '\n'), true
		}
		b = append(b, "Resync needed: "...)
		b = append(b, ev.Reason...)
		return append(b, '\n'), true
	}
	if json {
		o := openObj(b)
		o.str("event", ev.Kind.String())
		o.str("kind", eventKind(ev))
		switch {
		case ev.Route() != nil:
			r := appendRouteJSON(nil, ev.Route(), names)
			if len(r) > 2 {
				o.b = append(o.b, ',')
				o.b = append(o.b, r[1:len(r)-1]...)
			}
		case ev.Link() != nil:
			linkJSONFields(&o, ev.Link(), names, false)
		case ev.Addr() != nil:
			addrEventJSONFields(&o, ev.Addr(), names)
		case ev.Neigh() != nil:
			neighJSONFields(&o, ev.Neigh(), names)
		case ev.Rule() != nil:
			ruleJSONFields(&o, ev.Rule())
		case ev.Nexthop() != nil:
			nexthopJSONFields(&o, ev.Nexthop(), names)
		default:
			return b, false
		}
		return append(o.close(), '\n'), true
	}
	start := len(b)
	if ev.Kind == monitor.Del {
		b = append(b, "Deleted "...)
	}
	switch {
	case ev.Route() != nil:
		b = appendRouteText(b, ev.Route(), names, textOptions{})
	case ev.Link() != nil:
		b = appendLinkText(b, ev.Link(), names, linkTextOptions{})
	case ev.Addr() != nil:
		b = appendAddrText(b, ev.Addr(), names, true)
	case ev.Neigh() != nil:
		b = appendNeighText(b, ev.Neigh(), names, false)
	case ev.Rule() != nil:
		b = appendRuleText(b, ev.Rule())
	case ev.Nexthop() != nil:
		b = appendNexthopText(b, ev.Nexthop(), names)
	default:
		return b[:start], false
	}
	return append(b, '\n'), true
}
