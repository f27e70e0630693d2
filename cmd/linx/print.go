package main

import (
	"bufio"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
)

// printer appends one object to b in the form p asks for: its text (one
// or more lines, without the last newline) or one JSON object. v is the
// object's message as the listing or the monitor has it (*rtnl.Route,
// *rtnl.Link, ...; the addr listing gives *linkAddrs). Each object's
// printer is one field of its row in objects, so that the presentation
// behind it can change object by object; today they call the format_*
// functions.
type printer func(b []byte, v any, p *printCtx) []byte

// printCtx is what a printer is told besides the object.
type printCtx struct {
	opts  *options
	names linkNamer   // interface names and flags by index
	hide  textOptions // columns the listing's filter fixed (route; neigh: dev)
	event bool        // a monitor event: ip monitor's forms of the objects
}

func printRoute(b []byte, v any, p *printCtx) []byte {
	r := v.(*rtnl.Route)
	if p.opts.json {
		return appendRouteJSON(b, r, p.names)
	}
	return appendRouteText(b, r, p.names, p.hide)
}

func printLink(b []byte, v any, p *printCtx) []byte {
	l := v.(*rtnl.Link)
	if p.opts.json {
		return appendLinkJSON(b, l, p.names)
	}
	o := linkTextOptions{mode: true, qlen: true, alias: true} // ip link
	if p.event {
		o = linkTextOptions{} // ip monitor
	}
	return appendLinkText(b, l, p.names, o)
}

// linkAddrs is one entry of an addr listing: a link and its addresses, as
// ip addr prints them. family is the family asked for (-4/-6; 0: any).
type linkAddrs struct {
	link   *rtnl.Link
	addrs  []rtnl.Addr
	family rtnl.Family
}

// printAddr prints an addr listing's entry (*linkAddrs) or an address
// event (*rtnl.Addr: "INDEX: IFNAME" before it; in JSON its interface's
// "ifindex" and "ifname" before the addr_info keys).
func printAddr(b []byte, v any, p *printCtx) []byte {
	if a, ok := v.(*rtnl.Addr); ok {
		if p.opts.json {
			o := openObj(b)
			addrEventJSONFields(&o, a, p.names)
			return o.close()
		}
		return appendAddrText(b, a, p.names, true)
	}
	la := v.(*linkAddrs)
	if p.opts.json {
		o := openObj(b)
		linkJSONFields(&o, la.link, p.names, true)
		o.key("addr_info")
		o.b = append(o.b, '[')
		for j := range la.addrs {
			if j > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendAddrJSON(o.b, &la.addrs[j])
		}
		o.b = append(o.b, ']')
		return o.close()
	}
	b = appendLinkText(b, la.link, p.names, linkTextOptions{qlen: true, noLLine: la.family != 0})
	for j := range la.addrs {
		b = append(b, '\n')
		b = appendAddrText(b, &la.addrs[j], p.names, false)
	}
	return b
}

func printNeigh(b []byte, v any, p *printCtx) []byte {
	n := v.(*rtnl.Neigh)
	if p.opts.json {
		return appendNeighJSON(b, n, p.names)
	}
	return appendNeighText(b, n, p.names, p.hide.hideDev)
}

func printRule(b []byte, v any, p *printCtx) []byte {
	r := v.(*rtnl.Rule)
	if p.opts.json {
		return appendRuleJSON(b, r)
	}
	return appendRuleText(b, r)
}

func printNexthop(b []byte, v any, p *printCtx) []byte {
	n := v.(*rtnl.NexthopObj)
	if p.opts.json {
		return appendNexthopJSON(b, n, p.names)
	}
	return appendNexthopText(b, n, p.names)
}

// printEvent prints a monitor event (*monitor.Event) as one line, without
// its newline, through the printer of the event's object: in text "Deleted
// " before a removal, in JSON the object's keys after "event" and "kind";
// a Resync as "Resync needed: REASON" or {"event":"resync","reason":...}.
// It appends nothing for an event of an object linx does not print.
func printEvent(b []byte, v any, p *printCtx) []byte {
	ev := v.(*monitor.Event)
	if ev.Kind == monitor.Resync {
		if p.opts.json {
			o := openObj(b)
			o.str("event", "resync")
			o.str("reason", ev.Reason)
			return o.close()
		}
		return append(append(b, "Resync needed: "...), ev.Reason...)
	}
	obj, ok := objectNamed(eventKind(ev))
	if !ok || obj.print == nil || ev.Msg == nil {
		return b
	}
	ep := *p
	ep.event, ep.hide = true, textOptions{}
	if !p.opts.json {
		if ev.Kind == monitor.Del {
			b = append(b, "Deleted "...)
		}
		return obj.print(b, ev.Msg, &ep)
	}
	o := openObj(b)
	o.str("event", ev.Kind.String())
	o.str("kind", obj.name)
	start := len(o.b)
	o.b = obj.print(o.b, ev.Msg, &ep)
	// The object's own {...} goes into the event's: its keys follow
	// "kind".
	if inner := o.b[start:]; len(inner) > 2 {
		copy(o.b[start+1:], inner[1:len(inner)-1])
		o.b[start] = ','
		o.b = o.b[:len(o.b)-1]
	} else {
		o.b = o.b[:start]
	}
	return o.close()
}

// eventKind is the object name of an event's resource ("nexthop" for the
// monitor's "nexthop_obj").
func eventKind(ev *monitor.Event) string {
	if ev.Resource == "nexthop_obj" {
		return "nexthop"
	}
	return ev.Resource
}

// listing writes the objects of one listing through a printer: text
// lines, or one JSON array with an element per line.
type listing struct {
	w    *bufio.Writer
	p    printCtx
	arr  jsonArray
	line []byte
	pr   printer
	elem []byte // -pretty: the element before it is laid out
	n    int    // -pretty: elements written
}

func newListing(c *call, names linkNamer, pr printer) *listing {
	w := bufio.NewWriterSize(c.stdout, 64<<10)
	l := &listing{w: w, pr: pr}
	l.p = printCtx{opts: &c.opts, names: names}
	l.arr = jsonArray{w: w}
	return l
}

// put writes one object.
func (l *listing) put(v any) error {
	if l.p.opts.json && l.p.opts.pretty { // as ip -j -p: "[ {", "},{", "} ]"
		l.elem = l.pr(l.elem[:0], v, &l.p)
		l.line = append(l.line[:0], ',')
		if l.n == 0 {
			l.line = append(l.line[:0], "[ "...)
		}
		l.n++
		l.line = appendPretty(l.line, l.elem, 1)
		_, err := l.w.Write(l.line)
		return err
	}
	if l.p.opts.json {
		return l.arr.add(func(b []byte) []byte { return l.pr(b, v, &l.p) })
	}
	l.line = append(l.pr(l.line[:0], v, &l.p), '\n')
	_, err := l.w.Write(l.line)
	return err
}

// fail flushes what was written before an error.
func (l *listing) fail(err error) error {
	l.w.Flush()
	return err
}

// close ends the listing (the JSON array's "]") and flushes it.
func (l *listing) close() error {
	if l.p.opts.json && l.p.opts.pretty {
		end := " ]\n"
		if l.n == 0 {
			end = "[ ]\n"
		}
		if _, err := l.w.WriteString(end); err != nil {
			return err
		}
		return l.w.Flush()
	}
	if l.p.opts.json {
		if err := l.arr.close(); err != nil {
			return err
		}
	}
	return l.w.Flush()
}
