package fuzz

import (
	"reflect"
	"strconv"
	"strings"
)

// Select attributes (RTA_ENCAP by RTA_ENCAP_TYPE, ...) are found by their
// generated struct tags, not by name: the set's field carries
// `nl:"select_by=Sibling"` and each variant of the select type
// `nl:"key=VALUE"` (an enum value's number, or the string).

// variantInfo is one variant of a select type.
type variantInfo struct {
	field string
	key   string
}

// selectBy is the sibling field a set field is selected by, or "".
func selectBy(f reflect.StructField) string {
	by, _ := strings.CutPrefix(f.Tag.Get("nl"), "select_by=")
	if by == f.Tag.Get("nl") {
		return ""
	}
	return by
}

// variants lists the variants of a select type.
func variants(t reflect.Type) []variantInfo {
	var out []variantInfo
	for i := 0; i < t.NumField(); i++ {
		if k, ok := strings.CutPrefix(t.Field(i).Tag.Get("nl"), "key="); ok {
			out = append(out, variantInfo{t.Field(i).Name, k})
		}
	}
	return out
}

func isSelect(t reflect.Type) bool { return t.Kind() == reflect.Struct && len(variants(t)) > 0 }

// setKey stores key into the selector field.
func setKey(f reflect.Value, key string) {
	if f.Kind() == reflect.Slice {
		f.SetBytes([]byte(key))
		return
	}
	n, err := strconv.ParseUint(key, 10, 64)
	if err != nil {
		panic("select key " + key + " is not a number")
	}
	f.SetUint(n)
}

// keyOf reads the selector field as a key.
func keyOf(f reflect.Value) string {
	if f.Kind() == reflect.Slice {
		return string(f.Bytes())
	}
	return strconv.FormatUint(f.Uint(), 10)
}

// selected is the variant field of sel that the set's selector names, or
// "" when none does (the payload is raw).
func selected(set reflect.Value, f reflect.StructField) string {
	by := selectBy(f)
	p := set.Addr().Interface().(presence)
	for _, af := range describeSet(set.Type()).fields {
		if af.field == by && !p.Has(af.id) {
			return ""
		}
	}
	key := keyOf(set.FieldByName(by))
	for _, v := range variants(f.Type) {
		if v.key == key {
			return v.field
		}
	}
	return ""
}

// selectField fills a select attribute of set v: it picks a variant (or
// none, leaving the payload raw), stores its key in the sibling selector
// and marks that present, and walks only the chosen variant.
func (w *walker) selectField(v reflect.Value, f reflect.StructField) {
	vs := variants(f.Type)
	by := selectBy(f)
	var sibling uint16
	found := false
	for _, af := range describeSet(v.Type()).fields {
		if af.field == by {
			sibling, found = af.id, true
		}
	}
	if !found {
		panic(v.Type().Name() + "." + f.Name + ": no selector field " + by)
	}
	p := v.Addr().Interface().(presence)
	idx := w.variant % len(vs)
	if w.mode != fillAllPresent {
		idx = int(w.u64() % uint64(len(vs)+1))
	}
	if idx == len(vs) {
		// No variant: the selector absent, so the payload is Raw.
		p.Unset(sibling)
		return
	}
	setKey(v.FieldByName(by), vs[idx].key)
	p.SetPresent(sibling)
	w.walk(v.FieldByName(f.Name).FieldByName(vs[idx].field))
}
