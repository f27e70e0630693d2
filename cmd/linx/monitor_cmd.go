package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

var monitorObject = &object{
	name:  "monitor",
	short: "print kernel notifications as they come (ip monitor)",
	long: `monitor prints one line per kernel notification until Ctrl-C or SIGTERM
(exit 0), each written at once. Its objects choose the multicast groups,
as the schema assigns them: link, addr (IPv4 and IPv6 addresses), route
(IPv4 and IPv6), neigh, rule (IPv4 and IPv6), nexthop, netconf (IPv4,
IPv6, MPLS); all: every one; none given: link, neigh, addr, route and
rule; -4/-6 keeps one family's groups. Text lines are ip monitor's: the
object as its listing prints it (an address prefixed "INDEX: IFNAME"),
"Deleted " before a removal, and "Resync needed: REASON" when
notifications were lost (re-read the state you keep). With -json each
line is one object:
  {"event":"new"|"del","kind":"route"|"link"|"addr"|"neigh"|"rule"|"nexthop"|"netconf",
   ...the object's own keys, as that object's -json listing prints them}
(an address: "index" and "dev" before its addr_info keys), and for lost
notifications {"event":"resync","reason":"..."}. A message that cannot be
decoded is printed as far as it decoded and reported on standard error;
monitoring goes on.
`,
}

// The verb refers to the row (for its usage): set it once it exists.
func init() {
	monitorObject.verbs = []verb{{usage: "[all|" + strings.Join(monitorNames(), "|") + " ...]", run: runMonitor}}
}

func runMonitor(c *call, args []string) error {
	m, err := parseMonitor(args, c.opts.family)
	if err != nil {
		return err
	}
	return m.run(c)
}

// monitorNames are the objects monitor can watch: those of the command
// line's table whose message type has multicast groups, in table order.
func monitorNames() []string {
	var out []string
	for _, o := range objects {
		if m := messageOf(o.name); m != nil && len(m.GroupInfo) > 0 {
			out = append(out, o.name)
		}
	}
	return out
}

// objectGroups are the groups monitor joins for message type m and family
// fam (0: any), from the schema: those it marks default for m when it
// marks some (ip monitor link joins RTNLGRP_LINK, not RTNLGRP_IPV6_IFINFO),
// else all of m's; of these, with a family, that family's and those of
// none (GroupsFor). defaultOnly keeps the default ones only (a monitor
// given no objects).
func objectGroups(m *nlwire.MessageInfo, fam rtnl.Family, defaultOnly bool) []rtnl.Group {
	defaults := nlwire.DefaultGroups([]nlwire.MessageInfo{*m})
	var out []rtnl.Group
	for _, g := range m.GroupsFor(uint8(fam)) {
		if (len(defaults) > 0 || defaultOnly) && !slices.Contains(defaults, g) {
			continue
		}
		out = append(out, rtnl.Group(g))
	}
	return out
}

// monitorCmd is `monitor [OBJECT...]`.
type monitorCmd struct {
	groups []rtnl.Group
	family rtnl.Family // 0: both; else neighbour events of the other family are dropped
	// reloadNexthops re-reads the nexthop objects after a Resync (-d,
	// which shows them in routes); nil: none are kept.
	reloadNexthops func() (ipfmt.Nexthops, error)
}

// parseMonitor parses the objects to watch: "all", or none, every object
// monitor can watch, as `ip monitor` with no object watches everything (the
// library's monitor.DefaultGroups are the smaller set a reconciler wants).
// -4/-6 keeps only that family's groups.
func parseMonitor(args []string, fam rtnl.Family) (monitorCmd, error) {
	c := monitorCmd{family: fam}
	names := monitorNames()
	if len(args) == 0 {
		args = []string{"all"}
	}
	var want []string
	for _, a := range args {
		if a == "all" {
			want = append(want, names...)
			continue
		}
		o, ok := lookupObject(a)
		if !ok || !slices.Contains(names, o.name) {
			return c, usageErrorf(monitorObject.usage(), "unknown monitor object %q (want %s or all)", a, strings.Join(names, ", "))
		}
		want = append(want, o.name)
	}
	add := func(g rtnl.Group) {
		if !slices.Contains(c.groups, g) {
			c.groups = append(c.groups, g)
		}
	}
	for i := range rtnl.Messages {
		m := &rtnl.Messages[i]
		if len(want) == 0 || slices.Contains(want, m.Name) {
			for _, g := range objectGroups(m, fam, len(want) == 0) {
				add(g)
			}
		}
	}
	slices.Sort(c.groups) // in numeric order, as monitor.DefaultGroups
	return c, nil
}

// run prints events until ctx is done (Ctrl-C, SIGTERM), then returns nil.
// Lines are buffered while more events are ready and written out as soon
// as none is (see idleFlusher): a burst costs a few write(2)s, not one per
// event, and a consumer reading a pipe still sees each event at once when
// the stream is quiet.
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
	o := cl.fmtOptions(links, textOptions{})
	if o.Nexthops, err = nexthopsFor(cl, conn); err != nil { // -d: nh_info, kept current below
		return err
	}
	if o.Nexthops != nil {
		c.reloadNexthops = func() (ipfmt.Nexthops, error) { return nexthopsFor(cl, conn) }
	}
	out := &idleFlusher{w: bufio.NewWriterSize(cl.stdout, 64<<10), pending: m.Pending}
	err = c.print(m.Events(), links, reload, o, out, cl.stderr)
	if ferr := out.w.Flush(); err == nil && ferr != nil && ctx.Err() == nil {
		err = ferr
	}
	if ctx.Err() != nil {
		return nil // interrupted: the normal end
	}
	if err == nil {
		err = errors.New("monitor: the event stream ended")
	}
	return err
}

// print writes one line per event of events until the stream ends, as
// ipfmt's AppendEvent prints it with o. links names interfaces and follows
// link events; on a Resync it is replaced by reload's fresh read (names may
// have changed unseen). A message that fails to decode is printed as far as
// it decoded and reported on stderr; the error returned is a failure to
// write, or the error that ended the stream (nil when it ended cleanly).
func (c monitorCmd) print(events iter.Seq2[*monitor.Event, error], links *linkSet, reload func() (*linkSet, error), o ipfmt.Options, stdout, stderr io.Writer) error {
	var line []byte
	var lastErr error
	for ev, err := range events {
		if ev == nil {
			lastErr = err
			fmt.Fprintf(stderr, "linx: %v\n", err)
			continue
		}
		lastErr = nil
		if err != nil {
			warnDecode(stderr, err)
		}
		switch {
		case ev.Kind == monitor.Resync:
			// Names and nexthop objects may have changed unseen.
			if fresh, err := reload(); err == nil {
				links = fresh
			} else {
				fmt.Fprintf(stderr, "linx: %v\n", err)
			}
			if c.reloadNexthops != nil {
				if nhs, err := c.reloadNexthops(); err == nil {
					o.Nexthops = nhs
				} else {
					fmt.Fprintf(stderr, "linx: %v\n", err)
				}
			}
		case ev.Link() != nil && ev.Kind == monitor.Del:
			links.forget(ev.Link())
		case ev.Link() != nil:
			links.learn(ev.Link())
		case ev.Nexthop() != nil:
			if t, ok := o.Nexthops.(*ipfmt.NexthopTable); ok && ev.Kind == monitor.Del {
				t.Forget(ev.Nexthop().ID)
			} else if ok {
				t.Learn(ev.Nexthop())
			}
		}
		if n := ev.Neigh(); n != nil && c.family != 0 && n.Header.Family != c.family {
			continue
		}
		o.Links = links
		var ok bool
		if line, ok = o.AppendEvent(line[:0], ev); !ok {
			continue
		}
		if _, err := stdout.Write(line); err != nil {
			return err
		}
	}
	return lastErr
}

// idleFlusher buffers the monitor's lines and flushes them whenever the
// monitor has nothing more ready (pending false), or the buffer fills.
type idleFlusher struct {
	w       *bufio.Writer
	pending func() bool
}

func (f *idleFlusher) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err == nil && !f.pending() {
		err = f.w.Flush()
	}
	return n, err
}
