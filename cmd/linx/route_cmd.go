package main

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

var routeObject = &object{
	name:  "route",
	short: "routes: list, get, add, replace, delete (ip route)",
	long: `route: with no verb it lists. list shows the main table (table all: every
table), IPv4 unless -6 (table all: both families unless -4 or -6), as ip.
Route TYPE is unicast, local, broadcast, multicast, throw, unreachable,
prohibit, blackhole, nat, anycast or xresolve; "default" is 0.0.0.0/0 or
::/0, by the family of the gateway, the source or -4/-6 (else IPv4). Text
and -json are ip's and ip -j's ("dst":"default", names; -N: numbers).
`,
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
		m, err := parseModify(verb, args, c.opts.family)
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
	hide := c.text
	hide.hideTable = f.Table != 0 // ip hides the table it lists, main by default
	o := cl.fmtOptions(links, hide)
	if o.Nexthops, err = nexthopsFor(cl, client.Conn()); err != nil {
		return err
	}
	out := newListing(cl, o)
	if err := each(out, client.All(cl.ctx, f), nil); err != nil {
		return out.fail(err)
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
	if r == nil {
		return err
	}
	r2 := r.Clone()
	links, lerr := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if lerr != nil {
		return lerr
	}
	out := newListing(cl, cl.fmtOptions(links, textOptions{}))
	if err != nil {
		out.warn(err) // a reply decoded in part
	}
	if err := out.put(&r2); err != nil {
		return err
	}
	return out.close()
}

// ---- add, replace, delete ----

// modifyCmd is `route add|replace|delete`: each keyword of the command
// line became the route option it means, in opts; only the interface name
// waits for the namespace to be resolved.
type modifyCmd struct {
	verb string       // "add", "replace" or "delete" (route.Request's names)
	dst  netip.Prefix // netip.Prefix{} for "default" (opts has route.Default)
	gw   netip.Addr
	dev  string
	opts []route.Option
}

// routeKey is a keyword of route add, replace and delete with the route
// option its value gives.
type routeKey struct {
	names []string // the keyword, then its synonyms
	noArg bool     // a flag, without a value
	opt   func(val string) (route.Option, error)
}

// routeKeys are the keywords after the destination, except via and dev,
// which are the gateway argument and an interface to resolve.
var routeKeys = []routeKey{
	{names: []string{"table"}, opt: func(v string) (route.Option, error) {
		t, err := parseTable(v)
		return route.Table(t), err
	}},
	{names: []string{"proto", "protocol"}, opt: func(v string) (route.Option, error) {
		p, err := rtnl.ParseProtocol(v)
		return route.Protocol(p), err
	}},
	{names: []string{"metric", "priority", "preference"}, opt: func(v string) (route.Option, error) {
		n, err := parseU32("metric", v)
		return route.Metric(n), err
	}},
	{names: []string{"src"}, opt: func(v string) (route.Option, error) {
		a, err := parseAddr("source address", v)
		return route.Src(a), err
	}},
	{names: []string{"scope"}, opt: func(v string) (route.Option, error) {
		sc, err := rtnl.ParseScope(v)
		return route.Scope(sc), err
	}},
	{names: []string{"mtu"}, opt: func(v string) (route.Option, error) {
		n, err := parseU32("mtu", v)
		return route.MTU(n), err
	}},
	{names: []string{"advmss"}, opt: func(v string) (route.Option, error) {
		n, err := parseU32("advmss", v)
		return route.AdvMSS(n), err
	}},
	{names: []string{"pref"}, opt: func(v string) (route.Option, error) {
		p, err := rtnl.ParsePref(v)
		return route.Pref(p), err
	}},
	{names: []string{"onlink"}, noArg: true, opt: func(string) (route.Option, error) { return route.Onlink(), nil }},
}

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

func parseModify(verb string, args []string, fam rtnl.Family) (modifyCmd, error) {
	usage := routeObject.usage()
	c := modifyCmd{verb: verb}
	if fam != 0 {
		c.opts = append(c.opts, route.Family(fam))
	}
	i := 0
	if i < len(args) {
		if t, ok := routeTypeWord(args[i]); ok {
			c.opts = append(c.opts, route.Type(t))
			i++
		}
	}
	if i < len(args) && args[i] == "to" {
		i++
	}
	if i >= len(args) {
		return c, usageErrorf(usage, "route %s needs a destination: PREFIX, ADDR or default", verb)
	}
	if args[i] == "default" {
		c.opts = append(c.opts, route.Default())
	} else {
		p, err := parseDst(args[i])
		if err != nil {
			return c, err
		}
		c.dst = p
	}
	i++
	seen := map[string]bool{}
	once := func(key string) error {
		if seen[key] {
			return usageErrorf(usage, "%s given twice", args[i])
		}
		seen[key] = true
		return nil
	}
	for ; i < len(args); i++ {
		word := args[i]
		var k *routeKey
		for j := range routeKeys {
			if slices.Contains(routeKeys[j].names, word) {
				k = &routeKeys[j]
			}
		}
		name := word
		switch {
		case k != nil:
			name = k.names[0]
		case word == "oif":
			name = "dev"
		case word != "via" && word != "dev":
			if _, ok := routeTypeWord(word); ok {
				return c, usageErrorf(usage, "route type %q must come before the destination (route %s %s PREFIX ...)", word, verb, word)
			}
			return c, usageErrorf(usage, "unknown argument %q", word)
		}
		if err := once(name); err != nil {
			return c, err
		}
		if k != nil && k.noArg {
			o, _ := k.opt("")
			c.opts = append(c.opts, o)
			continue
		}
		if i+1 >= len(args) {
			return c, usageErrorf(usage, "%s needs a value", word)
		}
		i++
		val := args[i]
		switch name {
		case "via":
			gw, err := parseAddr("gateway address", val)
			if err != nil {
				return c, err
			}
			c.gw = gw
		case "dev":
			c.dev = val
		default:
			o, err := k.opt(val)
			var ce *cliError
			switch {
			case errors.As(err, &ce):
				return c, err
			case err != nil:
				return c, usageErrorf(usage, "%v", err)
			}
			c.opts = append(c.opts, o)
		}
	}
	return c, nil
}

func (c modifyCmd) run(cl *call) error {
	client, err := route.Open(route.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	opts := c.opts
	if c.dev != "" {
		links, err := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
		if err != nil {
			return err
		}
		ifindex, err := links.index(c.dev)
		if err != nil {
			return err
		}
		opts = append(opts[:len(opts):len(opts)], route.Dev(ifindex))
	}
	switch c.verb {
	case "add":
		return client.Add(cl.ctx, c.dst, c.gw, opts...)
	case "replace":
		return client.Replace(cl.ctx, c.dst, c.gw, opts...)
	default:
		return client.Delete(cl.ctx, c.dst, c.gw, opts...)
	}
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
