package main

import (
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
)

var linkObject = listObject("link", "links (ip link)", "[list|show] [[dev] IF] [master DEV] [type KIND]", parseLinkList)

// linkList is `link list`: one interface, the ports of a master, links of
// a kind. As ip, "type K_slave" is the ports whose master is of kind K
// (IFLA_INFO_SLAVE_KIND), which the kernel does not filter: they are
// picked from the dump.
type linkList struct {
	dev, master, kind, slaveKind string
}

func parseLinkList(p *filterArgs) (lister, error) {
	var c linkList
	for key, ok := p.next(); ok; key, ok = p.next() {
		var err error
		switch {
		case key == "dev":
			c.dev, err = p.dev(key)
		case key == "master":
			c.master, err = p.dev(key)
		case key == "type":
			c.kind, err = p.value(key)
			if k, ok := strings.CutSuffix(c.kind, "_slave"); ok {
				c.kind, c.slaveKind = "", k
			}
		case !p.seen["dev"] && key != "" && key[0] != '-': // ip link show IF
			p.seen["dev"] = true
			c.dev = key
		default:
			return nil, p.unknown(key)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c linkList) list(e *listEnv) error {
	links, err := e.linkSet(e.cl.stderr) // the links are what is printed
	if err != nil {
		return err
	}
	ifindex, err := e.index(links, c.dev)
	if err != nil {
		return err
	}
	f := link.Filter{Kind: c.kind}
	if f.Master, err = e.index(links, c.master); err != nil {
		// ip: `argument "X" is wrong: Device does not exist`, exit 255.
		return usageErrorf("", "master: %v", err)
	}
	out, err := e.listing(links, textOptions{})
	if err != nil {
		return err
	}
	onIndex := func(l *rtnl.Link) bool {
		if c.slaveKind != "" && (!l.Has(rtnl.IFLA_LINKINFO) || !l.LinkInfo.Has(rtnl.IFLA_INFO_SLAVE_KIND) || l.LinkInfo.SlaveKind.String() != c.slaveKind) {
			return false
		}
		return ifindex == 0 || uint32(l.Header.Index) == ifindex
	}
	if f == (link.Filter{}) {
		// The set was just dumped (and its bad links reported): list it
		// rather than dump again.
		for i := range links.list {
			if onIndex(&links.list[i]) {
				if err := out.put(&links.list[i]); err != nil {
					return out.fail(err)
				}
			}
		}
		return out.close()
	}
	return out.end(each(out, link.All(e.cl.ctx, e.conn, f), onIndex))
}
