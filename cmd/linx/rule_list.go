package main

import (
	"slices"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/rule"
)

var ruleObject = listObject("rule", "routing policy rules (ip rule)", "[list|show] [-4|-6]", parseRuleList)

func init() {
	ruleObject.long = `rule lists IPv4 rules unless -6, as ip rule does.
`
}

// ruleSelectors are ip rule list's selector keywords, which linx does not
// take (a usage error); any other word ip reads as a prefix.
var ruleSelectors = []string{"from", "to", "table", "lookup", "pref", "preference", "priority", "order", "iif", "dev", "oif", "fwmark", "protocol", "proto", "tos", "dsfield", "dscp", "ipproto", "sport", "dport", "uidrange", "tun_id", "l3mdev", "not", "all", "realms", "suppress_prefixlength", "suppress_ifgroup"}

// ruleList is `rule list`: the rules of one family.
type ruleList struct{ family rtnl.Family }

func parseRuleList(p *filterArgs) (lister, error) {
	for key, ok := p.next(); ok; key, ok = p.next() {
		isFam, err := p.setFamily(key)
		if !isFam {
			if key != "" && key[0] != '-' && !slices.Contains(ruleSelectors, key) {
				if _, perr := selectorPrefix(key); perr != nil {
					return nil, perr // ip: "inet prefix is expected", exit 1
				}
			}
			return nil, p.unknown(key)
		}
		if err != nil {
			return nil, err
		}
	}
	return ruleList{family: ruleFamily(p.family)}, nil
}

func (c ruleList) list(e *listEnv) error {
	out, err := e.listing(nil, textOptions{})
	if err != nil {
		return err
	}
	return out.end(each(out, rule.All(e.cl.ctx, e.conn, rule.Filter{Family: c.family}), func(r *rtnl.Rule) bool {
		// An unfiltered dump also has the multicast routing (ipmr) rules.
		f := r.Header.Family
		return f == rtnl.AF_INET || f == rtnl.AF_INET6
	}))
}
