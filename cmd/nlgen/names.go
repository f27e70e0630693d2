package main

import (
	"go/token"
	"strings"
	"unicode"
)

// initialisms are written in capitals inside Go names, as golint expects.
var initialisms = map[string]bool{
	"ID": true, "IIF": true, "OIF": true, "UID": true, "TTL": true, "IP": true,
	"MTU": true, "RTT": true, "RTO": true, "NH": true, "CC": true, "MAC": true,
	"VLAN": true, "FDB": true, "TOS": true, "GSO": true, "GRO": true, "TSO": true,
	"QDISC": false, "NSID": true, "XDP": true, "DST": false, "SRC": false,
	"L3MDEV": true, "TCP": true, "UDP": true,
}

// goName derives a Go field name from a C attribute name: the prefix
// (given, or everything up to the first underscore) is dropped and the words
// are title-cased, keeping initialisms in capitals. RTA_NH_ID -> NHID.
func goName(cname, prefix string) string {
	rest := cname
	if prefix != "" && strings.HasPrefix(cname, prefix) {
		rest = cname[len(prefix):]
	} else if i := strings.IndexByte(cname, '_'); i >= 0 {
		rest = cname[i+1:]
	}
	var b strings.Builder
	for _, w := range strings.Split(rest, "_") {
		if w == "" {
			continue
		}
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		b.WriteString(up[:1])
		b.WriteString(strings.ToLower(up[1:]))
	}
	return b.String()
}

// label is the lower-case name a message or set has in decode errors.
func label(goName string) string {
	s := strings.TrimSuffix(goName, "Attrs")
	if s == "" {
		s = goName
	}
	// A word starts at an upper-case letter, except inside a run of them
	// (an initialism: BPFEncap is bpf_encap), where the last one starts the
	// next word when a lower-case letter follows.
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			prevUpper := unicode.IsUpper(rs[i-1]) || unicode.IsDigit(rs[i-1]) && i > 1 && unicode.IsUpper(rs[i-2])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if !prevUpper || nextLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isExported(name string) bool {
	return token.IsIdentifier(name) && token.IsExported(name)
}

// unexport lower-cases the first letter of an exported name.
func unexport(name string) string {
	return strings.ToLower(name[:1]) + name[1:]
}
