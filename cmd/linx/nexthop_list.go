package main

import (
	"github.com/linx-go/linx/nexthop"
)

var nexthopObject = listObject("nexthop", "nexthop objects (ip nexthop)", "[list|show] [id ID] [dev IF] [groups] [fdb] [-4|-6]", parseNexthopList)

// nexthopList is `nexthop list`: one object by id, or a filtered dump.
type nexthopList struct {
	id  uint32
	f   nexthop.Filter
	dev string
}

func parseNexthopList(p *filterArgs) (lister, error) {
	var c nexthopList
	for key, ok := p.next(); ok; key, ok = p.next() {
		var err error
		if isFam, ferr := p.setFamily(key); isFam {
			if err = ferr; err != nil {
				return nil, err
			}
			continue
		}
		switch key {
		case "id":
			var v string
			if v, err = p.value(key); err == nil {
				c.id, err = nexthopIDValue(p.usage, v)
			}
		case "dev":
			c.dev, err = p.dev(key)
		case "groups":
			err = p.once(key)
			c.f.Groups = true
		case "fdb":
			err = p.once(key)
			c.f.FDB = true
		default:
			return nil, p.unknown(key)
		}
		if err != nil {
			return nil, err
		}
	}
	c.f.Family = p.family
	return c, nil
}

func (c nexthopList) list(e *listEnv) error {
	links, err := e.linkSet(nil)
	if err != nil {
		return err
	}
	if c.f.OIF, err = e.index(links, c.dev); err != nil {
		// ip: `argument "X" is wrong: Device does not exist`, exit 255.
		return usageErrorf("", "%v", err)
	}
	if c.id != 0 {
		// ip nexthop show id N asks for that one (ENOENT: exit 2), the
		// other filters aside.
		n, err := nexthop.NewClient(e.conn).Get(e.cl.ctx, c.id)
		if n == nil {
			return err
		}
		out, lerr := e.listing(links, textOptions{})
		if lerr != nil {
			return lerr
		}
		if err != nil {
			out.warn(err) // a reply decoded in part
		}
		return out.end(out.put(n))
	}
	out, err := e.listing(links, textOptions{})
	if err != nil {
		return err
	}
	return out.end(each(out, nexthop.All(e.cl.ctx, e.conn, c.f), nil))
}
