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
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
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
