package main

import "slices"

// The owned compact form of a message (`compact = [RTA_DST, ...]` in a
// message block): a second Go type, <Message>Compact, for values that are
// kept rather than streamed. The listed attributes — those nearly every
// message carries — are plain fields; a message that carried anything else
// (another attribute, unknown bytes, more attributes than the form records
// the order of) keeps its whole attribute set behind one pointer as well,
// so converting back loses nothing. The schema says which attributes are
// common; no Go code names them.

// maxCompact bounds the attributes of a compact form: their presence is
// one uint16.
const maxCompact = 16

// compact resolves a message's compact list.
func (r *resolver) compact(a *messageAST, m *Message) []*Attr {
	names, ranges, d := keywords(a.Compact, "attribute")
	r.diags = append(r.diags, d...)
	if len(names) == 0 {
		return nil
	}
	if len(names) > maxCompact {
		r.errorf(a.Compact.Range(), "Too many compact attributes", "Message %s: compact lists %d attributes, at most %d are supported.", a.Name, len(names), maxCompact)
		return nil
	}
	var out []*Attr
	for i, n := range names {
		var at *Attr
		for _, x := range m.Attrs.Attrs {
			if x.CName == n {
				at = x
			}
		}
		switch {
		case at == nil:
			r.errorf(ranges[i], "Unknown attribute", "Message %s: compact: %s is not an attribute of %s.", a.Name, n, m.Attrs.GoName)
			return nil
		case slices.Contains(out, at):
			r.errorf(ranges[i], "Duplicate attribute", "Message %s: compact lists %s twice.", a.Name, n)
			return nil
		case at.Repeated || !(at.Kind == kScalar || at.Kind == kAddr || at.Kind == kStruct):
			// A plain field must be a value that owns its memory: no
			// slices, nests or selects.
			r.errorf(ranges[i], "Invalid compact attribute", "Message %s: compact: %s is not a single scalar, address or fixed struct.", a.Name, n)
			return nil
		}
		out = append(out, at)
	}
	return out
}

// compactAlign is the alignment of an attribute's Go field, for laying the
// compact type out without padding.
func compactAlign(a *Attr) int {
	switch a.Kind {
	case kAddr:
		return 8 // netip.Addr: two uint64 and a pointer
	case kStruct:
		al := 1
		for _, f := range a.Struct.Fields {
			al = max(al, f.Scalar.Size)
		}
		return al
	}
	return a.Scalar.Size
}

// compactFields are the compact attributes in field order: by alignment,
// largest first, then as listed.
func compactFields(m *Message) []*Attr {
	out := slices.Clone(m.Compact)
	slices.SortStableFunc(out, func(x, y *Attr) int { return compactAlign(y) - compactAlign(x) })
	return out
}
