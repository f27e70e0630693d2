package main

import (
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
)

var netconfObject = listObject("netconf", "per-interface IP configuration (ip netconf)", "[list|show] [dev IF] [-4|-6]", parseNetconfList)

func init() {
	netconfObject.long = `netconf lists each interface's IP settings (forwarding, rp_filter,
mc_forwarding, proxy_neigh, ...) and the "all" and "default" entries, as
ip netconf show does; without -4/-6, of every family the kernel has.
`
}

// netconfList is ip netconf show: one dump of the family asked for (0:
// every family the kernel has), the entries of one interface when dev is
// given.
type netconfList struct {
	family rtnl.Family
	dev    string
}

func parseNetconfList(p *filterArgs) (lister, error) {
	var c netconfList
	for key, ok := p.next(); ok; key, ok = p.next() {
		var err error
		if isFam, ferr := p.setFamily(key); isFam {
			err = ferr
		} else if key == "dev" {
			c.dev, err = p.dev(key)
		} else {
			return nil, p.unknown(key)
		}
		if err != nil {
			return nil, err
		}
	}
	c.family = p.family
	return c, nil
}

func (c netconfList) list(e *listEnv) error {
	links, err := e.linkSet(nil)
	if err != nil {
		return err
	}
	ifindex, err := e.index(links, c.dev)
	if err != nil {
		return err
	}
	out, err := e.listing(links, textOptions{})
	if err != nil {
		return err
	}
	var req rtnl.Netconf
	req.Header.Family = c.family
	return out.end(each(out, dump.All[rtnl.Netconf](e.cl.ctx, e.conn, req.Append(nil)), func(n *rtnl.Netconf) bool {
		return ifindex == 0 || n.Has(rtnl.NETCONFA_IFINDEX) && uint32(n.Ifindex) == ifindex
	}))
}
