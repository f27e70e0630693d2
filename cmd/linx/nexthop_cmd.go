package main

import (
	"fmt"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/nexthop"
)

func init() {
	nexthopObject.short = "nexthop objects: list, get, add, replace, del, flush (ip nexthop)"
	nexthopObject.verbs = append(nexthopObject.verbs,
		verb{names: []string{"get"}, usage: "get id ID", run: runNexthopGet},
		verb{names: []string{"add"}, usage: "add|replace id ID {[via ADDR] [dev IF] [onlink] | blackhole | group ID[,WEIGHT]/... [type mpath|resilient] [buckets N] [idle_timer S] [unbalanced_timer S]} [fdb] [protocol P]", run: runNexthopModify("add")},
		verb{names: []string{"replace"}, run: runNexthopModify("replace")},
		verb{names: []string{"delete", "del"}, usage: "del id ID", run: runNexthopDelete},
		verb{names: []string{"flush"}, usage: "flush [dev IF] [groups] [fdb] [-4|-6]", run: runNexthopFlush},
	)
}

// nexthopID parses `id ID`, the whole of get's and del's arguments.
func nexthopID(verb string, args []string) (uint32, error) {
	usage := nexthopObject.usage()
	if len(args) != 2 || args[0] != "id" {
		return 0, usageErrorf(usage, "nexthop %s takes id ID", verb)
	}
	return nexthopIDValue(usage, args[1])
}

// nexthopIDValue parses a nexthop id; a bad one is ip's usage error
// (exit 255).
func nexthopIDValue(usage, v string) (uint32, error) {
	n, err := parseNum(v, 32)
	if err != nil || n == 0 {
		return 0, usageErrorf(usage, "invalid nexthop id %q: want 1 to 4294967295", v)
	}
	return uint32(n), nil
}

type nexthopModify struct {
	id   uint32
	dev  string
	opts []nexthop.Option
}

// nexthopGroup parses ip's ID[,WEIGHT]/ID[,WEIGHT]...
func nexthopGroup(v string) ([]nexthop.Member, error) {
	var ms []nexthop.Member
	for _, part := range strings.Split(v, "/") {
		id, w, hasW := strings.Cut(part, ",")
		n, err := parseNum(id, 32)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("invalid group member %q: want ID[,WEIGHT]", part)
		}
		m := nexthop.Member{ID: uint32(n)}
		if hasW {
			wn, err := parseNum(w, 32)
			if err != nil || wn == 0 || wn > 65536 {
				return nil, fmt.Errorf("invalid weight %q: want 1 to 65536", w)
			}
			m.Weight = uint32(wn)
		}
		ms = append(ms, m)
	}
	return ms, nil
}

func parseNexthopModify(verb string, args []string, fam rtnl.Family) (nexthopModify, error) {
	usage := nexthopObject.usage()
	var c nexthopModify
	add := func(o nexthop.Option) { c.opts = append(c.opts, o) }
	if fam != 0 {
		add(nexthop.Family(fam))
	}
	timer := func(mk func(uint32) nexthop.Option) func(string) error {
		return func(v string) error {
			n, err := parseNum(v, 32)
			add(mk(uint32(n)))
			return err
		}
	}
	words := []word{
		{names: []string{"id"}, set: func(v string) error {
			n, err := parseNum(v, 32)
			if err != nil || n == 0 {
				return argErrorf("invalid nexthop id %q: want 1 to 4294967295", v)
			}
			c.id = uint32(n)
			return nil
		}},
		{names: []string{"via"}, set: func(v string) error {
			a, err := parseAddr("gateway address", v)
			add(nexthop.Via(a))
			return err
		}},
		{names: []string{"dev"}, set: func(v string) error { c.dev = v; return nil }},
		{names: []string{"onlink"}, noArg: true, set: func(string) error { add(nexthop.Onlink()); return nil }},
		{names: []string{"blackhole"}, noArg: true, set: func(string) error { add(nexthop.Blackhole()); return nil }},
		{names: []string{"fdb"}, noArg: true, set: func(string) error { add(nexthop.FDB()); return nil }},
		{names: []string{"group"}, set: func(v string) error {
			ms, err := nexthopGroup(v)
			add(nexthop.Group(ms...))
			return err
		}},
		{names: []string{"type"}, set: func(v string) error {
			switch v {
			case "mpath":
			case "resilient":
				add(nexthop.Resilient())
			default:
				return fmt.Errorf("invalid group type %q: want mpath or resilient", v)
			}
			return nil
		}},
		{names: []string{"buckets"}, set: func(v string) error {
			n, err := parseNum(v, 16)
			add(nexthop.Buckets(uint16(n)))
			return err
		}},
		{names: []string{"idle_timer"}, set: timer(nexthop.IdleTimer)},
		{names: []string{"unbalanced_timer"}, set: timer(nexthop.UnbalancedTimer)},
		{names: []string{"protocol", "proto"}, set: func(v string) error {
			p, err := rtnl.ParseProtocol(v)
			add(nexthop.Protocol(p))
			return err
		}},
	}
	if err := parseWords(usage, args, words, nil); err != nil {
		return c, err
	}
	if c.id == 0 {
		return c, usageErrorf(usage, "nexthop %s needs id ID", verb)
	}
	check := c.opts
	if c.dev != "" {
		check = append(check[:len(check):len(check)], nexthop.Dev(1)) // the index is settled at run time
	}
	if _, err := nexthop.Request(verb, c.id, check...); err != nil {
		return c, usageErrorf(usage, "%v", err)
	}
	return c, nil
}

func runNexthopModify(verb string) func(c *call, args []string) error {
	return func(cl *call, args []string) error {
		c, err := parseNexthopModify(verb, args, cl.opts.family)
		if err != nil {
			return err
		}
		client, err := nexthop.Open(nexthop.InNamespace(cl.opts.ns))
		if err != nil {
			return err
		}
		defer client.Close()
		opts := c.opts
		if c.dev != "" {
			ifindex, err := devIndex(cl, client.Conn(), c.dev)
			if err != nil {
				return err
			}
			opts = append(opts, nexthop.Dev(ifindex))
		}
		if verb == "add" {
			return client.Add(cl.ctx, c.id, opts...)
		}
		return client.Replace(cl.ctx, c.id, opts...)
	}
}

func runNexthopDelete(cl *call, args []string) error {
	id, err := nexthopID("del", args)
	if err != nil {
		return err
	}
	client, err := nexthop.Open(nexthop.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	return client.Delete(cl.ctx, id)
}

func runNexthopGet(cl *call, args []string) error {
	id, err := nexthopID("get", args)
	if err != nil {
		return err
	}
	client, err := nexthop.Open(nexthop.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	n, err := client.Get(cl.ctx, id)
	if n == nil {
		return err
	}
	links, lerr := loadLinks(cl.ctx, client.Conn(), cl.opts.ns)
	if lerr != nil {
		return lerr
	}
	out := newListing(cl, cl.fmtOptions(links, textOptions{}))
	if err != nil {
		out.warn(err) // a reply decoded in part
	}
	if err := out.put(n); err != nil {
		return out.fail(err)
	}
	return out.close()
}

func runNexthopFlush(cl *call, args []string) error {
	usage := nexthopObject.usage()
	f := nexthop.Filter{Family: cl.opts.family}
	var dev string
	words := []word{
		{names: []string{"dev"}, set: func(v string) error { dev = v; return nil }},
		{names: []string{"groups"}, noArg: true, set: func(string) error { f.Groups = true; return nil }},
		{names: []string{"fdb"}, noArg: true, set: func(string) error { f.FDB = true; return nil }},
		{names: []string{"-4"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET; return nil }},
		{names: []string{"-6"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET6; return nil }},
	}
	if err := parseWords(usage, args, words, nil); err != nil {
		return err
	}
	client, err := nexthop.Open(nexthop.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	if f.OIF, err = devIndex(cl, client.Conn(), dev); err != nil {
		return err
	}
	_, err = client.Flush(cl.ctx, f)
	return err
}
