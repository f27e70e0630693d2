package main

import (
	"net"
	"net/netip"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/neigh"
)

func init() {
	neighObject.short = "neighbours, ARP and NDP entries: list, add, replace, change, del, flush (ip neigh)"
	neighObject.verbs = append(neighObject.verbs,
		verb{names: []string{"add"}, usage: "add|replace|change|del {ADDR [lladdr MAC] [nud STATE] | proxy ADDR} dev IF [router] [extern_learn] [protocol P]", run: runNeighModify("add")},
		verb{names: []string{"replace"}, run: runNeighModify("replace")},
		verb{names: []string{"change", "chg"}, run: runNeighModify("change")},
		verb{names: []string{"delete", "del"}, run: runNeighModify("delete")},
		verb{names: []string{"flush"}, usage: "flush [dev IF] [-4|-6] [nud STATE|all] [proxy]", run: runNeighFlush},
	)
}

// neighState parses ip's nud words: the states, and none.
func neighState(v string) (rtnl.NeighState, error) {
	if v == "none" {
		return 0, nil
	}
	return rtnl.ParseNeighState(v)
}

type neighModify struct {
	verb string
	dst  netip.Addr
	dev  string
	opts []neigh.Option
}

func parseNeighModify(verb string, args []string, fam rtnl.Family) (neighModify, error) {
	usage := neighObject.usage()
	c := neighModify{verb: verb}
	add := func(o neigh.Option) { c.opts = append(c.opts, o) }
	var dst string
	setDst := func(v string) error {
		if dst != "" {
			return usageErrorf(usage, "two addresses: %s and %s", dst, v)
		}
		dst = v
		return nil
	}
	words := []word{
		{names: []string{"to"}, set: setDst},
		{names: []string{"proxy"}, set: func(v string) error { add(neigh.Proxy()); return setDst(v) }},
		{names: []string{"dev"}, set: func(v string) error { c.dev = v; return nil }},
		{names: []string{"lladdr"}, set: func(v string) error {
			mac, err := net.ParseMAC(v)
			if err != nil {
				return argErrorf("invalid lladdr %q: want a MAC address such as 02:00:00:00:00:01", v)
			}
			add(neigh.LLAddr(mac))
			return nil
		}},
		{names: []string{"nud"}, set: func(v string) error {
			s, err := neighState(v)
			add(neigh.State(s))
			return err
		}},
		{names: []string{"router"}, noArg: true, set: func(string) error { add(neigh.Router()); return nil }},
		{names: []string{"extern_learn"}, noArg: true, set: func(string) error { add(neigh.ExternLearn()); return nil }},
		{names: []string{"protocol", "proto"}, set: func(v string) error {
			p, err := rtnl.ParseProtocol(v)
			add(neigh.Protocol(p))
			return err
		}},
	}
	err := parseWords(usage, args, words, func(w string) (bool, error) {
		if dst != "" || strings.HasPrefix(w, "-") {
			return false, nil
		}
		return true, setDst(w)
	})
	if err != nil {
		return c, err
	}
	if dst == "" {
		return c, usageErrorf(usage, "neigh %s needs an address", verb)
	}
	if c.dev == "" {
		return c, usageErrorf(usage, "neigh %s needs dev IF", verb)
	}
	if c.dst, err = parseAddr("neighbour address", dst); err != nil {
		return c, err
	}
	if fam != 0 && (fam == rtnl.AF_INET) != c.dst.Is4() {
		return c, argErrorf("address %s is not of family %s", c.dst, famFlag(fam))
	}
	return c, nil
}

func runNeighModify(verb string) func(c *call, args []string) error {
	return func(cl *call, args []string) error {
		c, err := parseNeighModify(verb, args, cl.opts.family)
		if err != nil {
			return err
		}
		client, err := neigh.Open(neigh.InNamespace(cl.opts.ns))
		if err != nil {
			return err
		}
		defer client.Close()
		ifindex, err := devIndex(cl, client.Conn(), c.dev)
		if err != nil {
			return err
		}
		switch verb {
		case "add":
			return client.Add(cl.ctx, ifindex, c.dst, c.opts...)
		case "replace":
			return client.Replace(cl.ctx, ifindex, c.dst, c.opts...)
		case "change":
			return client.Change(cl.ctx, ifindex, c.dst, c.opts...)
		}
		return client.Delete(cl.ctx, ifindex, c.dst, c.opts...)
	}
}

func runNeighFlush(cl *call, args []string) error {
	usage := neighObject.usage()
	f := neigh.Filter{Family: cl.opts.family}
	var dev string
	words := []word{
		{names: []string{"dev"}, set: func(v string) error { dev = v; return nil }},
		{names: []string{"nud"}, set: func(v string) (err error) {
			if v == "all" {
				f.State = 0xff
				return nil
			}
			f.State, err = neighState(v)
			if err == nil && f.State == 0 {
				return usageErrorf(usage, "nud none: flush takes states to remove")
			}
			return err
		}},
		{names: []string{"proxy"}, noArg: true, set: func(string) error { f.Proxy = true; return nil }},
		{names: []string{"-4"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET; return nil }},
		{names: []string{"-6"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET6; return nil }},
	}
	if err := parseWords(usage, args, words, nil); err != nil {
		return err
	}
	if len(args) == 0 {
		return argErrorf("neigh flush requires arguments (dev IF, nud STATE, proxy or -4/-6)")
	}
	client, err := neigh.Open(neigh.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	if f.Ifindex, err = devIndex(cl, client.Conn(), dev); err != nil {
		return err
	}
	_, err = client.Flush(cl.ctx, f)
	return err
}
