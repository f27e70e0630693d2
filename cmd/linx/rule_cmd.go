package main

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/rule"
)

func init() {
	ruleObject.short = "routing policy rules: list, add, del, flush (ip rule)"
	ruleObject.verbs = append(ruleObject.verbs,
		verb{names: []string{"add"}, usage: "add|del [not] [from PREFIX|all] [to PREFIX|all] [iif IF] [oif IF] [fwmark M[/MASK]] [pref N] [tos T] [dscp D] [ipproto P] [sport N[-M]] [dport N[-M]] [uidrange A-B] [tun_id N] [l3mdev] [suppress_prefixlength N] [suppress_ifgroup G] [protocol P] [lookup TABLE | goto N | blackhole | unreachable | prohibit | nop]", run: runRuleModify("add")},
		verb{names: []string{"delete", "del"}, run: runRuleModify("delete")},
		verb{names: []string{"flush"}, usage: "flush [-4|-6] [protocol P] [table TABLE]", run: runRuleFlush},
	)
}

// ipProtos are the protocol names ip's ipproto takes besides numbers.
var ipProtos = map[string]uint8{"icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "ipv6-icmp": 58, "icmpv6": 58, "sctp": 132}

// portRange parses N or N-M.
func portRange(v string) (lo, hi uint16, err error) {
	a, b, ok := strings.Cut(v, "-")
	x, err := parseNum(a, 16)
	if err != nil {
		return 0, 0, err
	}
	y := x
	if ok {
		if y, err = parseNum(b, 16); err != nil {
			return 0, 0, err
		}
	}
	return uint16(x), uint16(y), nil
}

func parseRuleModify(verb string, args []string, fam rtnl.Family) ([]rule.Option, error) {
	usage := ruleObject.usage()
	var opts []rule.Option
	if fam != 0 {
		opts = append(opts, rule.Family(fam))
	}
	add := func(o rule.Option) { opts = append(opts, o) }
	prefix := func(what string, mk func(netip.Prefix) rule.Option) func(string) error {
		return func(v string) error {
			if v == "all" {
				return nil
			}
			a, bits, err := addrMaybeLen(what, v)
			if err != nil {
				return err
			}
			p := netip.PrefixFrom(a, bits)
			if p.Masked() != p {
				return argErrorf("invalid %s %q: host bits set (did you mean %s?)", what, v, p.Masked())
			}
			add(mk(p))
			return nil
		}
	}
	num := func(bits int, mk func(uint64) rule.Option) func(string) error {
		return func(v string) error {
			n, err := parseNum(v, bits)
			add(mk(n))
			return err
		}
	}
	action := func(a rtnl.RuleAction) func(string) error {
		return func(string) error { add(rule.Action(a)); return nil }
	}
	words := []word{
		{names: []string{"not"}, noArg: true, set: func(string) error { add(rule.Not()); return nil }},
		{names: []string{"from"}, set: prefix("from prefix", rule.From)},
		{names: []string{"to", "dst"}, set: prefix("to prefix", rule.To)},
		{names: []string{"iif", "dev"}, set: func(v string) error { add(rule.IIF(v)); return nil }},
		{names: []string{"oif"}, set: func(v string) error { add(rule.OIF(v)); return nil }},
		{names: []string{"fwmark"}, set: func(v string) error {
			m, k, hasMask := strings.Cut(v, "/")
			mark, err := parseNum(m, 32)
			if err != nil {
				return err
			}
			var mask uint64
			if hasMask {
				if mask, err = parseNum(k, 32); err != nil {
					return err
				}
			}
			add(rule.FwMark(uint32(mark), uint32(mask)))
			return nil
		}},
		{names: []string{"pref", "priority", "preference", "order"}, set: num(32, func(n uint64) rule.Option { return rule.Priority(uint32(n)) })},
		{names: []string{"tos", "dsfield"}, set: num(8, func(n uint64) rule.Option { return rule.TOS(uint8(n)) })},
		{names: []string{"dscp"}, set: num(8, func(n uint64) rule.Option { return rule.DSCP(uint8(n)) })},
		{names: []string{"ipproto"}, set: func(v string) error {
			p, ok := ipProtos[v]
			if !ok {
				n, err := parseNum(v, 8)
				if err != nil {
					return fmt.Errorf("invalid ipproto %q: want a number or tcp, udp, icmp, ...", v)
				}
				p = uint8(n)
			}
			add(rule.IPProto(p))
			return nil
		}},
		{names: []string{"sport"}, set: func(v string) error {
			lo, hi, err := portRange(v)
			add(rule.SPort(lo, hi))
			return err
		}},
		{names: []string{"dport"}, set: func(v string) error {
			lo, hi, err := portRange(v)
			add(rule.DPort(lo, hi))
			return err
		}},
		{names: []string{"uidrange"}, set: func(v string) error {
			a, b, ok := strings.Cut(v, "-")
			if !ok {
				return fmt.Errorf("invalid uidrange %q: want START-END", v)
			}
			lo, err := parseNum(a, 32)
			if err != nil {
				return err
			}
			hi, err := parseNum(b, 32)
			add(rule.UIDRange(uint32(lo), uint32(hi)))
			return err
		}},
		{names: []string{"tun_id"}, set: num(64, func(n uint64) rule.Option { return rule.TunID(n) })},
		{names: []string{"l3mdev"}, noArg: true, set: func(string) error { add(rule.L3MDEV()); return nil }},
		{names: []string{"suppress_prefixlength", "sup_pl"}, set: num(32, func(n uint64) rule.Option { return rule.SuppressPrefixLength(uint32(n)) })},
		{names: []string{"suppress_ifgroup", "sup_group"}, set: num(32, func(n uint64) rule.Option { return rule.SuppressIfGroup(uint32(n)) })},
		{names: []string{"protocol", "proto"}, set: func(v string) error {
			p, err := rtnl.ParseProtocol(v)
			add(rule.Protocol(p))
			return err
		}},
		{names: []string{"lookup", "table"}, set: func(v string) error {
			t, err := parseTable(v)
			add(rule.Lookup(t))
			return err
		}},
		{names: []string{"goto"}, set: num(32, func(n uint64) rule.Option { return rule.Goto(uint32(n)) })},
		{names: []string{"blackhole"}, noArg: true, set: action(rtnl.FR_ACT_BLACKHOLE)},
		{names: []string{"unreachable"}, noArg: true, set: action(rtnl.FR_ACT_UNREACHABLE)},
		{names: []string{"prohibit"}, noArg: true, set: action(rtnl.FR_ACT_PROHIBIT)},
		{names: []string{"nop"}, noArg: true, set: action(rtnl.FR_ACT_NOP)},
	}
	if err := parseWords(usage, args, words, nil); err != nil {
		return nil, err
	}
	// Check now what the library would refuse, as a usage error.
	if _, err := rule.Request(verb, opts...); err != nil {
		return nil, usageErrorf(usage, "%v", err)
	}
	return opts, nil
}

func runRuleModify(verb string) func(c *call, args []string) error {
	return func(cl *call, args []string) error {
		opts, err := parseRuleModify(verb, args, cl.opts.family)
		if err != nil {
			return err
		}
		client, err := rule.Open(rule.InNamespace(cl.opts.ns))
		if err != nil {
			return err
		}
		defer client.Close()
		if verb == "add" {
			return client.Add(cl.ctx, opts...)
		}
		return client.Delete(cl.ctx, opts...)
	}
}

func runRuleFlush(cl *call, args []string) error {
	usage := ruleObject.usage()
	f := rule.Filter{Family: cl.opts.family}
	words := []word{
		{names: []string{"protocol", "proto"}, set: func(v string) (err error) { f.Protocol, err = rtnl.ParseProtocol(v); return }},
		{names: []string{"table", "lookup"}, set: func(v string) (err error) { f.Table, err = parseTable(v); return }},
		{names: []string{"-4"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET; return nil }},
		{names: []string{"-6"}, noArg: true, set: func(string) error { f.Family = rtnl.AF_INET6; return nil }},
	}
	if err := parseWords(usage, args, words, nil); err != nil {
		return err
	}
	if f.Family == 0 {
		f.Family = rtnl.AF_INET // ip rule flush: IPv4 unless -6
	}
	client, err := rule.Open(rule.InNamespace(cl.opts.ns))
	if err != nil {
		return err
	}
	defer client.Close()
	_, err = client.Flush(cl.ctx, f)
	return err
}
