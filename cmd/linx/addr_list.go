package main

import (
	"context"
	"io"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

var addrObject = listObject("addr", "addresses, under their links (ip addr)", "[list|show] [[dev] IF] [-4|-6]", parseAddrList)

func init() {
	addrObject.long = `addr lists links with their addresses, as ip addr does; with -4 or -6
links without an address of that family are left out, and so is their
"link/..." line (unless -d). Text and -json are ip's and ip -j's (with -N,
-d as ip's): an "addr_info" array in each link's object.
`
}

// addrList is `addr list`: the addresses of one family (0: both), of one
// interface.
type addrList struct {
	family rtnl.Family
	dev    string
}

func parseAddrList(p *filterArgs) (lister, error) {
	var c addrList
	for key, ok := p.next(); ok; key, ok = p.next() {
		var err error
		if isFam, ferr := p.setFamily(key); isFam {
			err = ferr
		} else if key == "dev" {
			c.dev, err = p.dev(key)
		} else if !p.seen["dev"] && key != "" && key[0] != '-' { // ip addr show IF
			p.seen["dev"] = true
			c.dev = key
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

// list lists addresses as ip addr does: grouped under their link. With a
// family given, links without an address of that family are left out (and
// ipfmt leaves out the "link/TYPE" line, as ip does).
func (c addrList) list(e *listEnv) error {
	links, err := e.linkSet(e.cl.stderr) // the links are what is printed
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
	return out.end(c.put(e.cl.ctx, e.conn, links, ifindex, out))
}

func (c addrList) put(ctx context.Context, conn *nlsock.Conn, links *linkSet, ifindex uint32, out *listing) error {
	all, err := collect(ifaddr.All(ctx, conn, ifaddr.Filter{Family: c.family, Index: ifindex}), out.stderr)
	if err != nil {
		return err
	}
	byLink := map[uint32][]rtnl.Addr{}
	for _, a := range all {
		byLink[a.Header.Index] = append(byLink[a.Header.Index], a)
	}
	shown := links.list
	if c.family == rtnl.AF_INET6 && ifindex == 0 {
		if shown, err = inet6Links(ctx, conn, links, out.stderr); err != nil {
			return err
		}
	}
	for i := range shown {
		l := &shown[i]
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

// inet6Links are the links as ip -6 addr (without a dev) prints them:
// from an IPv6 link dump, whose replies carry no qdisc, group, peer or
// nsid; ip reads the missing queue length by ioctl, linx from the full
// dump in links.
func inet6Links(ctx context.Context, conn *nlsock.Conn, links *linkSet, warn io.Writer) ([]rtnl.Link, error) {
	ls, err := collect(link.All(ctx, conn, link.Filter{Family: rtnl.AF_INET6}), warn)
	if err != nil {
		return nil, err
	}
	qlen := map[int32]uint32{}
	for i := range links.list {
		if l := &links.list[i]; l.Has(rtnl.IFLA_TXQLEN) {
			qlen[l.Header.Index] = l.TxQLen
		}
	}
	for i := range ls {
		if q, ok := qlen[ls[i].Header.Index]; ok && !ls[i].Has(rtnl.IFLA_TXQLEN) {
			ls[i].SetTxQLen(q)
		}
	}
	return ls, nil
}
