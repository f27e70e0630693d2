package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
)

// The families a listing shows without -4/-6, as ip's: ip neigh, ip addr
// and ip nexthop list every family, ip route and ip rule IPv4 only.

// listFamily is the family ip route lists: with a table filter (main by
// default) and no -4/-6 it is IPv4 (iproute.c), every family only with
// "table all" (table 0).
func listFamily(fam rtnl.Family, table uint32) rtnl.Family {
	if fam == 0 && table != 0 {
		return rtnl.AF_INET
	}
	return fam
}

// ruleFamily is the family ip rule lists: IPv4 unless -6 (iprule.c).
func ruleFamily(fam rtnl.Family) rtnl.Family {
	if fam == 0 {
		return rtnl.AF_INET
	}
	return fam
}

// ipRouteError gives route list's and get's usage errors ip's exit status
// where ip's differs: a word that is no prefix where a prefix may stand
// (ip: "any valid prefix is expected", exit 1) and get without an address
// (ip: "need at least a destination address", exit 1).
func ipRouteError(err error) error {
	var ce *cliError
	if !errors.As(err, &ce) || ce.code != exitUsage {
		return err
	}
	const unknown = "unknown list argument "
	if w, ok := strings.CutPrefix(ce.msg, unknown); ok {
		if word, qerr := strconv.Unquote(w); qerr == nil && word != "" && word[0] != '-' {
			if _, perr := selectorPrefix(word); perr != nil {
				return perr
			}
		}
		return err
	}
	if strings.Contains(ce.msg, "needs an address") {
		return argErrorf("%s", ce.msg)
	}
	return err
}
