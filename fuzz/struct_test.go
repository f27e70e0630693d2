package fuzz

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// FuzzStruct is struct-first fuzzing: gofuzz fills a value of the chosen
// message type from data (see fill for what is normalized), then the value
// must encode to Size() bytes that decode without error to an Equal value,
// which encodes to the same bytes.
func FuzzStruct(f *testing.F) {
	ms := targets(f)
	// Patterns per type, and the captures as plain bytes.
	for _, s := range append(structSeeds(f), decodeSeeds(f)...) {
		if _, ok := lookup(ms, s.typ); ok {
			f.Add(s.typ, s.data)
		}
	}
	f.Fuzz(func(t *testing.T, typ uint16, data []byte) {
		info := pick(ms, typ)
		m, notes := fill(info, data, fillFuzzed)
		out := m.Append(nil)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("%s (family %d): "+format+"\nappended (%d bytes): %s", append(append([]any{info.Name, notes.family}, args...), len(out), hexTrunc(out))...)
		}
		if n := m.Size(); n != len(out) {
			fail("Size() = %d, Append wrote %d bytes", n, len(out))
		}
		d := info.Make()
		if err := d.Decode(out); err != nil {
			fail("Append(value) does not decode: %v", err)
		}
		if !info.Equal(m, d) {
			fail("Append(value) decodes to a different value (filled vs decoded):\n%s", diff(m, d))
		}
		out2 := d.Append(nil)
		if !bytes.Equal(out, out2) {
			fail("the decoded value re-encodes differently:\n%s", hexTrunc(out2))
		}
		if n := d.Size(); n != len(out2) {
			fail("decoded value: Size() = %d, Append wrote %d bytes", n, len(out2))
		}
		// What a hand-built value encodes to also passes the decode checks.
		checkDecode(t, info, out)
	})
}

// TestFillReachesEverySet checks the struct filler itself: with every
// attribute present, the encoded value of each message type decodes with
// every attribute of every set it reaches present, records and nests
// included. (The same values seed FuzzDecode and dirty reused values.)
func TestFillReachesEverySet(t *testing.T) {
	for _, info := range rtnl.Messages {
		for variant := range maxVariants {
			fillReaches(t, info, variant)
		}
	}
}

// maxVariants bounds the variants of any select attribute, so that
// TestFillReachesEverySet reaches each of them.
const maxVariants = 16

func fillReaches(t *testing.T, info nlwire.MessageInfo, variant int) {
	{
		m, _ := fillVariant(info, bytes.Repeat([]byte{0x5a, 0xff, 0x13, 0x77}, 256), fillAllPresent, variant)
		d := info.Make()
		if err := d.Decode(m.Append(nil)); err != nil {
			t.Errorf("%s: %v", info.Name, err)
			return
		}
		sets := map[string]int{}
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Struct:
				if isSet(v.Type()) {
					if sets[v.Type().Name()] == 0 {
						// Every attribute is a field or a flag (SetX()).
						si := describeSet(v.Type())
						flags := 0
						pt := reflect.PointerTo(v.Type())
						for i := 0; i < pt.NumMethod(); i++ {
							if m := pt.Method(i); strings.HasPrefix(m.Name, "Set") && m.Type.NumIn() == 1 {
								flags++
							}
						}
						if len(si.fields)+flags != len(si.ids) {
							t.Errorf("%s: %d ids, but %d fields and %d flags found through the setters", v.Type().Name(), len(si.ids), len(si.fields), flags)
						}
					}
					sets[v.Type().Name()]++
					p := v.Addr().Interface().(presence)
					for _, id := range describeSet(v.Type()).ids {
						if !p.Has(id) {
							t.Errorf("%s: %s: attribute %d absent after the round trip", info.Name, v.Type().Name(), id)
						}
					}
				}
				for i := 0; i < v.NumField(); i++ {
					f := v.Type().Field(i)
					switch {
					case !f.IsExported():
					case isSet(v.Type()) && selectBy(f) != "":
						// Only the variant the selector names holds attributes.
						if vs := variants(f.Type); len(vs) > maxVariants {
							t.Errorf("%s.%s has %d variants; raise maxVariants", v.Type().Name(), f.Name, len(vs))
						}
						if name := selected(v, f); name != "" {
							walk(v.Field(i).FieldByName(name))
						} else {
							t.Errorf("%s: %s.%s: no variant selected", info.Name, v.Type().Name(), f.Name)
						}
					default:
						walk(v.Field(i))
					}
				}
			case reflect.Slice:
				for i := 0; i < v.Len(); i++ {
					walk(v.Index(i))
				}
			}
		}
		walk(reflect.ValueOf(d).Elem())
		t.Logf("%s: %d bytes, attribute sets reached: %v", info.Name, d.Size(), sets)
	}
}
