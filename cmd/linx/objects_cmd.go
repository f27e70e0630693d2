package main

import (
	"context"
	"io"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/neigh"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/rule"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The listing objects: one verb (list) and a filter parser
// (parseObjList) each; ipfmt prints them.
var (
	linkObject    = listObject("link", "links (ip link)", "[list|show] [[dev] IF] [master DEV] [type KIND]")
	addrObject    = listObject("addr", "addresses, under their links (ip addr)", "[list|show] [[dev] IF] [-4|-6]")
	neighObject   = listObject("neigh", "neighbours: ARP and NDP entries (ip neigh)", "[list|show] [dev IF] [proxy] [nud all] [-4|-6]")
	ruleObject    = listObject("rule", "routing policy rules (ip rule)", "[list|show] [-4|-6]")
	nexthopObject = listObject("nexthop", "nexthop objects (ip nexthop)", "[list|show] [dev IF] [groups] [fdb] [-4|-6]")
	netconfObject = listObject("netconf", "per-interface IP configuration (ip netconf)", "[list|show] [dev IF] [-4|-6]")
)

func init() {
	addrObject.long = `addr lists links with their addresses, as ip addr does; with -4 or -6
links without an address of that family are left out. neigh leaves out
NOARP entries unless "nud all", as ip neigh does. Without -4/-6, rule and
the rest list both families (ip lists IPv4 rules only). Every object's
text and -json are ip's and ip -j's (with -N, -d as ip's); addr lists
links with an "addr_info" array, as ip -j addr does.
`
	netconfObject.long = `netconf lists each interface's IP settings (forwarding, rp_filter,
mc_forwarding, proxy_neigh, ...) and the "all" and "default" entries, as
ip netconf show does; without -4/-6, of every family the kernel has.
`
}

// listObject is the row of a listing object.
func listObject(name, short, usage string) *object {
	o := &object{name: name, short: short, implicit: true}
	o.verbs = []verb{{
		names: []string{"list", "show", "lst"},
		usage: usage,
		run: func(c *call, args []string) error {
			l, err := parseObjList(name, args, c.opts.family)
			if err != nil {
				return err
			}
			return l.run(c)
		},
	}}
	return o
}

// objList is `OBJECT [list|show] ...` for link, addr, neigh, rule and
// nexthop: one dump, filtered by the kernel where the resource package's
// Filter can express the filter.
type objList struct {
	obj    string
	family rtnl.Family // 0: both
	dev    string      // link/addr/neigh/nexthop: one interface
	master string      // link: ports of this master
	kind   string      // link: IFLA_INFO_KIND
	proxy  bool        // neigh: proxy entries
	nudAll bool        // neigh: also NOARP and NONE entries
	groups bool        // nexthop: groups only
	fdb    bool        // nexthop: FDB nexthops only
}

// parseObjList parses the filters of an object listing; fam is -4/-6
// from before the object.
func parseObjList(obj string, args []string, fam rtnl.Family) (objList, error) {
	o, _ := objectNamed(obj)
	usage := o.usage()
	c := objList{obj: obj, family: fam}
	famWord := ""
	if fam != 0 {
		famWord = famFlag(fam)
	}
	seen := map[string]bool{}
	once := func(k string) error {
		if seen[k] {
			return usageErrorf(usage, "%s given twice", k)
		}
		seen[k] = true
		return nil
	}
	takesFamily := obj != "link"
	devWord := obj == "link" || obj == "addr" // ip link show IF, ip addr show IF
	for i := 0; i < len(args); i++ {
		key := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", usageErrorf(usage, "%s needs a value", key)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case (key == "-4" || key == "-6") && takesFamily:
			f := rtnl.AF_INET
			if key == "-6" {
				f = rtnl.AF_INET6
			}
			if c.family != 0 && c.family != f {
				return c, usageErrorf(usage, "%s and %s exclude each other", famWord, key)
			}
			c.family, famWord = f, key
		case key == "dev" && obj != "rule":
			if err = once("dev"); err == nil {
				c.dev, err = value()
			}
		case key == "master" && obj == "link":
			if err = once(key); err == nil {
				c.master, err = value()
			}
		case key == "type" && obj == "link":
			if err = once(key); err == nil {
				c.kind, err = value()
			}
		case key == "proxy" && obj == "neigh":
			err = once(key)
			c.proxy = true
		case key == "nud" && obj == "neigh":
			if err = once(key); err == nil {
				var v string
				if v, err = value(); err == nil && v != "all" {
					err = usageErrorf(usage, "nud %q: only \"nud all\" is supported (show entries in every state)", v)
				}
				c.nudAll = true
			}
		case key == "groups" && obj == "nexthop":
			err = once(key)
			c.groups = true
		case key == "fdb" && obj == "nexthop":
			err = once(key)
			c.fdb = true
		case devWord && !seen["dev"] && len(key) > 0 && key[0] != '-':
			seen["dev"] = true
			c.dev = key
		default:
			return c, usageErrorf(usage, "unknown %s list argument %q", obj, key)
		}
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

func (c objList) run(cl *call) error {
	conn, err := nlsock.Dial(nlsock.WithNetNS(cl.opts.ns))
	if err != nil {
		return err
	}
	defer conn.Close()
	if c.obj == "rule" {
		out := newListing(cl, cl.fmtOptions(nil, textOptions{}))
		if err := c.rules(cl.ctx, conn, out); err != nil {
			return out.fail(err)
		}
		return out.close()
	}
	var warn io.Writer
	if c.obj == "link" || c.obj == "addr" {
		warn = cl.stderr // the links are what is printed
	}
	links, err := readLinks(cl.ctx, conn, cl.opts.ns, warn)
	if err != nil {
		return err
	}
	var ifindex uint32
	if c.dev != "" {
		if ifindex, err = links.index(c.dev); err != nil {
			return err
		}
	}
	hide := textOptions{hideDev: c.obj == "neigh" && ifindex != 0}
	out := newListing(cl, cl.fmtOptions(links, hide))
	switch c.obj {
	case "link":
		err = c.links(cl.ctx, conn, links, ifindex, out)
	case "addr":
		err = c.addrs(cl.ctx, conn, links, ifindex, out)
	case "neigh":
		err = each(out, neigh.All(cl.ctx, conn, neigh.Filter{Family: c.family, Ifindex: ifindex, Proxy: c.proxy}), func(n *rtnl.Neigh) bool {
			return neighShown(n, c.nudAll)
		})
	case "nexthop":
		err = each(out, nexthop.All(cl.ctx, conn, nexthop.Filter{Family: c.family, OIF: ifindex, Groups: c.groups, FDB: c.fdb}), nil)
	case "netconf":
		err = c.netconfs(cl.ctx, conn, ifindex, out)
	}
	if err != nil {
		return out.fail(err)
	}
	return out.close()
}

func (c objList) links(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *listing) error {
	var f link.Filter
	if c.master != "" {
		m, err := links.index(c.master)
		if err != nil {
			return err
		}
		f.Master = m
	}
	f.Kind = c.kind
	onIndex := func(l *rtnl.Link) bool { return ifindex == 0 || uint32(l.Header.Index) == ifindex }
	if f == (link.Filter{}) {
		// The set was just dumped (and its bad links reported): list it
		// rather than dump again.
		for i := range links.list {
			if !onIndex(&links.list[i]) {
				continue
			}
			if err := out.put(&links.list[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return each(out, link.All(ctx, conn, f), onIndex)
}

// addrs lists addresses as ip addr does: grouped under their link. With a
// family given, links without an address of that family are left out (and
// ipfmt leaves out the "link/TYPE" line, as ip does).
func (c objList) addrs(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *listing) error {
	all, err := collect(ifaddr.All(ctx, conn, ifaddr.Filter{Family: c.family, Index: ifindex}), out.stderr)
	if err != nil {
		return err
	}
	byLink := map[uint32][]rtnl.Addr{}
	for _, a := range all {
		byLink[a.Header.Index] = append(byLink[a.Header.Index], a)
	}
	for i := range links.list {
		l := &links.list[i]
		idx := uint32(l.Header.Index)
		if ifindex != 0 && idx != ifindex {
			continue
		}
		as := byLink[idx]
		if c.family != 0 && len(as) == 0 {
			continue
		}
		if err := out.put(&linkAddrs{link: l, addrs: as}); err != nil {
			return err
		}
	}
	return nil
}

// neighShown says whether ip neigh show lists n: not entries in state
// NOARP or NONE (unless nud all), except proxy and externally learned ones.
func neighShown(n *rtnl.Neigh, all bool) bool {
	if all || n.Header.Flags&(rtnl.NTF_PROXY|rtnl.NTF_EXT_LEARNED) != 0 {
		return true
	}
	return n.Header.State&(0xff&^rtnl.NUD_NOARP) != 0
}

func (c objList) rules(ctx context.Context, conn *nlsock.Conn, out *listing) error {
	return each(out, rule.All(ctx, conn, rule.Filter{Family: c.family}), func(r *rtnl.Rule) bool {
		// An unfiltered dump also has the multicast routing (ipmr) rules.
		f := r.Header.Family
		return f == rtnl.AF_INET || f == rtnl.AF_INET6
	})
}

// netconfs is ip netconf show: one dump of the family asked for (0: every
// family the kernel has), the entries of one interface when dev is given.
func (c objList) netconfs(ctx context.Context, conn *nlsock.Conn, ifindex uint32, out *listing) error {
	var req rtnl.Netconf
	req.Header.Family = c.family
	return each(out, dump.All[rtnl.Netconf](ctx, conn, req.Append(nil)), func(n *rtnl.Netconf) bool {
		return ifindex == 0 || n.Has(rtnl.NETCONFA_IFINDEX) && uint32(n.Ifindex) == ifindex
	})
}
