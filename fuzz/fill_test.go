package fuzz

import (
	"fmt"
	"net/netip"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	gofuzz "github.com/google/gofuzz"
	"github.com/linx-go/linx/runtime/nlwire"
)

// The struct filler turns fuzz bytes into a generated message value that
// can be encoded: gofuzz fills every exported field, then presence and the
// unknown attributes are chosen here. What it normalizes, and why:
//
//   - netip.Addr is always a valid address (the zero Addr encodes as an
//     empty payload, which no decoder accepts, and a zone is not on the
//     wire). Its size follows the header's address family: the filler
//     first picks AF_INET (4-byte addresses), AF_INET6 (16-byte, IPv4-mapped
//     included) or another family (either size, as the decoders accept),
//     fills, then writes that family into the header's Family field. Types
//     without address fields keep the fuzzed family.
//   - nlwire.Text holds no NUL byte: strings are NUL-terminated on the wire
//     and decode up to the first NUL.
//   - Slices are short (at most a few elements, []byte and Text at most a
//     few hundred bytes): nla_len is a u16, so an attribute longer than
//     65535 bytes cannot be encoded, and Append has no error to report it.
//   - Unknown holds zero or more well-formed attributes whose type (flag
//     bits masked) the set does not know, with zero padding: any other
//     bytes would decode as known attributes or lose their padding, and
//     the decoder does not promise to keep either.
//   - Presence is unexported and left alone by gofuzz; the filler sets it
//     with the generated SetPresent on a fuzz-chosen subset of the ids the
//     set knows (found by probing SetPresent/Has). Fields of absent
//     attributes keep their random values: Append and Equal must ignore
//     them.
//   - A nest not marked present is left empty: encoding sends a nest
//     that holds any attribute, as if marked present.
//   - A repeated attribute (one attribute per value, e.g. IFLA_ALT_IFNAME)
//     marked present gets at least one value: with none it has no wire
//     form, so presence could not survive a round trip.

// fillMode chooses which attributes the filler marks present.
type fillMode int

const (
	fillFuzzed     fillMode = iota // a subset chosen by the fuzz bytes
	fillAllPresent                 // every attribute of every set
)

// Address families for the filler.
const (
	famAny = 0 // neither AF_INET nor AF_INET6: either address size
	famV4  = nlwire.FamilyInet
	famV6  = nlwire.FamilyInet6
)

var skipUnknown = regexp.MustCompile(`^Unknown$`)

// fillNotes says what the filler chose, for failure messages.
type fillNotes struct {
	family uint8 // family written to the header, famAny if left fuzzed
}

// fill builds a value of type info from fuzz bytes.
func fill(info nlwire.MessageInfo, data []byte, mode fillMode) (nlwire.Codec, fillNotes) {
	return fillVariant(info, data, mode, 0)
}

// fillVariant is fill choosing, with fillAllPresent, the variant-th variant
// of every select attribute.
func fillVariant(info nlwire.MessageInfo, data []byte, mode fillMode, variant int) (nlwire.Codec, fillNotes) {
	m := info.Make()
	fz := gofuzz.NewFromGoFuzz(data)
	var notes fillNotes

	var sel uint8
	fz.Fuzz(&sel)
	fam := uint8(famAny)
	switch sel % 4 {
	case 0, 1:
		fam = famV4
	case 2:
		fam = famV6
	}
	if mode == fillAllPresent {
		// Every record list and array gets elements, so nested sets are
		// reached.
		fz.NilChance(0).NumElements(1, 3)
	} else {
		fz.NilChance(0.1).NumElements(0, 3)
	}
	fz.MaxDepth(32).
		SkipFieldsWithPattern(skipUnknown).
		Funcs(
			func(a *netip.Addr, c gofuzz.Continue) { *a = randAddr(c, fam) },
			func(t *nlwire.Text, c gofuzz.Continue) { *t = randText(c) },
			func(b *[]byte, c gofuzz.Continue) { *b = randBytes(c) },
		)
	v := reflect.ValueOf(m).Elem()
	fz.Fuzz(m)

	if hasAddr(v.Type()) {
		if f := familyField(v); f.IsValid() {
			if fam == famAny {
				// Keep the fuzzed family unless it says AF_INET or
				// AF_INET6, which would constrain the address sizes.
				// AF_MPLS too: its addresses are label stacks,
				// which the decoders keep raw.
				if x := f.Uint(); x == famV4 || x == famV6 || x == nlwire.FamilyMPLS {
					f.SetUint(0)
				}
			} else {
				f.SetUint(uint64(fam))
			}
			notes.family = uint8(f.Uint())
		}
	}
	w := walker{fz: fz, mode: mode, variant: variant}
	w.walk(v)
	return m, notes
}

// familyField is the header field holding the address family: the one
// named Family, or typed rtnl.Family.
func familyField(msg reflect.Value) reflect.Value {
	h := msg.FieldByName("Header")
	if !h.IsValid() || h.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	for i := 0; i < h.NumField(); i++ {
		f := h.Type().Field(i)
		if f.IsExported() && (f.Name == "Family" || f.Type.Name() == "Family") && h.Field(i).CanUint() {
			return h.Field(i)
		}
	}
	return reflect.Value{}
}

var addrType = reflect.TypeFor[netip.Addr]()

// hasAddr reports whether t holds a netip.Addr anywhere.
func hasAddr(t reflect.Type) bool {
	seen := map[reflect.Type]bool{}
	var rec func(t reflect.Type) bool
	rec = func(t reflect.Type) bool {
		if t == addrType {
			return true
		}
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if t.Field(i).IsExported() && rec(t.Field(i).Type) {
					return true
				}
			}
		case reflect.Slice, reflect.Array, reflect.Pointer:
			return rec(t.Elem())
		}
		return false
	}
	return rec(t)
}

func randAddr(c gofuzz.Continue, fam uint8) netip.Addr {
	v6 := fam == famV6 || (fam == famAny && c.RandBool())
	if !v6 {
		var a [4]byte
		switch c.Intn(8) {
		case 0: // 0.0.0.0
		case 1:
			a = [4]byte{255, 255, 255, 255}
		default:
			c.Read(a[:])
		}
		return netip.AddrFrom4(a)
	}
	var a [16]byte
	switch c.Intn(8) {
	case 0: // ::
	case 1: // IPv4-mapped: 16 bytes on the wire, Is4In6
		a[10], a[11] = 0xff, 0xff
		c.Read(a[12:])
	case 2: // link-local
		a[0], a[1] = 0xfe, 0x80
		c.Read(a[8:])
	default:
		c.Read(a[:])
	}
	return netip.AddrFrom16(a)
}

// randText is a string without NUL bytes, sometimes nil.
func randText(c gofuzz.Continue) nlwire.Text {
	if c.Intn(10) == 0 {
		return nil
	}
	t := make(nlwire.Text, c.Intn(24))
	for i := range t {
		t[i] = byte(1 + c.Intn(255))
	}
	return t
}

// randBytes is a short byte string, sometimes nil, rarely a few hundred
// bytes.
func randBytes(c gofuzz.Continue) []byte {
	switch c.Intn(16) {
	case 0:
		return nil
	case 1:
		return []byte{}
	case 2:
		b := make([]byte, 64+c.Intn(256))
		c.Read(b)
		return b
	}
	b := make([]byte, c.Intn(24))
	c.Read(b)
	return b
}

// presence is the generated presence API of an attribute set.
type presence interface {
	Has(id uint16) bool
	SetPresent(id uint16)
	Unset(id uint16)
}

// isSet reports whether t is a generated attribute set: it declares the
// unexported presence bitset and the Unknown buffer itself (a message type
// only embeds its set).
func isSet(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	p, ok := t.FieldByName("present")
	if !ok || len(p.Index) != 1 || p.Type.Kind() != reflect.Array {
		return false
	}
	u, ok := t.FieldByName("Unknown")
	return ok && len(u.Index) == 1 && u.Type == reflect.TypeFor[[]byte]() &&
		reflect.PointerTo(t).Implements(reflect.TypeFor[presence]())
}

// setInfo is what the tests know about one attribute set type.
type setInfo struct {
	ids      []uint16    // attribute ids the set knows
	fields   []attrField // attributes with a field (not flags)
	repeated []attrField // repeated attributes: one per value of a slice
}

// attrField ties an attribute id to the field holding its value.
type attrField struct {
	id    uint16
	field string
}

var setInfoCache sync.Map // reflect.Type -> *setInfo

// describeSet probes set type t: its ids by calling SetPresent and Has on
// every id (the generated code masks the flag bits), and its repeated
// attributes by calling each variadic SetX() with no values and seeing
// which id turns present.
func describeSet(t reflect.Type) *setInfo {
	if si, ok := setInfoCache.Load(t); ok {
		return si.(*setInfo)
	}
	si := &setInfo{}
	p := reflect.New(t).Interface().(presence)
	for id := uint16(0); id <= nlwire.TypeMask; id++ {
		p.SetPresent(id)
		if p.Has(id) {
			si.ids = append(si.ids, id)
			p.Unset(id)
			if p.Has(id) {
				panic(fmt.Sprintf("%v: Unset(%d) did not clear presence", t, id))
			}
		}
	}
	// The setters tie ids to fields: SetX(v) sets field X and marks its
	// attribute present. A variadic SetX(v...) is a repeated attribute.
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		meth := pt.Method(i)
		name, ok := strings.CutPrefix(meth.Name, "Set")
		if !ok || name == "Present" || meth.Type.NumIn() != 2 {
			continue
		}
		f, ok := t.FieldByName(name)
		if !ok || len(f.Index) != 1 {
			continue
		}
		v := reflect.New(t)
		if meth.Type.IsVariadic() {
			v.Method(i).Call(nil)
		} else {
			v.Method(i).Call([]reflect.Value{reflect.Zero(meth.Type.In(1))})
		}
		for _, id := range si.ids {
			if v.Interface().(presence).Has(id) {
				si.fields = append(si.fields, attrField{id, name})
				if meth.Type.IsVariadic() && f.Type.Kind() == reflect.Slice {
					si.repeated = append(si.repeated, attrField{id, name})
				}
			}
		}
	}
	slices.SortFunc(si.fields, func(a, b attrField) int { return int(a.id) - int(b.id) })
	slices.SortFunc(si.repeated, func(a, b attrField) int { return int(a.id) - int(b.id) })
	setInfoCache.Store(t, si)
	return si
}

// walker sets presence and unknown attributes on every attribute set in a
// filled value, nests and records included.
type walker struct {
	fz   *gofuzz.Fuzzer
	mode fillMode
	// variant is the variant of every select attribute with fillAllPresent
	// (modulo their number); fuzzed otherwise.
	variant int
}

func (w *walker) u64() uint64 {
	var x uint64
	w.fz.Fuzz(&x)
	return x
}

func (w *walker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		set := isSet(v.Type())
		if set {
			w.set(v)
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			switch {
			case !f.IsExported():
			case set && selectBy(f) != "":
				w.selectField(v, f)
			default:
				w.walk(v.Field(i))
			}
		}
		if set {
			emptyAbsentNests(v)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			w.walk(v.Index(i))
		}
	}
}

// set chooses presence and the unknown attributes of one attribute set.
func (w *walker) set(v reflect.Value) {
	si := describeSet(v.Type())
	ids := si.ids
	p := v.Addr().Interface().(presence)
	var mask uint64
	switch {
	case w.mode == fillAllPresent:
		mask = ^uint64(0)
	default:
		switch sel := w.u64(); sel % 4 {
		case 0:
			mask = ^uint64(0)
		case 1:
			mask = 0
		default:
			mask = w.u64()
		}
	}
	for i, id := range ids {
		if i > 0 && i%64 == 0 && w.mode != fillAllPresent {
			mask = w.u64()
		}
		if mask&(1<<(i%64)) != 0 {
			p.SetPresent(id)
		}
	}
	// A repeated attribute is on the wire once per value: present with no
	// values has no encoding, so give it one.
	for _, r := range si.repeated {
		if f := v.FieldByName(r.field); p.Has(r.id) && f.Len() == 0 {
			e := reflect.New(f.Type().Elem())
			w.fz.Fuzz(e.Interface())
			f.Set(reflect.Append(f, e.Elem()))
		}
	}
	v.FieldByName("Unknown").SetBytes(w.unknown(ids))
}

// emptyAbsentNests zeroes the nests and selects of set v that are not
// marked present: encoding sends a nest (or a select whose variant) holds
// any attribute (setting an attribute of a nest marks it present), so only
// an empty one stays absent.
func emptyAbsentNests(v reflect.Value) {
	p := v.Addr().Interface().(presence)
	for _, f := range describeSet(v.Type()).fields {
		sf, _ := v.Type().FieldByName(f.field)
		fv := v.FieldByIndex(sf.Index)
		// A record that fills its attribute is sent once (tag nl:"max=1"):
		// more elements are not part of any wire form.
		if sf.Tag.Get("nl") == "max=1" && fv.Kind() == reflect.Slice && fv.Len() > 1 {
			fv.SetLen(1)
		}
		if (isSet(fv.Type()) || selectBy(sf) != "") && !p.Has(f.id) {
			fv.SetZero()
		}
	}
}

// unknown builds a run of well-formed attributes the set does not know.
func (w *walker) unknown(known []uint16) []byte {
	sel := w.u64()
	if w.mode != fillAllPresent && sel%2 == 0 {
		return nil
	}
	var b []byte
	for n := int(sel>>8) % 4; n >= 0; n-- {
		x := w.u64()
		typ := uint16(x)
		for tries := 0; isKnown(known, typ&nlwire.TypeMask); tries++ {
			if tries == 8 {
				typ = 0 // never known: ids start at 1 in rtnetlink
				if isKnown(known, 0) {
					return b
				}
				break
			}
			typ = uint16(w.u64())
		}
		var payload []byte
		w.fz.Fuzz(&payload)
		b = nlwire.AppendBytes(b, typ, payload)
	}
	return b
}

func isKnown(ids []uint16, id uint16) bool {
	for _, k := range ids {
		if k == id {
			return true
		}
	}
	return false
}
