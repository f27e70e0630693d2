package fuzz

import (
	"fmt"
	"reflect"
	"strings"
)

// diff lists the differences between two values of the same generated
// type, exported fields and presence bitsets (not the recorded order), for
// failure messages. It reports at most 20 lines.
func diff(a, b any) string {
	var lines []string
	var rec func(path string, x, y reflect.Value)
	rec = func(path string, x, y reflect.Value) {
		if len(lines) >= 20 {
			return
		}
		switch x.Kind() {
		case reflect.Pointer:
			if x.IsNil() || y.IsNil() {
				if x.IsNil() != y.IsNil() {
					lines = append(lines, fmt.Sprintf("%s: nil vs non-nil", path))
				}
				return
			}
			rec(path, x.Elem(), y.Elem())
		case reflect.Struct:
			for i := 0; i < x.NumField(); i++ {
				f := x.Type().Field(i)
				p := path + "." + f.Name
				if f.Anonymous {
					p = path
				}
				switch {
				case f.IsExported():
					rec(p, x.Field(i), y.Field(i))
				case f.Name == "present":
					xs, ys := fmt.Sprint(x.Field(i)), fmt.Sprint(y.Field(i))
					if xs != ys {
						lines = append(lines, fmt.Sprintf("%s.present: %s vs %s", path, xs, ys))
					}
				}
			}
		case reflect.Slice:
			if x.Type().Elem().Kind() == reflect.Uint8 {
				if xs, ys := fmt.Sprintf("%x", x.Bytes()), fmt.Sprintf("%x", y.Bytes()); xs != ys {
					lines = append(lines, fmt.Sprintf("%s: %s vs %s", path, xs, ys))
				}
				return
			}
			if x.Len() != y.Len() {
				lines = append(lines, fmt.Sprintf("%s: %d vs %d elements", path, x.Len(), y.Len()))
				return
			}
			for i := 0; i < x.Len(); i++ {
				rec(fmt.Sprintf("%s[%d]", path, i), x.Index(i), y.Index(i))
			}
		default:
			if x.CanInterface() && y.CanInterface() && !reflect.DeepEqual(x.Interface(), y.Interface()) {
				lines = append(lines, fmt.Sprintf("%s: %v vs %v", path, x.Interface(), y.Interface()))
			}
		}
	}
	rec("", reflect.ValueOf(a), reflect.ValueOf(b))
	if len(lines) == 0 {
		return "(no difference in exported fields or presence)"
	}
	return strings.Join(lines, "\n")
}

// absentNotZero lists the fields of absent attributes that are not zero,
// in every attribute set of v: the generated types promise "a field whose
// attribute is absent is zero", including after a decode into a reused
// value. Reused buffers count as zero when empty.
func absentNotZero(v any) []string {
	var out []string
	var rec func(path string, x reflect.Value)
	rec = func(path string, x reflect.Value) {
		switch x.Kind() {
		case reflect.Pointer:
			if !x.IsNil() {
				rec(path, x.Elem())
			}
		case reflect.Struct:
			if isSet(x.Type()) {
				p := x.Addr().Interface().(presence)
				for _, af := range describeSet(x.Type()).fields {
					if f := x.FieldByName(af.field); !p.Has(af.id) && !empty(f) {
						val := fmt.Sprint(f)
						if isSet(f.Type()) {
							val = "a set with values or attributes present"
						}
						out = append(out, fmt.Sprintf("%s.%s (attribute %d absent): %s", path, af.field, af.id, val))
					}
				}
			}
			for i := 0; i < x.NumField(); i++ {
				f := x.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				p := path + "." + f.Name
				if f.Anonymous {
					p = path
				}
				rec(p, x.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < x.Len(); i++ {
				rec(fmt.Sprintf("%s[%d]", path, i), x.Index(i))
			}
		}
	}
	rec("", reflect.ValueOf(v))
	return out
}

// empty reports whether x is zero, counting empty slices (reused buffers)
// and attribute sets with nothing present and empty fields as zero.
func empty(x reflect.Value) bool {
	switch x.Kind() {
	case reflect.Slice:
		return x.Len() == 0
	case reflect.Struct:
		if isSelect(x.Type()) {
			// Every variant and the raw payload empty.
			for i := 0; i < x.NumField(); i++ {
				if f := x.Field(i); (x.Type().Field(i).IsExported() && !empty(f)) || (!x.Type().Field(i).IsExported() && !f.IsZero()) {
					return false
				}
			}
			return true
		}
		if !isSet(x.Type()) {
			return x.IsZero()
		}
		for i := 0; i < x.NumField(); i++ {
			f := x.Type().Field(i)
			switch {
			case f.IsExported():
				if !empty(x.Field(i)) {
					return false
				}
			case f.Name == "present":
				if !x.Field(i).IsZero() {
					return false
				}
			}
		}
		return true
	}
	return x.IsZero()
}
