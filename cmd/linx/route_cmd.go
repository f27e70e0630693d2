package main

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

var routeObject = &object{
	name:  "route",
	short: "routes: list, get, add, replace, append, change, prepend, delete, flush, sync (ip route)",
	long: `route: with no verb it lists. list shows the main table (table all: every
table), IPv4 unless -6 (table all: both families unless -4 or -6), as ip.
Route TYPE is unicast, local, broadcast, multicast, throw, unreachable,
prohibit, blackhole, nat, anycast or xresolve; "default" is 0.0.0.0/0 or
::/0, by the family of the gateway, the source or -4/-6 (else IPv4).
METRIC is any route metric ip lists (mtu, advmss, window, rtt, rttvar,
ssthresh, cwnd, initcwnd, initrwnd, quickack, congctl, fastopen_no_cookie,
hoplimit, features, reordering, rto_min), "lock" before the value locking
it. Every route a listing prints can be given back to add or del in the
words it was printed with: the state words (dead, linkdown, offload, ...)
are accepted and not sent, and a route with nhid is matched by its
nexthop object (the via and dev words shown are the object's).
show PREFIX (or exact P) is that prefix only, match P the routes covering
P, root P the routes inside P. flush deletes what show would list, in one
batch. sync makes FILE's routes (lines in route add words) the routes of
protocol P in the tables given (see linx route sync -h). Text and -json
are ip's and ip -j's ("dst":"default", names; -N: numbers).
`,
}

// The verbs refer to the row (for its usage): set them once it exists.
func init() {
	routeObject.verbs = []verb{
		{names: []string{"list", "show", "lst"}, usage: "[list|show] [cache] [PREFIX|match P|root P|exact P] [table N|all] [proto P] [type T] [dev IF] [scope S] [via GW|P] [src A|P] [metric M]", run: runRouteList},
		{names: []string{"get"}, usage: "get [fibmatch] ADDR [from A] [iif IF] [oif IF|vrf VRF] [mark M] [uid U] [tos T] [ipproto P] [sport N] [dport N]", run: runRouteGet},
		{names: []string{"add"}, usage: "add|replace|append|change|prepend|del [TYPE] PREFIX|default [via [inet|inet6] GW] [dev IF] [nhid ID] [encap mpls|ip|ip6|seg6|seg6local ...] [nexthop via GW dev IF weight W [onlink] [encap ...] ...] [table N] [proto P] [metric M] [src ADDR] [from PREFIX] [tos T] [scope S] [realm R] [expires SEC] [pref P] [onlink] [METRIC [lock] N ...]", run: runModify("add")},
		{names: []string{"replace"}, run: runModify("replace")},
		{names: []string{"append"}, run: runModify("append")},
		{names: []string{"change"}, run: runModify("change")},
		{names: []string{"prepend"}, run: runModify("prepend")},
		{names: []string{"delete", "del"}, run: runModify("delete")},
		{names: []string{"flush"}, usage: "flush [cache] [PREFIX|match P|root P|exact P] [table N|all] [proto P] [type T] [dev IF] [scope S] [via GW|P] [src A|P] [metric M]", run: runRouteFlush},
		{names: []string{"sync"}, usage: "sync -f FILE -proto P [-table T ...] [-dry-run] [-watch]", run: runRouteSync},
	}
}

func runRouteList(c *call, args []string) error {
	l, err := parseList(args, c.opts.family)
	if err != nil {
		return ipRouteError(err)
	}
	l.filter.Family = listFamily(l.filter.Family, uint32(l.filter.Table))
	return l.run(c)
}

func runRouteGet(c *call, args []string) error {
	g, err := parseGet(args, c.opts.family)
	if err != nil {
		return ipRouteError(err)
	}
	return g.run(c)
}

func runModify(verb string) func(c *call, args []string) error {
	return func(c *call, args []string) error {
		m, err := parseRouteWords(verb, args, c.opts.family)
		if err != nil {
			return err
		}
		return m.run(c)
	}
}

// ---- list ----

// listCmd is `route list` (and flush): the main table unless "table"
// says otherwise, both address families unless -4 or -6 is given (ip lists
// IPv4 only by default). The filter fields are applied by the kernel
// (route.Filter); the prefix selector and scope here.
type listCmd struct {
	filter   route.Filter
	dev      string // output interface name, resolved in the namespace at run time
	text     textOptions
	sel      string       // "", "exact", "match" or "root"
	prefix   netip.Prefix // with sel
	scope    rtnl.Scope   // with hasScope: the scope to keep
	hasScope bool
	via      netip.Prefix // the route's own gateway (RTA_GATEWAY or RTA_VIA) in it
	src      netip.Prefix // preferred sources in it
	metric   *uint32
	tos      *uint8
	oif      uint32 // dev's index, resolved by run
}

// routeListKeys are route list's keywords; each takes a value.
var routeListKeys = [][]string{{"table"}, {"proto", "protocol"}, {"type"}, {"dev", "oif"}, {"scope"}, {"match"}, {"root"}, {"exact"}, {"via"}, {"src"}, {"metric", "priority", "preference"}, {"tos", "dsfield"}}

func parseList(args []string, fam rtnl.Family) (listCmd, error) {
	usage := routeObject.usage()
	c := listCmd{filter: route.Filter{Family: fam, Table: rtnl.RT_TABLE_MAIN}}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		if args[i] == "cache" || args[i] == "cloned" {
			c.filter.Cloned = true
			continue
		}
		key := keyName(routeListKeys, args[i])
		if key == "" {
			if c.sel != "" || strings.HasPrefix(args[i], "-") {
				return c, usageErrorf(usage, "unknown list argument %q", args[i])
			}
			// A bare prefix is ip's "exact" (both its root and match).
			if _, err := parseDst(args[i]); err != nil {
				return c, usageErrorf(usage, "unknown list argument %q", args[i])
			}
			key = "exact"
			i--
		}
		if i+1 >= len(args) {
			return c, usageErrorf(usage, "%s needs a value", args[i])
		}
		switch key {
		case "match", "root", "exact":
			if c.sel != "" {
				return c, usageErrorf(usage, "one of PREFIX, match, root and exact")
			}
		default:
			if seen[key] {
				return c, usageErrorf(usage, "%s given twice", args[i])
			}
		}
		seen[key] = true
		i++
		val := args[i]
		switch key {
		case "table":
			if val == "all" {
				c.filter.Table = 0
				continue
			}
			t, err := parseTable(val)
			if err != nil {
				return c, usageErrorf(usage, "%v", err)
			}
			c.filter.Table = t
			c.text.hideTable = true
		case "proto":
			p, err := rtnl.ParseProtocol(val)
			if err != nil {
				return c, usageErrorf(usage, "proto: %v", err)
			}
			c.filter.Protocol = p
			c.text.hideProto = true
		case "type":
			t, err := rtnl.ParseRouteType(val)
			if err != nil {
				return c, usageErrorf(usage, "type: %v", err)
			}
			c.filter.Type = t
		case "dev":
			c.dev = val
			c.text.hideDev = true
		case "via":
			if val == "inet" || val == "inet6" {
				if i+1 >= len(args) {
					return c, usageErrorf(usage, "via %s needs an address", val)
				}
				i++
				val = args[i]
			}
			p, err := parseDst(val)
			if err != nil {
				return c, err
			}
			c.via = p
		case "src":
			p, err := parseDst(val)
			if err != nil {
				return c, err
			}
			c.src = p
		case "metric":
			n, err := parseU32("metric", val)
			if err != nil {
				return c, usageErrorf(usage, "%v", err)
			}
			c.metric = &n
		case "tos":
			t, err := ipfmt.ParseDSField(val)
			if err != nil {
				return c, usageErrorf(usage, "tos: %v", err)
			}
			c.tos = &t
		case "scope":
			sc, err := rtnl.ParseScope(val)
			if err != nil {
				return c, usageErrorf(usage, "scope: %v", err)
			}
			c.scope, c.hasScope = sc, true
		case "match", "root", "exact":
			var p netip.Prefix
			if val == "default" || val == "all" {
				if fam == rtnl.AF_INET6 {
					p = netip.PrefixFrom(netip.IPv6Unspecified(), 0)
				} else {
					p = netip.PrefixFrom(netip.IPv4Unspecified(), 0)
				}
			} else {
				var err error
				if p, err = parseDst(val); err != nil {
					return c, err
				}
			}
			if fam != 0 && famOfAddr(p.Addr()) != fam {
				return c, argErrorf("prefix %s is not of the family %s asks for", p, famFlag(fam))
			}
			c.sel, c.prefix = key, p
			if c.filter.Family == 0 {
				c.filter.Family = famOfAddr(p.Addr())
			}
		}
	}
	return c, nil
}

// keep applies what the kernel does not filter: the prefix selector (ip's
// exact, match and root) and the scope.
func (c *listCmd) keep(r *rtnl.Route) bool {
	if c.hasScope && r.Header.Scope != c.scope {
		return false
	}
	if c.src.IsValid() && (!r.Has(rtnl.RTA_PREFSRC) || !c.src.Contains(r.PrefSrc)) {
		return false
	}
	if c.metric != nil && r.Priority != *c.metric {
		return false
	}
	if c.via.IsValid() && !routeVia(r, c.via) {
		return false
	}
	if c.tos != nil && r.Header.Tos != *c.tos {
		return false
	}
	// The kernel's dev filter also passes a route one of whose legs (or
	// whose nexthop object) uses the device; ip's filter_nlmsg then keeps
	// only a route whose own RTA_OIF is it.
	if c.oif != 0 && (!r.Has(rtnl.RTA_OIF) || r.OIF != c.oif) {
		return false
	}
	if c.sel == "" {
		return true
	}
	d := route.Destination(r)
	if !d.IsValid() || d.Addr().Is4() != c.prefix.Addr().Is4() {
		return false
	}
	switch c.sel {
	case "exact":
		return d == c.prefix
	case "match": // routes covering the prefix
		return d.Bits() <= c.prefix.Bits() && d.Contains(c.prefix.Addr())
	default: // root: routes inside the prefix
		return d.Bits() >= c.prefix.Bits() && c.prefix.Contains(d.Addr())
	}
}

// routeVia reports whether r's own gateway is in p: as ip's filter_nlmsg,
// which looks at the route's RTA_GATEWAY or RTA_VIA only, not at its legs'
// (a multipath or nhid route is not listed by via).
func routeVia(r *rtnl.Route, p netip.Prefix) bool {
	return r.Has(rtnl.RTA_GATEWAY) && p.Contains(r.Gateway) || r.Has(rtnl.RTA_VIA) && p.Contains(r.Via)
}

// keyName is the canonical name (the first) of the keyword row that word
// is one of, or "".
func keyName(keys [][]string, word string) string {
	for _, k := range keys {
		for _, n := range k {
			if n == word {
				return k[0]
			}
		}
	}
	return ""
}

func (c listCmd) run(cl *call) error {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	// Names first: the Client is busy while its dump runs.
	links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if err != nil {
		return err
	}
	f := c.filter
	if c.dev != "" {
		if f.OIF, err = links.index(c.dev); err != nil {
			return err
		}
		c.oif = f.OIF
	}
	hide := c.text
	hide.hideTable = f.Table != 0 // ip hides the table it lists, main by default
	o := cl.fmtOptions(links, hide)
	// As ip, a field the listing is filtered by exactly is not printed.
	o.HideGateway = c.via.IsValid() && c.via.IsSingleIP()
	o.HidePrefSrc = c.src.IsValid() && c.src.IsSingleIP()
	o.HideMetric = c.metric != nil
	o.HideScope = c.hasScope
	o.HideTOS = c.tos != nil
	if o.Nexthops, err = nexthopsFor(cl, client.Conn()); err != nil {
		return err
	}
	out := newListing(cl, o)
	err = each(out, client.All(cl.ctx, f), c.keep)
	// A namespace with no route yet has no main table: the kernel ends
	// the dump with ENOENT, which ip ignores for the main table only
	// (save_route_errhndlr, ip/iproute.c) and lists nothing.
	if err != nil && !(f.Table == rtnl.RT_TABLE_MAIN && errors.Is(err, unix.ENOENT)) {
		return out.fail(err)
	}
	return out.close()
}

func runRouteFlush(cl *call, args []string) error {
	if len(args) == 0 {
		return usageErrorf(routeObject.usage(), "route flush needs a selector (table all flushes every table)")
	}
	c, err := parseList(args, cl.opts.family)
	if err != nil {
		return err
	}
	if c.filter.Cloned {
		return flushCache(cl, c.filter.Family)
	}
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	f := c.filter
	if f.OIF, err = devIndex(cl, client.Conn(), c.dev); err != nil {
		return err
	}
	c.oif = f.OIF
	routes, err := client.ListFull(cl.ctx, f)
	if err != nil {
		return err
	}
	var b route.Batch
	for i := range routes {
		r := &routes[i]
		if !c.keep(r) {
			continue
		}
		w := route.Writable(r)
		if err := b.DeleteRoute(&w); err != nil {
			return err
		}
	}
	if b.Len() == 0 {
		return nil
	}
	return client.Apply(cl.ctx, &b)
}

// ---- get ----

// getCmd is `route get`: the address and the lookup's options; the
// interface names wait for the namespace.
type getCmd struct {
	addr     netip.Addr
	iif, oif string
	vrf      string // a VRF device: the lookup's output interface, as ip's
	opts     []route.Option
}

func parseGet(args []string, fam rtnl.Family) (getCmd, error) {
	usage := routeObject.usage()
	var c getCmd
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		w := args[i]
		if w == "fibmatch" {
			c.opts = append(c.opts, route.FibMatch())
			continue
		}
		if w == "to" {
			continue
		}
		switch w {
		case "from", "iif", "oif", "mark", "uid", "tos", "dsfield", "vrf", "ipproto", "sport", "dport":
		default:
			if c.addr.IsValid() {
				return c, usageErrorf(usage, "unexpected argument %q after the address", w)
			}
			a, err := parseAddr("address", w)
			if err != nil {
				return c, err
			}
			if fam == rtnl.AF_INET && !a.Is4() || fam == rtnl.AF_INET6 && !a.Is6() {
				return c, argErrorf("address %s is not of the family %s asks for", a, famFlag(fam))
			}
			c.addr = a
			continue
		}
		if seen[w] {
			return c, usageErrorf(usage, "%s given twice", w)
		}
		seen[w] = true
		if i+1 >= len(args) {
			return c, usageErrorf(usage, "%s needs a value", w)
		}
		i++
		val := args[i]
		var err error
		switch w {
		case "from":
			var a netip.Addr
			if a, err = parseAddr("source address", val); err == nil {
				c.opts = append(c.opts, route.From(netip.PrefixFrom(a, a.BitLen())))
			}
		case "iif":
			c.iif = val
		case "oif":
			c.oif = val
		case "vrf":
			c.vrf = val
		case "mark":
			var n uint64
			if n, err = strconv.ParseUint(val, 0, 32); err == nil {
				c.opts = append(c.opts, route.Mark(uint32(n)))
			} else {
				err = fmt.Errorf("invalid mark %q", val)
			}
		case "uid":
			var n uint32
			if n, err = parseU32("uid", val); err == nil {
				c.opts = append(c.opts, route.UID(n))
			}
		case "tos", "dsfield":
			var t uint8
			if t, err = ipfmt.ParseDSField(val); err == nil {
				c.opts = append(c.opts, route.TOS(t))
			}
		case "ipproto":
			var p uint8
			if p, err = parseIPProto(val); err == nil {
				c.opts = append(c.opts, route.IPProto(p))
			}
		case "sport", "dport":
			var n uint64
			if n, err = strconv.ParseUint(val, 10, 16); err != nil {
				err = fmt.Errorf("invalid %s %q: want a port 0..65535", w, val)
			} else if w == "sport" {
				c.opts = append(c.opts, route.SourcePort(uint16(n)))
			} else {
				c.opts = append(c.opts, route.DestPort(uint16(n)))
			}
		}
		if err != nil {
			var ce *cliError
			if errors.As(err, &ce) {
				return c, err
			}
			return c, usageErrorf(usage, "%v", err)
		}
	}
	if !c.addr.IsValid() {
		return c, usageErrorf(usage, "route get needs an address")
	}
	return c, nil
}

// flushCache is `route flush cache`: as ip, it writes the kernel's flush
// control (/proc/sys/net/ipv4/route/flush, .../ipv6/...) in the
// namespace; exceptions are not deleted one by one.
func flushCache(cl *call, fam rtnl.Family) error {
	var files []string
	if fam != rtnl.AF_INET6 {
		files = append(files, "/proc/sys/net/ipv4/route/flush")
	}
	if fam != rtnl.AF_INET {
		files = append(files, "/proc/sys/net/ipv6/route/flush")
	}
	return nlsock.Do(cl.opts.ns, func() error {
		for _, f := range files {
			// /proc/sys/net is the namespace of the thread that opens it.
			if err := os.WriteFile(f, []byte("1\n"), 0); err != nil {
				return fmt.Errorf("flush cache: %w", err)
			}
		}
		return nil
	})
}

// parseIPProto is an IP protocol by the names the kernel's route get
// takes (rtm_getroute_parse_ip_proto: tcp, udp, icmp, ipv6-icmp) or a
// number.
func parseIPProto(s string) (uint8, error) {
	switch s {
	case "tcp":
		return unix.IPPROTO_TCP, nil
	case "udp":
		return unix.IPPROTO_UDP, nil
	case "icmp":
		return unix.IPPROTO_ICMP, nil
	case "ipv6-icmp", "icmpv6":
		return unix.IPPROTO_ICMPV6, nil
	}
	n, err := strconv.ParseUint(s, 10, 8)
	if err != nil {
		return 0, fmt.Errorf("invalid ipproto %q: want tcp, udp, icmp, ipv6-icmp or a number", s)
	}
	return uint8(n), nil
}

func (c getCmd) run(cl *call) error {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if err != nil {
		return err
	}
	opts := c.opts[:len(c.opts):len(c.opts)]
	if c.iif != "" {
		i, err := links.index(c.iif)
		if err != nil {
			return err
		}
		opts = append(opts, route.IIF(i))
	}
	if c.oif != "" && c.vrf != "" {
		return usageErrorf(routeObject.usage(), "route get: oif and vrf exclude each other")
	}
	if c.vrf != "" {
		vrfs, err := link.List(cl.ctx, client.Conn(), link.Filter{Kind: "vrf"})
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(vrfs, func(l rtnl.Link) bool { return l.IfName.String() == c.vrf }) {
			return argErrorf("invalid VRF %q: not a VRF device", c.vrf)
		}
		c.oif = c.vrf
	}
	if c.oif != "" {
		i, err := links.index(c.oif)
		if err != nil {
			return err
		}
		opts = append(opts, route.Dev(i))
	}
	r, err := client.Get(cl.ctx, c.addr, opts...)
	if r == nil {
		return err
	}
	r2 := r.Clone()
	out := newListing(cl, cl.fmtOptions(links, textOptions{}))
	if err != nil {
		out.warn(err) // a reply decoded in part
	}
	if err := out.put(&r2); err != nil {
		return err
	}
	return out.close()
}

// ---- add, replace, append, change, prepend, delete ----

// routeTypeWord parses the type word ip accepts before the prefix
// ("blackhole", "unreachable", ...): names only, never numbers, so that
// nothing that looks like an address is taken for a type.
func routeTypeWord(s string) (rtnl.RouteType, bool) {
	for t := rtnl.RTN_UNICAST; t <= rtnl.RTN_XRESOLVE; t++ {
		if s == t.String() {
			return t, true
		}
	}
	return 0, false
}

func (c routeSpec) run(cl *call) error {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	index := func(name string) (uint32, error) {
		return 0, fmt.Errorf("no interface names here (%q)", name)
	}
	if c.needsLinks() {
		links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
		if err != nil {
			return err
		}
		index = links.index
	}
	dst, gw, opts, err := c.options(index)
	if err != nil {
		return err
	}
	switch c.verb {
	case "add":
		return client.Add(cl.ctx, dst, gw, opts...)
	case "replace":
		return client.Replace(cl.ctx, dst, gw, opts...)
	case "append":
		return client.Append(cl.ctx, dst, gw, opts...)
	case "change":
		return client.Change(cl.ctx, dst, gw, opts...)
	case "prepend":
		return client.Prepend(cl.ctx, dst, gw, opts...)
	default:
		return client.Delete(cl.ctx, dst, gw, opts...)
	}
}

// needsLinks reports whether the route names interfaces to resolve.
func (c routeSpec) needsLinks() bool {
	if c.nhid {
		return false
	}
	if c.dev != "" || c.encap != nil && (c.encap.iif != "" || c.encap.oif != "") {
		return true
	}
	for _, l := range c.legs {
		if l.dev != "" || l.encap != nil && (l.encap.iif != "" || l.encap.oif != "") {
			return true
		}
	}
	return false
}

// ---- argument helpers ----

// parseDst parses a destination: a prefix, or an address meaning a host
// route (/32 or /128), as ip does.
func parseDst(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		a, err := parseAddr("destination", s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, argErrorf("invalid destination prefix %q: want ADDR/LEN such as 10.0.0.0/8 or 2001:db8::/32", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, argErrorf("invalid destination prefix %q: host bits set (did you mean %s?)", s, p.Masked())
	}
	return p, nil
}

// parseAddr parses an IPv4 or IPv6 address; what names it in errors
// ("gateway address"). A bad one is an argument error (exit 1), as ip's.
func parseAddr(what, s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, argErrorf("invalid %s %q: want an IPv4 or IPv6 address", what, s)
	}
	if a.Zone() != "" {
		return netip.Addr{}, argErrorf("invalid %s %q: no %%zone here, give the interface with dev", what, s)
	}
	return a, nil
}

// parseU32 parses the number a keyword takes.
func parseU32(key, s string) (uint32, error) {
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("invalid %s %q: want a number from 0 to 4294967295", key, s)
	}
	return uint32(n), nil
}

// parseTable parses a table name or number; table 0 is refused.
func parseTable(s string) (rtnl.Table, error) {
	t, err := rtnl.ParseTable(s)
	if err != nil {
		return 0, fmt.Errorf("table: %v", err)
	}
	if t == rtnl.RT_TABLE_UNSPEC {
		return 0, fmt.Errorf("table %s: 0 (unspec) is not a routing table; use 1..4294967295, main, local or default", s)
	}
	return t, nil
}
