package main

import (
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/neigh"
)

var neighObject = listObject("neigh", "neighbours: ARP and NDP entries (ip neigh)", "[list|show] [[to] PREFIX] [dev IF] [proxy] [nud all] [-4|-6]", parseNeighList)

func init() {
	neighObject.long = `neigh lists both families unless -4 or -6, and leaves out NOARP entries
unless "nud all", as ip neigh does; [to] PREFIX keeps the entries whose
address is in PREFIX (an address: that one).
`
}

// neighList is `neigh list`.
type neighList struct {
	family rtnl.Family
	dev    string
	to     netip.Prefix // valid: only entries in it
	proxy  bool         // proxy entries
	nudAll bool         // also NOARP and NONE entries
}

func parseNeighList(p *filterArgs) (lister, error) {
	var c neighList
	for key, ok := p.next(); ok; key, ok = p.next() {
		var err error
		if isFam, ferr := p.setFamily(key); isFam {
			err = ferr
			c.family = p.family
			continue
		}
		switch key {
		case "dev":
			c.dev, err = p.dev(key)
		case "proxy":
			err = p.once(key)
			c.proxy = true
		case "nud":
			var v string
			if v, err = p.value(key); err == nil && v != "all" {
				err = usageErrorf(p.usage, "nud %q: only \"nud all\" is supported (show entries in every state)", v)
			}
			c.nudAll = true
		case "to":
			var v string
			if v, err = p.value("to"); err == nil {
				c.to, err = selectorPrefix(v)
			}
		default:
			if key == "" || key[0] == '-' || p.seen["to"] {
				return nil, p.unknown(key)
			}
			p.seen["to"] = true
			c.to, err = selectorPrefix(key) // ip neigh show PREFIX
		}
		if err != nil {
			return nil, err
		}
	}
	c.family = p.family
	if a := c.to.Addr(); c.to.IsValid() && c.family != 0 && a.Is4() != (c.family == rtnl.AF_INET) {
		return nil, argErrorf("%s prefix is expected rather than %q", c.family, c.to) // ip's words
	}
	return c, nil
}

// selectorPrefix parses the PREFIX of a listing's selector: a prefix, or an
// address (that address only). Not one is ip's exit 1.
func selectorPrefix(s string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" {
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	return netip.Prefix{}, argErrorf("any valid prefix is expected rather than %q", s)
}

func (c neighList) list(e *listEnv) error {
	links, err := e.linkSet(nil)
	if err != nil {
		return err
	}
	ifindex, err := e.index(links, c.dev)
	if err != nil {
		return err
	}
	out, err := e.listing(links, textOptions{hideDev: ifindex != 0})
	if err != nil {
		return err
	}
	f := neigh.Filter{Family: c.family, Ifindex: ifindex, Proxy: c.proxy}
	return out.end(each(out, neigh.All(e.cl.ctx, e.conn, f), func(n *rtnl.Neigh) bool {
		if c.to.IsValid() && !(n.Has(rtnl.NDA_DST) && c.to.Contains(n.Dst)) {
			return false
		}
		return neighShown(n, c.nudAll)
	}))
}

// neighShown says whether ip neigh show lists n: not entries in state
// NOARP or NONE (unless nud all), except proxy and externally learned ones.
func neighShown(n *rtnl.Neigh, all bool) bool {
	if all || n.Header.Flags&(rtnl.NTF_PROXY|rtnl.NTF_EXT_LEARNED) != 0 {
		return true
	}
	return n.Header.State&(0xff&^rtnl.NUD_NOARP) != 0
}
