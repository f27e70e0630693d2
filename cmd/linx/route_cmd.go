package main

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

var routeObject = &object{
	name:  "route",
	short: "routes: list, get, add, replace, delete (ip route)",
	long: `route: with no verb it lists. list shows the main table (table all: every
table), both families unless -4 or -6 narrows it (ip lists IPv4 only).
Route TYPE is unicast, local, broadcast, multicast, throw, unreachable,
prohibit, blackhole, nat, anycast or xresolve; "default" is 0.0.0.0/0 or
::/0, by the family of the gateway, the source or -4/-6 (else IPv4). Route
JSON has its own keys: family, type, protocol, scope, table (numbers), dst
(always ADDR/LEN), gateway, oif, dev, ...
`,
	print: printRoute,
}

// The verbs refer to the row (for its usage): set them once it exists.
func init() {
	routeObject.verbs = []verb{
		{names: []string{"list", "show", "lst"}, usage: "[list|show] [table N|all] [proto P] [type T] [dev IF]", run: runRouteList},
		{names: []string{"get"}, usage: "get ADDR", run: runRouteGet},
		{names: []string{"add"}, usage: "add|replace|del [TYPE] PREFIX|default [via GW] [dev IF] [table N] [proto P] [metric M] [src ADDR] [scope S] [mtu N] [advmss N] [pref P] [onlink]", run: runModify("add")},
		{names: []string{"replace"}, run: runModify("replace")},
		{names: []string{"delete", "del"}, run: runModify("delete")},
	}
}

func runRouteList(c *call, args []string) error {
	l, err := parseList(args, c.opts.family)
	if err != nil {
		return err
	}
	return l.run(c)
}

func runRouteGet(c *call, args []string) error {
	g, err := parseGet(args, c.opts.family)
	if err != nil {
		return err
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

// listCmd is `route list`: the main table unless "table" says otherwise,
// both address families unless -4 or -6 is given (ip lists IPv4 only by
// default). Every filter is applied by the kernel (route.Filter).
type listCmd struct {
	filter route.Filter
	dev    string // output interface name, resolved in the namespace at run time
	text   textOptions
}

// routeListKeys are route list's keywords; each takes a value.
var routeListKeys = [][]string{{"table"}, {"proto", "protocol"}, {"type"}, {"dev", "oif"}}

func parseList(args []string, fam rtnl.Family) (listCmd, error) {
	usage := routeObject.usage()
	c := listCmd{filter: route.Filter{Family: fam, Table: rtnl.RT_TABLE_MAIN}}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		key := keyName(routeListKeys, args[i])
		if key == "" {
			return c, usageErrorf(usage, "unknown list argument %q", args[i])
		}
		if i+1 >= len(args) {
			return c, usageErrorf(usage, "%s needs a value", args[i])
		}
		if seen[key] {
			return c, usageErrorf(usage, "%s given twice", args[i])
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
		}
	}
	return c, nil
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
	}
	out := newListing(cl, links, cl.obj.print)
	out.p.hide = c.text
	for r, err := range client.All(cl.ctx, f) {
		if err != nil {
			return out.fail(err)
		}
		if err := out.put(r); err != nil {
			return err
		}
	}
	return out.close()
}

// ---- get ----

// getCmd is `route get`.
type getCmd struct{ addr netip.Addr }

func parseGet(args []string, fam rtnl.Family) (getCmd, error) {
	var c getCmd
	if len(args) > 0 && args[0] == "to" {
		args = args[1:]
	}
	switch {
	case len(args) == 0:
		return c, usageErrorf(routeObject.usage(), "route get needs an address")
	case len(args) > 1:
		return c, usageErrorf(routeObject.usage(), "unexpected argument %q after the address", args[1])
	}
	a, err := parseAddr("address", args[0])
	if err != nil {
		return c, err
	}
	if fam == rtnl.AF_INET && !a.Is4() || fam == rtnl.AF_INET6 && !a.Is6() {
		return c, argErrorf("address %s is not of the family %s asks for", a, famFlag(fam))
	}
	c.addr = a
	return c, nil
}

func (c getCmd) run(cl *call) error {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	r, err := client.Get(cl.ctx, c.addr)
	if err != nil {
		return err
	}
	links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if err != nil {
		return err
	}
	out := newListing(cl, links, cl.obj.print)
	if err := out.put(r); err != nil {
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
	if c.dev != "" {
		return true
	}
	for _, l := range c.legs {
		if l.dev != "" {
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
