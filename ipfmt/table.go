package ipfmt

import "github.com/linx-go/linx/gen/rtnl"

// table is an object's fields in the order ip prints them, walked once
// into a sink (text or JSON). A plain row is an attribute printed when it
// is present, under the names the schema declares for it; a hook row is
// one of ip's quirks (a header field, a default, a word that depends on
// another field), written as code.
type table[T any] struct {
	names func(id uint16) rtnl.FieldName // the set's generated lookup
	has   func(m *T, id uint16) bool
	rows  []row[T]
}

// row is one field of a table: attr with str or num, or hook. A details
// row is printed with Options.Details only (ip -d).
type row[T any] struct {
	attr    uint16
	details bool
	str     func(o *Options, m *T) string // the value as ip prints it
	num     func(m *T) uint64             // a number (JSON number)
	hook    func(s *sink, m *T)
}

// walk prints m's fields into s.
func (t *table[T]) walk(s *sink, m *T) {
	for i := range t.rows {
		r := &t.rows[i]
		switch {
		case r.details && !s.o.Details:
		case r.hook != nil:
			r.hook(s, m)
		case !t.has(m, r.attr):
		case r.str != nil:
			s.str(t.names(r.attr), r.str(s.o, m))
		default:
			s.uint(t.names(r.attr), r.num(m))
		}
	}
}
