package main

import "fmt"

// Select is a nest whose attribute set is chosen by the value of a sibling
// attribute, which may arrive after it (RTA_ENCAP by RTA_ENCAP_TYPE,
// IFLA_INFO_DATA by IFLA_INFO_KIND): decoding keeps the payload and
// resolves it at the end of the enclosing set.
type Select struct {
	GoName string
	Doc    string
	// Key is the selector's enum, or nil for a string selector.
	Key      *Enum
	Variants []*Variant
}

// Variant is one attribute set of a Select and the selector value that
// chooses it.
type Variant struct {
	GoName string
	Doc    string
	Value  *EnumValue // enum selector
	Str    string     // string selector
	Attrs  *AttrSet
}

// KeyName is how the variant's selector value reads in docs.
func (v *Variant) KeyName() string {
	if v.Value != nil {
		return v.Value.CName
	}
	return fmt.Sprintf("%q", v.Str)
}

// selectDecl resolves a select block; the sets it names are declared.
func (r *resolver) selectDecl(a *selectAST) {
	if !r.declare(a.Name, a.Range) {
		return
	}
	sel := &Select{GoName: a.Name, Doc: a.Doc}
	key, d := keyword(a.Key, "key")
	r.diags = append(r.diags, d...)
	switch {
	case key == "string":
	case r.enums[key] != nil:
		sel.Key = r.enums[key]
	default:
		r.errorf(a.Key.Range(), "Unknown select key", "select %s: key must be string or an enum, not %q.", a.Name, key)
		return
	}
	fields := map[string]bool{"Raw": true}
	keys := map[string]bool{}
	for i := range a.Variants {
		va := &a.Variants[i]
		v := &Variant{GoName: va.Go, Doc: va.Doc}
		if !isExported(v.GoName) || fields[v.GoName] {
			r.errorf(va.Range, "Invalid Go name", "variant %s of %s: go = %q must be an exported identifier, unique in the select (Raw is taken).", va.Key, a.Name, va.Go)
			continue
		}
		if keys[va.Key] {
			r.errorf(va.Range, "Duplicate variant", "select %s has two variants for %s.", a.Name, va.Key)
			continue
		}
		if sel.Key != nil {
			ev := r.values[va.Key]
			if ev == nil || ev.Enum != sel.Key {
				r.errorf(va.Range, "Unknown enum value", "variant %s of %s: not a value of %s.", va.Key, a.Name, sel.Key.GoName)
				continue
			}
			v.Value = ev
		} else {
			v.Str = va.Key
		}
		name, d := keyword(va.Attrs, "attrs")
		r.diags = append(r.diags, d...)
		if v.Attrs = r.sets[name]; v.Attrs == nil {
			r.errorf(va.Attrs.Range(), "Unknown attribute set", "variant %s of %s: no attrs block named %q.", va.Key, a.Name, name)
			continue
		}
		fields[v.GoName], keys[va.Key] = true, true
		sel.Variants = append(sel.Variants, v)
	}
	r.selects[a.Name] = sel
	r.m.Selects = append(r.m.Selects, sel)
}

// selectors resolves select_by: the sibling of each select attribute of s,
// which must hold the select's key type.
func (r *resolver) selectors(a *attrsAST, s *AttrSet) {
	for i := range a.Attrs {
		aa := &a.Attrs[i]
		var at *Attr
		for _, x := range s.Attrs {
			if x.CName == aa.Name {
				at = x
			}
		}
		if at == nil || at.Kind != kSelect {
			continue
		}
		name, d := keyword(aa.SelectBy, "select_by")
		r.diags = append(r.diags, d...)
		if name == "" {
			if !d.HasErrors() {
				r.errorf(aa.Range, "Missing select_by", "%s of type select needs select_by = SIBLING_ATTRIBUTE.", aa.Name)
			}
			continue
		}
		for _, x := range s.Attrs {
			if x.CName == name {
				at.SelectBy = x
			}
		}
		by := at.SelectBy
		switch {
		case by == nil:
			r.errorf(aa.SelectBy.Range(), "Unknown selector", "%s: %s is not an attribute of %s.", aa.Name, name, s.GoName)
		case by.Repeated || (at.Select.Key != nil && by.Enum != at.Select.Key) || (at.Select.Key == nil && by.Kind != kString):
			want := "a string attribute"
			if at.Select.Key != nil {
				want = "an attribute of type " + at.Select.Key.GoName
			}
			r.errorf(aa.SelectBy.Range(), "Invalid selector", "%s: select_by must name %s (not repeated), as select %s's key.", aa.Name, want, at.Select.GoName)
			at.SelectBy = nil
		}
	}
}

// AltType is an addr attribute's type for one address family of its
// message: RTA_DST and RTA_NEWDST of AF_MPLS routes are label stacks. The
// alternative has a field of its own (an array of Struct) and shares the
// attribute's presence and order; decoding picks it by the family,
// encoding when the address is invalid and the array is not empty.
type AltType struct {
	Family *EnumValue
	GoName string
	Struct *Struct
}

// byFamily resolves an attribute's by_family blocks (at most one).
func (r *resolver) byFamily(aa *attrAST, at *Attr, fields map[string]bool) bool {
	if len(aa.ByFamily) == 0 {
		return true
	}
	b := &aa.ByFamily[0]
	switch {
	case len(aa.ByFamily) > 1:
		r.errorf(aa.ByFamily[1].Range, "Too many by_family blocks", "%s: one by_family block is supported.", aa.Name)
		return false
	case at.Kind != kAddr || at.Repeated:
		r.errorf(b.Range, "Invalid by_family", "%s: by_family is for addr attributes (sized by the message family), not repeated.", aa.Name)
		return false
	}
	ev := r.values[b.Family]
	if ev == nil {
		r.errorf(b.Range, "Unknown enum value", "%s: by_family %q is not an enum value (an address family).", aa.Name, b.Family)
		return false
	}
	typ, d := keyword(b.Type, "type")
	r.diags = append(r.diags, d...)
	name, d := keyword(b.Struct, "struct")
	r.diags = append(r.diags, d...)
	st := r.structs[name]
	switch {
	case typ != "array":
		r.errorf(b.Type.Range(), "Invalid by_family type", "%s: by_family supports type = array, not %q.", aa.Name, typ)
		return false
	case st == nil || st.Size == 0:
		r.errorf(b.Struct.Range(), "Unknown struct", "%s: no struct named %q with fields.", aa.Name, name)
		return false
	case !isExported(b.Go) || fields[b.Go] || reservedField[b.Go]:
		r.errorf(b.Range, "Invalid Go name", "%s: by_family go = %q must be an exported name not used in the set.", aa.Name, b.Go)
		return false
	}
	fields[b.Go] = true
	at.Alt = &AltType{Family: ev, GoName: b.Go, Struct: st}
	return true
}
