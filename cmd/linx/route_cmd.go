package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

const (
	usageList   = "linx [-n NETNS] [-json] [-4|-6] route [list|show] [table N|all] [proto P] [type T] [dev IF]"
	usageGet    = "linx [-n NETNS] [-json] [-4|-6] route get ADDR"
	usageModify = "linx [-n NETNS] [-4|-6] route add|replace|del [TYPE] PREFIX|default [via GW] [dev IF] [table N] [proto P] [metric M] [src ADDR] [scope S] [mtu N] [advmss N] [pref P] [onlink]"
)

// runRoute runs `linx route VERB ARGS...`.
func runRoute(ctx context.Context, g globals, args []string, stdout io.Writer) error {
	verb := "list"
	if len(args) > 0 {
		verb, args = args[0], args[1:]
	}
	switch verb {
	case "list", "show", "ls":
		c, err := parseList(args, g.family)
		if err != nil {
			return err
		}
		return c.run(ctx, g, stdout)
	case "get":
		c, err := parseGet(args, g.family)
		if err != nil {
			return err
		}
		return c.run(ctx, g, stdout)
	case "add", "replace", "del", "delete":
		if verb == "del" {
			verb = "delete"
		}
		c, err := parseModify(verb, args, g.family)
		if err != nil {
			return err
		}
		return c.run(ctx, g)
	case "help":
		_, err := io.WriteString(stdout, usageText)
		return err
	}
	return usageErrorf(usageText, "unknown route command %q (want list, show, get, add, replace, del or delete)", verb)
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

func parseList(args []string, fam rtnl.Family) (listCmd, error) {
	c := listCmd{filter: route.Filter{Family: fam, Table: rtnl.RT_TABLE_MAIN}}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		key := args[i]
		if !isListKey(key) {
			return c, usageErrorf(usageList, "unknown list argument %q", key)
		}
		if i+1 >= len(args) {
			return c, usageErrorf(usageList, "%s needs a value", key)
		}
		if seen[canonicalKey(key)] {
			return c, usageErrorf(usageList, "%s given twice", key)
		}
		seen[canonicalKey(key)] = true
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
				return c, usageErrorf(usageList, "%v", err)
			}
			c.filter.Table = t
			c.text.hideTable = true
		case "proto", "protocol":
			p, err := rtnl.ParseProtocol(val)
			if err != nil {
				return c, usageErrorf(usageList, "proto: %v", err)
			}
			c.filter.Protocol = p
			c.text.hideProto = true
		case "type":
			t, err := rtnl.ParseRouteType(val)
			if err != nil {
				return c, usageErrorf(usageList, "type: %v", err)
			}
			c.filter.Type = t
		case "dev", "oif":
			c.dev = val
			c.text.hideDev = true
		}
	}
	return c, nil
}

func isListKey(s string) bool {
	switch s {
	case "table", "proto", "protocol", "type", "dev", "oif":
		return true
	}
	return false
}

func (c listCmd) run(ctx context.Context, g globals, stdout io.Writer) error {
	client, err := route.Open(route.InNamespace(g.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	// Names first: the Client is busy while its dump runs.
	links, err := loadLinks(ctx, client.Conn(), g.ns)
	if err != nil {
		return err
	}
	f := c.filter
	if c.dev != "" {
		if f.OIF, err = links.index(c.dev); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	arr := jsonArray{w: w, names: links}
	var line []byte
	for r, err := range client.All(ctx, f) {
		if err != nil {
			w.Flush()
			return err
		}
		if g.json {
			err = arr.route(r)
		} else {
			line = appendRouteText(line[:0], r, links, c.text)
			line = append(line, '\n')
			_, err = w.Write(line)
		}
		if err != nil {
			return err
		}
	}
	if g.json {
		if err := arr.close(); err != nil {
			return err
		}
	}
	return w.Flush()
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
		return c, usageErrorf(usageGet, "route get needs an address")
	case len(args) > 1:
		return c, usageErrorf(usageGet, "unexpected argument %q after the address", args[1])
	}
	a, err := parseAddr("address", args[0])
	if err != nil {
		return c, usageErrorf(usageGet, "%v", err)
	}
	if err := checkFamily(fam, a, "address "+a.String()); err != nil {
		return c, usageErrorf(usageGet, "%v", err)
	}
	c.addr = a
	return c, nil
}

func (c getCmd) run(ctx context.Context, g globals, stdout io.Writer) error {
	client, err := route.Open(route.InNamespace(g.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	r, err := client.Get(ctx, c.addr)
	if err != nil {
		return err
	}
	links, err := loadLinks(ctx, client.Conn(), g.ns)
	if err != nil {
		return err
	}
	var out []byte
	if g.json {
		out = append(out, "[\n"...)
		out = appendRouteJSON(out, r, links)
		out = append(out, "\n]\n"...)
	} else {
		out = appendRouteText(out, r, links, textOptions{})
		out = append(out, '\n')
	}
	_, err = stdout.Write(out)
	return err
}

// ---- add, replace, delete ----

// modifyCmd is `route add|replace|delete`.
type modifyCmd struct {
	verb      string // "add", "replace" or "delete" (route.Request's names)
	dst       netip.Prefix
	isDefault bool
	gw        netip.Addr
	dev       string
	table     uint32
	proto     rtnl.Protocol
	hasProto  bool
	metric    uint32
	hasMetric bool
	src       netip.Addr
	typ       rtnl.RouteType
	hasType   bool
	scope     rtnl.Scope
	hasScope  bool
	mtu       uint32
	hasMTU    bool
	advmss    uint32
	hasAdvMSS bool
	pref      rtnl.Pref
	hasPref   bool
	onlink    bool
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
	c := modifyCmd{verb: verb}
	bad := func(format string, a ...any) (modifyCmd, error) {
		return c, usageErrorf(usageModify, format, a...)
	}
	i := 0
	if i < len(args) {
		if t, ok := routeTypeWord(args[i]); ok {
			c.typ, c.hasType = t, true
			i++
		}
	}
	if i < len(args) && args[i] == "to" {
		i++
	}
	if i >= len(args) {
		return bad("route %s needs a destination: PREFIX, ADDR or default", verb)
	}
	if args[i] == "default" {
		c.isDefault = true
	} else {
		p, err := parseDst(args[i])
		if err != nil {
			return bad("%v", err)
		}
		c.dst = p
	}
	i++
	seen := map[string]bool{}
	for ; i < len(args); i++ {
		key := args[i]
		if key == "onlink" {
			if c.onlink {
				return bad("onlink given twice")
			}
			c.onlink = true
			continue
		}
		if !isModifyKey(key) {
			if _, ok := routeTypeWord(key); ok {
				return bad("route type %q must come before the destination (route %s %s PREFIX ...)", key, verb, key)
			}
			return bad("unknown argument %q", key)
		}
		if i+1 >= len(args) {
			return bad("%s needs a value", key)
		}
		if seen[canonicalKey(key)] {
			return bad("%s given twice", key)
		}
		seen[canonicalKey(key)] = true
		i++
		val := args[i]
		var err error
		switch key {
		case "via":
			c.gw, err = parseAddr("gateway address", val)
		case "dev", "oif":
			c.dev = val
		case "table":
			var t rtnl.Table
			t, err = parseTable(val)
			c.table = uint32(t)
		case "proto", "protocol":
			c.proto, err = rtnl.ParseProtocol(val)
			c.hasProto = true
		case "metric", "priority", "preference":
			var n uint64
			n, err = strconv.ParseUint(val, 10, 32)
			if err != nil {
				err = fmt.Errorf("invalid metric %q: want a number from 0 to 4294967295", val)
			}
			c.metric, c.hasMetric = uint32(n), true
		case "src":
			c.src, err = parseAddr("source address", val)
		case "scope":
			c.scope, err = rtnl.ParseScope(val)
			c.hasScope = true
		case "mtu", "advmss":
			var n uint64
			n, err = strconv.ParseUint(val, 10, 32)
			if err != nil {
				err = fmt.Errorf("invalid %s %q: want a number from 0 to 4294967295", key, val)
			}
			if key == "mtu" {
				c.mtu, c.hasMTU = uint32(n), true
			} else {
				c.advmss, c.hasAdvMSS = uint32(n), true
			}
		case "pref":
			c.pref, err = rtnl.ParsePref(val)
			c.hasPref = true
		}
		if err != nil {
			return bad("%v", err)
		}
	}

	// One family for everything: the destination's, else the gateway's or
	// source's, else -4/-6, else IPv4.
	fs := famSource{fam: fam, what: flagName(fam)}
	if !c.isDefault {
		if err := fs.check(c.dst.Addr(), "destination "+c.dst.String()); err != nil {
			return bad("%v", err)
		}
	}
	if c.gw.IsValid() {
		if err := fs.check(c.gw, "gateway "+c.gw.String()); err != nil {
			return bad("%v", err)
		}
	}
	if c.src.IsValid() {
		if err := fs.check(c.src, "source "+c.src.String()); err != nil {
			return bad("%v", err)
		}
	}
	if c.isDefault {
		if fs.fam == rtnl.AF_INET6 {
			c.dst = netip.PrefixFrom(netip.IPv6Unspecified(), 0)
		} else {
			c.dst = netip.PrefixFrom(netip.IPv4Unspecified(), 0)
		}
	}
	return c, nil
}

func isModifyKey(s string) bool {
	switch s {
	case "via", "dev", "oif", "table", "proto", "protocol", "metric", "priority", "preference", "src", "scope", "mtu", "advmss", "pref":
		return true
	}
	return false
}

// canonicalKey maps synonyms to one name, for "given twice".
func canonicalKey(s string) string {
	switch s {
	case "oif":
		return "dev"
	case "protocol":
		return "proto"
	case "priority", "preference":
		return "metric"
	}
	return s
}

// options are the route options of c; ifindex is the resolved dev (0: none).
func (c *modifyCmd) options(ifindex uint32) []route.Option {
	var o []route.Option
	if c.table != 0 {
		o = append(o, route.Table(rtnl.Table(c.table)))
	}
	if c.hasProto {
		o = append(o, route.Protocol(c.proto))
	}
	if c.hasMetric {
		o = append(o, route.Metric(c.metric))
	}
	if ifindex != 0 {
		o = append(o, route.Dev(ifindex))
	}
	if c.src.IsValid() {
		o = append(o, route.Src(c.src))
	}
	if c.hasType {
		o = append(o, route.Type(c.typ))
	}
	if c.hasScope {
		o = append(o, route.Scope(c.scope))
	}
	if c.hasMTU {
		o = append(o, route.MTU(c.mtu))
	}
	if c.hasAdvMSS {
		o = append(o, route.AdvMSS(c.advmss))
	}
	if c.hasPref {
		o = append(o, route.Pref(c.pref))
	}
	if c.onlink {
		o = append(o, route.Onlink())
	}
	return o
}

func (c modifyCmd) run(ctx context.Context, g globals) error {
	client, err := route.Open(route.InNamespace(g.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	var ifindex uint32
	if c.dev != "" {
		links, err := loadLinks(ctx, client.Conn(), g.ns)
		if err != nil {
			return err
		}
		if ifindex, err = links.index(c.dev); err != nil {
			return err
		}
	}
	opts := c.options(ifindex)
	switch c.verb {
	case "add":
		return client.Add(ctx, c.dst, c.gw, opts...)
	case "replace":
		return client.Replace(ctx, c.dst, c.gw, opts...)
	default:
		return client.Delete(ctx, c.dst, c.gw, opts...)
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
		return netip.Prefix{}, fmt.Errorf("invalid destination prefix %q: want ADDR/LEN such as 10.0.0.0/8 or 2001:db8::/32", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("invalid destination prefix %q: host bits set (did you mean %s?)", s, p.Masked())
	}
	return p, nil
}

// parseAddr parses an IPv4 or IPv6 address; what names it in errors
// ("gateway address").
func parseAddr(what, s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("invalid %s %q: want an IPv4 or IPv6 address", what, s)
	}
	if a.Zone() != "" {
		return netip.Addr{}, fmt.Errorf("invalid %s %q: no %%zone here, give the interface with dev", what, s)
	}
	return a, nil
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

func famOf(a netip.Addr) rtnl.Family {
	if a.Is4() {
		return rtnl.AF_INET
	}
	return rtnl.AF_INET6
}

func famName(f rtnl.Family) string {
	if f == rtnl.AF_INET {
		return "IPv4"
	}
	return "IPv6"
}

func flagName(f rtnl.Family) string {
	switch f {
	case rtnl.AF_INET:
		return "-4"
	case rtnl.AF_INET6:
		return "-6"
	}
	return ""
}

// famSource is the address family a command has settled on and what
// settled it ("-6", "destination 10.0.0.0/8", ...); fam 0 is not settled.
type famSource struct {
	fam  rtnl.Family
	what string
}

// check settles the family on a's, or reports that a (described by what)
// contradicts it.
func (s *famSource) check(a netip.Addr, what string) error {
	f := famOf(a)
	if s.fam == 0 {
		s.fam, s.what = f, what
		return nil
	}
	if f == s.fam {
		return nil
	}
	if s.what == "-4" || s.what == "-6" {
		return fmt.Errorf("%s is %s but %s was given", what, famName(f), s.what)
	}
	return fmt.Errorf("%s is %s but %s is %s", what, famName(f), s.what, famName(s.fam))
}

// checkFamily reports an address whose family contradicts want (0: any).
func checkFamily(want rtnl.Family, a netip.Addr, what string) error {
	s := famSource{fam: want, what: flagName(want)}
	return s.check(a, what)
}
