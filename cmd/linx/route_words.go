package main

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/route"
)

// routeSpec is a route as the words of `route add` say it, and as a route
// listing prints it: parseRouteWords reads both, so that every route linx
// lists can be written back from its own words. Interface names wait in
// dev and the legs' devs until the namespace resolves them (options).
type routeSpec struct {
	verb  string       // one of route.Verbs
	dst   netip.Prefix // netip.Prefix{} for "default" (opts has route.Default)
	gw    netip.Addr   // RTA_GATEWAY
	via   netip.Addr   // RTA_VIA: a gateway of the other family
	dev   string
	nhid  bool           // the route names a nexthop object: its gateways and devices are the object's
	typ   rtnl.RouteType // the type word, 0 without one
	legs  []legSpec
	encap *encapSpec
	opts  []route.Option
}

// legSpec is one "nexthop ..." of a multipath route.
type legSpec struct {
	leg   route.Leg
	dev   string
	encap *encapSpec
}

// stateWord reports whether w is a flag word a listing prints for state
// the kernel keeps itself (dead, linkdown, offload, trap, rt_offload,
// notify, ...): accepted, so that a listing parses, and never sent.
func stateWord(w string) bool {
	if w == "" || w[0] >= '0' && w[0] <= '9' || w == "onlink" {
		return false
	}
	if _, err := rtnl.ParseNexthopFlags(w); err == nil {
		return true
	}
	_, err := rtnl.ParseRouteFlags(w)
	return err == nil || w == "cache"
}

// metricWord is the RTAX_* id whose listing word (the schema's) is w.
func metricWord(w string) (uint16, bool) {
	for id := uint16(rtnl.RTAX_MTU); id <= rtnl.RTAX_FASTOPEN_NO_COOKIE; id++ {
		if rtnl.MetricsFieldName(id).Text == w {
			return id, true
		}
	}
	return 0, false
}

// parseRouteWords parses the words after `route VERB`: [TYPE] PREFIX|default
// and then, in any order, the keywords of routeSpec. fam is -4/-6 or 0.
func parseRouteWords(verb string, args []string, fam rtnl.Family) (routeSpec, error) {
	usage := routeObject.usage()
	c := routeSpec{verb: verb}
	if fam != 0 {
		c.opts = append(c.opts, route.Family(fam))
	}
	i := 0
	if i < len(args) {
		if t, ok := routeTypeWord(args[i]); ok {
			c.typ = t
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
		if fam == 0 {
			fam = famOfAddr(p.Addr())
		}
	}
	i++
	seen := map[string]bool{}
	var viaFam rtnl.Family
	for ; i < len(args); i++ {
		word := args[i]
		name := word
		switch word {
		case "oif":
			name = "dev"
		case "protocol":
			name = "proto"
		case "priority", "preference":
			name = "metric"
		case "dsfield":
			name = "tos"
		case "realms":
			name = "realm"
		}
		if stateWord(word) {
			continue
		}
		if name == "nexthop" {
			legs, err := parseLegs(args[i:], fam)
			if err != nil {
				return c, err
			}
			c.legs = legs
			break
		}
		if name == "encap" {
			if c.encap != nil {
				return c, usageErrorf(usage, "encap given twice")
			}
			e, j, err := parseEncap(args, i)
			if err != nil {
				return c, err
			}
			c.encap, i = &e, j
			continue
		}
		if seen[name] && name != "lock" {
			return c, usageErrorf(usage, "%s given twice", word)
		}
		seen[name] = true
		if name == "onlink" {
			c.opts = append(c.opts, route.Onlink())
			continue
		}
		if !routeWordKnown(name) {
			if _, ok := routeTypeWord(word); ok {
				return c, usageErrorf(usage, "route type %q must come before the destination (route %s %s PREFIX ...)", word, verb, word)
			}
			return c, usageErrorf(usage, "unknown argument %q", word)
		}
		if i+1 >= len(args) {
			return c, usageErrorf(usage, "%s needs a value", word)
		}
		i++
		val := args[i]
		var o route.Option
		var err error
		switch name {
		case "via":
			var a netip.Addr
			a, viaFam, i, err = parseViaWords(args, i)
			if err != nil {
				return c, err
			}
			// ip's rule: "via inet6 ADDR" on an IPv4 route (a family word
			// other than the route's) is RTA_VIA; a bare address is the
			// gateway, of the route's family.
			if viaFam != 0 && fam != 0 && viaFam != fam {
				c.via = a
			} else {
				c.gw = a
				if fam == 0 {
					fam = famOfAddr(a)
				}
			}
			continue
		case "dev":
			c.dev = val
			continue
		case "nhid":
			var n uint32
			n, err = parseU32("nhid", val)
			o, c.nhid = route.NHID(n), true
		case "table":
			var t rtnl.Table
			t, err = parseTable(val)
			o = route.Table(t)
		case "proto":
			var p rtnl.Protocol
			p, err = rtnl.ParseProtocol(val)
			o = route.Protocol(p)
		case "metric":
			var n uint32
			n, err = parseU32("metric", val)
			o = route.Metric(n)
		case "src":
			var a netip.Addr
			a, err = parseAddr("source address", val)
			o = route.Src(a)
		case "from":
			var p netip.Prefix
			p, err = parseDst(val)
			o = route.From(p)
		case "scope":
			var sc rtnl.Scope
			sc, err = rtnl.ParseScope(val)
			o = route.Scope(sc)
		case "pref":
			var p rtnl.Pref
			p, err = rtnl.ParsePref(val)
			o = route.Pref(p)
		case "expires":
			var n uint32
			n, err = parseU32("expires", strings.TrimSuffix(val, "sec"))
			o = route.Expires(n)
		case "tos":
			var t uint8
			t, err = ipfmt.ParseDSField(val)
			o = route.TOS(t)
		case "realm":
			var r uint32
			r, err = ipfmt.ParseRealms(val)
			o = route.Realm(r)
		case "congctl":
			if val == "lock" {
				c.opts = append(c.opts, route.LockMetric(rtnl.RTAX_CC_ALGO))
				if i+1 >= len(args) {
					return c, usageErrorf(usage, "congctl lock needs a value")
				}
				i++
				val = args[i]
			}
			o = route.Congctl(val)
		default:
			id, _ := metricWord(name)
			if val == "lock" {
				c.opts = append(c.opts, route.LockMetric(id))
				if i+1 >= len(args) {
					return c, usageErrorf(usage, "%s lock needs a value", word)
				}
				i++
				val = args[i]
			}
			var v uint32
			v, err = metricArg(id, name, val)
			o = route.RouteMetric(id, v)
		}
		var ce *cliError
		switch {
		case errors.As(err, &ce):
			return c, err
		case err != nil:
			return c, usageErrorf(usage, "%v", err)
		}
		c.opts = append(c.opts, o)
	}
	return c, nil
}

// routeWordKnown reports whether name (canonical) is a keyword taking a
// value.
func routeWordKnown(name string) bool {
	switch name {
	case "via", "dev", "nhid", "table", "proto", "metric", "src", "from", "scope", "pref", "expires", "tos", "realm", "congctl":
		return true
	}
	_, ok := metricWord(name)
	return ok
}

// parseViaWords reads "via [inet|inet6] ADDR" from args[i] (the word after
// via); it returns the address, the family word's family (0 without one)
// and the index of the address.
func parseViaWords(args []string, i int) (netip.Addr, rtnl.Family, int, error) {
	var fam rtnl.Family
	switch args[i] {
	case "inet":
		fam = rtnl.AF_INET
	case "inet6":
		fam = rtnl.AF_INET6
	}
	if fam != 0 {
		if i+1 >= len(args) {
			return netip.Addr{}, 0, i, usageErrorf(routeObject.usage(), "via %s needs an address", args[i])
		}
		i++
	}
	a, err := parseAddr("gateway address", args[i])
	if err != nil {
		return a, 0, i, err
	}
	if fam != 0 && famOfAddr(a) != fam {
		return a, 0, i, argErrorf("gateway %s is not an %s address", a, args[i-1])
	}
	return a, fam, i, nil
}

// parseLegs parses "nexthop LEG nexthop LEG ...", args[0] being "nexthop";
// a leg is [via [inet|inet6] ADDR] [dev IF] [weight W] [onlink] [realm R],
// and the state words a listing prints (dead, linkdown, ...).
func parseLegs(args []string, fam rtnl.Family) ([]legSpec, error) {
	usage := routeObject.usage()
	var legs []legSpec
	for i := 0; i < len(args); i++ {
		w := args[i]
		if w == "nexthop" {
			legs = append(legs, legSpec{})
			continue
		}
		l := &legs[len(legs)-1]
		if stateWord(w) {
			continue
		}
		if w == "onlink" {
			l.leg.Onlink = true
			continue
		}
		if w == "encap" {
			e, j, err := parseEncap(args, i)
			if err != nil {
				return nil, err
			}
			l.encap, i = &e, j
			continue
		}
		if i+1 >= len(args) {
			return nil, usageErrorf(usage, "nexthop %s needs a value", w)
		}
		i++
		val := args[i]
		switch w {
		case "via":
			a, viaFam, j, err := parseViaWords(args, i)
			if err != nil {
				return nil, err
			}
			i = j
			if viaFam != 0 && fam != 0 && viaFam != fam {
				l.leg.Via = a
			} else {
				l.leg.Gateway = a
			}
		case "dev", "oif":
			l.dev = val
		case "weight":
			n, err := strconv.ParseUint(val, 10, 16)
			if err != nil || n < 1 || n > 256 {
				return nil, usageErrorf(usage, "invalid nexthop weight %q: want 1..256", val)
			}
			l.leg.Weight = int(n)
		case "realm", "realms":
			r, err := ipfmt.ParseRealms(val)
			if err != nil {
				return nil, usageErrorf(usage, "%v", err)
			}
			l.leg.Realm = r
		default:
			return nil, usageErrorf(usage, "unknown nexthop argument %q (via, dev, weight, onlink, realm, encap)", w)
		}
	}
	return legs, nil
}

// metricArg parses the value of metric id as ip does: rtt, rttvar and
// rto_min take a time ("12ms", "1.5s"; a bare number is in the kernel's
// units), features takes "ecn" or a number, the rest numbers.
func metricArg(id uint16, name, s string) (uint32, error) {
	switch id {
	case rtnl.RTAX_RTT, rtnl.RTAX_RTTVAR, rtnl.RTAX_RTO_MIN:
		scale := map[uint16]float64{rtnl.RTAX_RTT: 8, rtnl.RTAX_RTTVAR: 4, rtnl.RTAX_RTO_MIN: 1}[id]
		var ms float64
		var err error
		switch {
		case strings.HasSuffix(s, "ms"):
			ms, err = strconv.ParseFloat(strings.TrimSuffix(s, "ms"), 64)
		case strings.HasSuffix(s, "s"):
			ms, err = strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
			ms *= 1000
		default:
			return parseU32(name, s)
		}
		if err != nil || !(ms >= 0) || ms*scale > 1<<32-1 {
			return 0, fmt.Errorf("invalid %s %q: want a time such as 12ms or 1.5s", name, s)
		}
		return uint32(ms*scale + 0.5), nil
	case rtnl.RTAX_FEATURES:
		if s == "ecn" {
			return 1, nil
		}
		n, err := strconv.ParseUint(s, 0, 32)
		if err != nil {
			return 0, fmt.Errorf("invalid features %q: want ecn or a number", s)
		}
		return uint32(n), nil
	}
	return parseU32(name, s)
}

// options resolves the interface names through index and returns the
// destination, gateway and options the route verbs take.
func (c routeSpec) options(index func(string) (uint32, error)) (netip.Prefix, netip.Addr, []route.Option, error) {
	opts := c.opts[:len(c.opts):len(c.opts)]
	gw := c.gw
	if c.nhid {
		// A listing of an nhid route shows its object's gateway,
		// device and legs, and the type blackhole for a blackhole
		// object; the route itself is unicast, and the object is what
		// it names.
		if c.typ != 0 && c.typ != rtnl.RTN_BLACKHOLE {
			opts = append(opts, route.Type(c.typ))
		}
		return c.dst, netip.Addr{}, opts, nil
	}
	if c.typ != 0 {
		opts = append(opts, route.Type(c.typ))
	}
	if c.encap != nil {
		if err := c.encap.resolve(index); err != nil {
			return c.dst, gw, nil, err
		}
		opts = append(opts, route.Encap(c.encap.typ, c.encap.e))
	}
	if c.via.IsValid() {
		opts = append(opts, route.Via(c.via))
	}
	if c.dev != "" {
		ifindex, err := index(c.dev)
		if err != nil {
			return c.dst, gw, nil, err
		}
		opts = append(opts, route.Dev(ifindex))
	}
	if len(c.legs) > 0 {
		legs := make([]route.Leg, len(c.legs))
		for i, l := range c.legs {
			legs[i] = l.leg
			if l.encap != nil {
				if err := l.encap.resolve(index); err != nil {
					return c.dst, gw, nil, err
				}
				legs[i].EncapType, legs[i].Encap = l.encap.typ, l.encap.e
			}
			if l.dev != "" {
				ifindex, err := index(l.dev)
				if err != nil {
					return c.dst, gw, nil, err
				}
				legs[i].Dev = ifindex
			}
		}
		opts = append(opts, route.Multipath(legs...))
	}
	return c.dst, gw, opts, nil
}

func famOfAddr(a netip.Addr) rtnl.Family {
	if a.Is4() {
		return rtnl.AF_INET
	}
	return rtnl.AF_INET6
}

// dstText is the destination as the command gave it.
func (c routeSpec) dstText() string {
	if !c.dst.IsValid() {
		return "default"
	}
	return c.dst.String()
}
