package main

import (
	"bufio"
	"context"
	"io"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/neigh"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/rule"
	"github.com/linx-go/linx/runtime/nlsock"
)

const (
	usageLink    = "linx [-n NETNS] [-json] link [list|show] [[dev] IF] [master DEV] [type KIND]"
	usageAddr    = "linx [-n NETNS] [-json] [-4|-6] addr [list|show] [[dev] IF] [-4|-6]"
	usageNeigh   = "linx [-n NETNS] [-json] [-4|-6] neigh [list|show] [dev IF] [proxy] [nud all] [-4|-6]"
	usageRule    = "linx [-n NETNS] [-json] [-4|-6] rule [list|show] [-4|-6]"
	usageNexthop = "linx [-n NETNS] [-json] [-4|-6] nexthop [list|show] [dev IF] [groups] [fdb] [-4|-6]"
)

// objectUsage is the usage line of each listing object.
var objectUsage = map[string]string{
	"link":    usageLink,
	"addr":    usageAddr,
	"neigh":   usageNeigh,
	"rule":    usageRule,
	"nexthop": usageNexthop,
}

// objectName maps the object words the command line accepts (ip's usual
// abbreviations) to the object.
func objectName(s string) (string, bool) {
	switch s {
	case "link", "l", "li", "lnk":
		return "link", true
	case "address", "addr", "a", "ad":
		return "addr", true
	case "neighbour", "neighbor", "neigh", "n", "ne":
		return "neigh", true
	case "rule", "ru":
		return "rule", true
	case "nexthop", "nh", "nex":
		return "nexthop", true
	}
	return "", false
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

// runObject runs `linx OBJ VERB ARGS...` for the listing objects.
func runObject(ctx context.Context, g globals, obj string, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "list", "show", "ls", "lst", "sh":
			args = args[1:]
		case "help":
			_, err := io.WriteString(stdout, usageText)
			return err
		}
	}
	c, err := parseObjList(obj, args, g.family)
	if err != nil {
		return err
	}
	return c.run(ctx, g, stdout)
}

// parseObjList parses the filters of an object listing; fam is -4/-6
// from before the object.
func parseObjList(obj string, args []string, fam rtnl.Family) (objList, error) {
	usage := objectUsage[obj]
	c := objList{obj: obj, family: fam}
	famWord := ""
	if fam != 0 {
		famWord = flagName(fam)
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
		case (obj == "link" || obj == "addr") && !seen["dev"] && len(key) > 0 && key[0] != '-':
			// ip link show IF, ip addr show IF.
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

func (c objList) run(ctx context.Context, g globals, stdout io.Writer) error {
	conn, err := nlsock.Dial(nlsock.WithNetNS(g.ns))
	if err != nil {
		return err
	}
	defer conn.Close()
	w := bufio.NewWriterSize(stdout, 64<<10)
	out := objWriter{w: w, json: g.json}
	out.arr = jsonArray{w: w}
	if c.obj == "rule" {
		err = c.rules(ctx, conn, &out)
	} else {
		var links *linkSet
		if links, err = loadLinks(ctx, conn, g.ns); err != nil {
			return err
		}
		var ifindex uint32
		if c.dev != "" {
			if ifindex, err = links.index(c.dev); err != nil {
				return err
			}
		}
		switch c.obj {
		case "link":
			err = c.links(ctx, conn, links, ifindex, &out)
		case "addr":
			err = c.addrs(ctx, conn, links, ifindex, &out)
		case "neigh":
			err = c.neighs(ctx, conn, links, ifindex, &out)
		case "nexthop":
			err = c.nexthops(ctx, conn, links, ifindex, &out)
		}
	}
	if err != nil {
		w.Flush()
		return err
	}
	return out.close()
}

// objWriter writes a listing as text lines or as one JSON array.
type objWriter struct {
	w    *bufio.Writer
	json bool
	arr  jsonArray
	line []byte
}

// put writes one object: text appends its text form, js its JSON form.
func (o *objWriter) put(text, js func([]byte) []byte) error {
	if o.json {
		return o.arr.add(js)
	}
	o.line = append(text(o.line[:0]), '\n')
	_, err := o.w.Write(o.line)
	return err
}

func (o *objWriter) close() error {
	if o.json {
		if err := o.arr.close(); err != nil {
			return err
		}
	}
	return o.w.Flush()
}

func (c objList) links(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *objWriter) error {
	topts := linkTextOptions{mode: true, qlen: true, alias: true}
	show := func(l *rtnl.Link) error {
		return out.put(
			func(b []byte) []byte { return appendLinkText(b, l, links, topts) },
			func(b []byte) []byte { return appendLinkJSON(b, l, links) })
	}
	var f link.Filter
	if c.master != "" {
		m, err := links.index(c.master)
		if err != nil {
			return err
		}
		f.Master = m
	}
	f.Kind = c.kind
	if f == (link.Filter{}) {
		// The set was just dumped: list it rather than dump again.
		for i := range links.list {
			if ifindex != 0 && uint32(links.list[i].Header.Index) != ifindex {
				continue
			}
			if err := show(&links.list[i]); err != nil {
				return err
			}
		}
		return nil
	}
	for l, err := range link.All(ctx, conn, f) {
		if err != nil {
			return err
		}
		if ifindex != 0 && uint32(l.Header.Index) != ifindex {
			continue
		}
		if err := show(l); err != nil {
			return err
		}
	}
	return nil
}

// addrs lists addresses as ip addr does: grouped under their link. With a
// family given, links without an address of that family are left out and
// the "link/TYPE" line is not printed (as ip does).
func (c objList) addrs(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *objWriter) error {
	byLink := map[uint32][]rtnl.Addr{}
	for a, err := range ifaddr.All(ctx, conn, ifaddr.Filter{Family: c.family, Index: ifindex}) {
		if err != nil {
			return err
		}
		byLink[a.Header.Index] = append(byLink[a.Header.Index], a.Clone())
	}
	topts := linkTextOptions{qlen: true, noLLine: c.family != 0}
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
		err := out.put(
			func(b []byte) []byte {
				b = appendLinkText(b, l, links, topts)
				for j := range as {
					b = append(b, '\n')
					b = appendAddrText(b, &as[j], links, false)
				}
				return b
			},
			func(b []byte) []byte {
				o := openObj(b)
				linkJSONFields(&o, l, links, true)
				o.key("addr_info")
				o.b = append(o.b, '[')
				for j := range as {
					if j > 0 {
						o.b = append(o.b, ',')
					}
					o.b = appendAddrJSON(o.b, &as[j])
				}
				o.b = append(o.b, ']')
				return o.close()
			})
		if err != nil {
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

func (c objList) neighs(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *objWriter) error {
	f := neigh.Filter{Family: c.family, Ifindex: uint32(ifindex), Proxy: c.proxy}
	for n, err := range neigh.All(ctx, conn, f) {
		if err != nil {
			return err
		}
		if !neighShown(n, c.nudAll) {
			continue
		}
		err := out.put(
			func(b []byte) []byte { return appendNeighText(b, n, links, ifindex != 0) },
			func(b []byte) []byte { return appendNeighJSON(b, n, links) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (c objList) rules(ctx context.Context, conn *nlsock.Conn, out *objWriter) error {
	for r, err := range rule.All(ctx, conn, rule.Filter{Family: c.family}) {
		if err != nil {
			return err
		}
		if f := r.Header.Family; f != rtnl.AF_INET && f != rtnl.AF_INET6 {
			continue // an unfiltered dump also has the multicast routing (ipmr) rules
		}
		err := out.put(
			func(b []byte) []byte { return appendRuleText(b, r) },
			func(b []byte) []byte { return appendRuleJSON(b, r) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (c objList) nexthops(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *objWriter) error {
	f := nexthop.Filter{Family: c.family, OIF: ifindex, Groups: c.groups, FDB: c.fdb}
	for n, err := range nexthop.All(ctx, conn, f) {
		if err != nil {
			return err
		}
		err := out.put(
			func(b []byte) []byte { return appendNexthopText(b, n, links) },
			func(b []byte) []byte { return appendNexthopJSON(b, n, links) })
		if err != nil {
			return err
		}
	}
	return nil
}
