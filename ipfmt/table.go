package ipfmt

import (
	"encoding/hex"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// table is an object's fields in the order ip prints them, walked once
// into a sink (text or JSON). A plain row is an attribute type or a
// header field: its value comes from the generated FieldValue and its
// words from the schema's names (FieldName), printed when the attribute
// is present. A hook row is one of ip's quirks (a default, punctuation
// glued to a word, a word that depends on another field), written as code
// that emits each value once through the sink.
type table[T any] struct {
	names func(id uint16) rtnl.FieldName                  // the set's generated lookup
	value func(m *T, id uint16) (nlwire.FieldValue, bool) // the set's generated accessor
	rows  []row[T]
	// header is the message header's generated accessor, for rows that
	// name a header field (row.hdr).
	header func(m *T, f *rtnl.FieldName) (nlwire.FieldValue, bool)
}

// form is how a plain row prints its value besides the value's own kind.
type form uint8

const (
	formValue  form = iota // by its kind: number, address, text, enum name
	formDev                // an ifindex, printed as the device's name
	formOnOff              // print_on_off: "on"/"off" in text, a JSON bool
	formName               // an enum by its name even with -N (ip has no number for it)
	formVia                // print_rta_via: "via inet6 ADDR", {"family":..,"host":..}
	formRealms             // print_rta_flow: "realm[s] [FROM/]TO", {"from":..,"to":..}
	formHex                // bytes as one hex string, no separators (phys_port_id)
)

// row is one field of a table: attr or hdr (a plain row) or hook. hdr
// names a header field by the address of its generated FieldName
// variable (&rtnl.IfAddrMsgScopeField). A details row is printed with
// Options.Details only (ip -d); a nonZero row only when its value is not
// zero; a hide row not when hide says the listing fixed the field (ip
// leaves out what the filter names).
type row[T any] struct {
	attr    uint16
	hdr     *rtnl.FieldName
	details bool
	nonZero bool
	form    form
	hide    func(o *Options) bool
	hook    func(s *sink, m *T)
}

// walk prints m's fields into s.
func (t *table[T]) walk(s *sink, m *T) {
	for i := range t.rows {
		r := &t.rows[i]
		switch {
		case r.details && !s.o.Details:
		case r.hide != nil && r.hide(s.o):
		case r.hook != nil:
			r.hook(s, m)
		case r.hdr != nil:
			v, ok := t.header(m, r.hdr)
			if ok && !(r.nonZero && v.IsZero()) {
				s.plain(*r.hdr, v, r.form)
			}
		default:
			v, ok := t.value(m, r.attr)
			if ok && !(r.nonZero && v.IsZero()) {
				s.plain(t.names(r.attr), v, r.form)
			}
		}
	}
}

// plain prints a plain row's value in its form.
func (s *sink) plain(f field, v nlwire.FieldValue, fm form) {
	switch fm {
	case formDev:
		s.str(f, s.o.devName(ifindex(v)))
	case formOnOff:
		s.onOff(f, !v.IsZero())
	case formName:
		s.str(f, v.Name())
	case formVia:
		printVia(s, f, v.Addr)
	case formRealms:
		printFlow(s, f, uint32(v.Uint))
	case formHex:
		s.str(f, hex.EncodeToString(v.Bytes))
	default:
		s.value(f, v)
	}
}

// ifindex is an interface index attribute's value (a u32 or an s32).
func ifindex(v nlwire.FieldValue) uint32 {
	if v.Kind == nlwire.FieldInt {
		return uint32(v.Int)
	}
	return uint32(v.Uint)
}
