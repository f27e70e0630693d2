package nlwire

import (
	"fmt"
	"strconv"
	"strings"
)

// Names is the name table nlgen generates for an enum, a flag set or an
// attribute set, the way stringer does: all names in one string and the
// offsets where each ends, instead of a switch per value. Entry i has the
// value Vals[i], the text Text[TextEnd[i-1]:TextEnd[i]] (what ip(8)
// prints; empty for attribute sets) and the C name C[CEnd[i-1]:CEnd[i]].
//
// An enum's entries are sorted by value (String searches them); a flag
// set's are in the order ip prints them.
type Names struct {
	Vals    []uint64
	Text    string
	TextEnd []uint16
	C       string
	CEnd    []uint16
	// Label names the type in Parse errors ("family").
	Label string
	// Choices lists the texts, for Parse errors.
	Choices string
	// Bits is the size of the values, for parsing numbers.
	Bits int
}

func span(s string, end []uint16, i int) string {
	start := 0
	if i > 0 {
		start = int(end[i-1])
	}
	if int(end[i]) > len(s) || start > int(end[i]) {
		return ""
	}
	return s[start:end[i]]
}

// text and cname return entry i's names.
func (n *Names) text(i int) string  { return span(n.Text, n.TextEnd, i) }
func (n *Names) cname(i int) string { return span(n.C, n.CEnd, i) }

// find returns the index of value v in a table sorted by value, or -1.
func (n *Names) find(v uint64) int {
	lo, hi := 0, len(n.Vals)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if n.Vals[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(n.Vals) && n.Vals[lo] == v {
		return lo
	}
	return -1
}

// String returns the text of an enum value, or its number when it has none.
func (n *Names) String(v uint64) string {
	if i := n.find(v); i >= 0 {
		return n.text(i)
	}
	return strconv.FormatUint(v, 10)
}

// CName returns the C name of an attribute type (or value), or "" when the
// table has none. The table need not be sorted.
func (n *Names) CName(v uint64) string {
	for i, x := range n.Vals {
		if x == v {
			return n.cname(i)
		}
	}
	return ""
}

// lookup finds s as a text or a C name, in any case.
func (n *Names) lookup(s string) (uint64, bool) {
	for i, v := range n.Vals {
		if strings.EqualFold(s, n.text(i)) || strings.EqualFold(s, n.cname(i)) {
			return v, true
		}
	}
	return 0, false
}

// Parse reads an enum value as String prints it, as its C name (in any
// case) or as a number in Go syntax.
func (n *Names) Parse(s string) (uint64, error) {
	if v, ok := n.lookup(s); ok {
		return v, nil
	}
	v, err := strconv.ParseUint(s, 0, n.Bits)
	if err != nil {
		return 0, fmt.Errorf("invalid %s %q: want a number or one of %s", n.Label, s, n.Choices)
	}
	return v, nil
}

// FlagsString lists the set flags of v as ip(8) names them, joined by
// "|"; bits without a name print in hex; 0 prints as "0".
func (n *Names) FlagsString(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b strings.Builder
	for i, f := range n.Vals {
		if v&f == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(n.text(i))
		v &^= f
	}
	if v != 0 {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString("0x" + strconv.FormatUint(v, 16))
	}
	return b.String()
}

// ParseFlags reads flags joined by "|" or ",": names as FlagsString prints
// them, C names or numbers.
func (n *Names) ParseFlags(s string) (uint64, error) {
	var v uint64
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ',' }) {
		part = strings.TrimSpace(part)
		if f, ok := n.lookup(part); ok {
			v |= f
			continue
		}
		f, err := strconv.ParseUint(part, 0, n.Bits)
		if err != nil {
			return 0, fmt.Errorf("invalid %s flag %q: want a number or one of %s", n.Label, part, n.Choices)
		}
		v |= f
	}
	return v, nil
}
