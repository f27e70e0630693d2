package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// The model stage: every Go name, wire size, offset, presence bit and
// reference is decided here, once. Emitters only print what they find.

// scalar is a fixed-size integer wire type.
type scalar struct {
	Name     string // schema keyword: u8, be16, ...
	Size     int    // bytes on the wire
	GoType   string // uint8, int32, ...
	BE       bool   // network byte order
	Signed   bool
	Unsigned string // the unsigned Go type of its bits: uint8 ... uint64
	Get      string // nlwire getter (and Append suffix): U8, BE16, ...
	Put      string // encoding/binary store method; "" for one byte
	Read     string // encoding/binary load method; "" for one byte
	Order    string // encoding/binary byte order
	Append   string // nlwire's attribute appender: AppendU32, ...
}

func mkScalar(name string, size int, goType string, be, signed bool) scalar {
	bits := fmt.Sprint(8 * size)
	sc := scalar{Name: name, Size: size, GoType: goType, BE: be, Signed: signed,
		Unsigned: "uint" + bits, Get: "U" + bits, Order: "NativeEndian"}
	if be {
		sc.Get, sc.Order = "BE"+bits, "BigEndian"
	}
	if size > 1 {
		sc.Put, sc.Read = "PutUint"+bits, "Uint"+bits
	}
	sc.Append = "Append" + sc.Get
	return sc
}

var scalars = map[string]scalar{
	"u8":   mkScalar("u8", 1, "uint8", false, false),
	"u16":  mkScalar("u16", 2, "uint16", false, false),
	"u32":  mkScalar("u32", 4, "uint32", false, false),
	"u64":  mkScalar("u64", 8, "uint64", false, false),
	"s8":   mkScalar("s8", 1, "int8", false, true),
	"s16":  mkScalar("s16", 2, "int16", false, true),
	"s32":  mkScalar("s32", 4, "int32", false, true),
	"s64":  mkScalar("s64", 8, "int64", false, true),
	"be16": mkScalar("be16", 2, "uint16", true, false),
	"be32": mkScalar("be32", 4, "uint32", true, false),
	"be64": mkScalar("be64", 8, "uint64", true, false),
}

// uintScalar is the attribute type uint: a u32 or a u64 by payload length
// (the kernel's NLA_UINT; RTA_EXPIRES is a u32 for IPv6 unicast routes and a
// u64 in multicast-route dumps). Append writes 4 bytes when the value fits.
// It is an attribute type only, not a struct field or enum type.
var uintScalar = scalar{Name: "uint", Size: 8, GoType: "uint64", Unsigned: "uint64", Get: "Uint", Append: "AppendUint", Order: "NativeEndian"}

// attrHeaderLen is sizeof(struct nlattr).
const attrHeaderLen = 4

// align4 is NLA_ALIGN / NLMSG_ALIGN: n rounded up to a multiple of 4.
func align4(n int) int { return (n + 3) &^ 3 }

// Model is a resolved schema.
type Model struct {
	Enums    []*Enum
	Structs  []*Struct
	Sets     []*AttrSet
	Records  []*Record
	Messages []*Message
	// AttrConsts are the attribute type constants, by C name, each emitted
	// once even when several sets share it.
	AttrConsts []*Attr
	Selects    []*Select
}

// Enum is an enum or a flag set.
type Enum struct {
	GoName string
	Doc    string
	Flags  bool
	Scalar scalar
	Values []*EnumValue
	// NamesVar is the name table behind String and Parse.
	NamesVar string
	// Choices lists the texts, for Parse's error message.
	Choices string
	// Label names the enum in Parse errors ("family").
	Label string
	// ParseFunc is the name of the parser: Parse<GoName>.
	ParseFunc string
}

// EnumValue is one named value.
type EnumValue struct {
	CName string
	Value uint64
	Text  string // what String prints, as ip does
	Doc   string
	Enum  *Enum
}

// Struct is a fixed C struct.
type Struct struct {
	GoName   string
	Doc      string
	Size     int
	MinSize  int    // shortest payload accepted; fields past it are optional
	UnixSize string // name of unix.Sizeof* to check against, if any
	Fields   []*Field
	SizeName string // the Go constant holding Size: Sizeof<GoName>
	// MinSizeName holds MinSize: MinSizeof<GoName>, or SizeName when the
	// struct has no optional tail.
	MinSizeName string
	// Padded is Size rounded up to the attribute alignment: where the
	// attributes after a header start.
	Padded int
}

// Field is one member of a fixed struct.
type Field struct {
	GoName string
	Doc    string
	Scalar scalar
	Enum   *Enum // typed field, or nil
	Offset int
	Length bool // a record length the encoder fills; not a Go field
	// Text and JSON are the presentation names, as for an Attr.
	Text, JSON string
}

// GoType is the Go type of the field's value.
func (f *Field) GoType() string {
	if f.Enum != nil {
		return f.Enum.GoName
	}
	return f.Scalar.GoType
}

type attrKind int

const (
	kScalar attrKind = iota
	kFlag
	kString
	kBinary
	kAddr
	kVia
	kStruct
	kNest
	kRecords
	kArray  // a payload that is an array of fixed structs
	kSelect // a nest whose set a sibling attribute chooses (see Select)
)

// AttrSet is a set of attributes: a message's, a nest's or a record's.
type AttrSet struct {
	GoName string
	Doc    string
	Label  string // name used in file names, e.g. "route"
	// ErrName names the set in decode errors: the label, or the object
	// name of the message that owns the set ("nexthop", not "nexthop_obj").
	ErrName string
	Attrs   []*Attr
	Words   int // presence bitset length in uint64 words
	// IndexFunc maps an attribute type to its index; NamesVar is the
	// table of attribute names for errors.
	IndexFunc, NamesVar string
	// IndexTable is the array IndexFunc reads (index+1 by attribute type),
	// or "" when the types are too sparse for one and IndexFunc switches.
	IndexTable string
	// MaxID is the largest attribute type of the set.
	MaxID uint16
}

// maxIndexTable bounds the attribute types an index table covers.
const maxIndexTable = 1024

// Attr is one attribute of a set.
type Attr struct {
	CName      string
	GoName     string
	Doc        string
	ID         uint16
	Index      int // position in the set: presence bit and order index
	Kind       attrKind
	Scalar     scalar // kScalar
	Enum       *Enum  // kScalar with an enum type
	Struct     *Struct
	Nest       *AttrSet
	Record     *Record
	Select     *Select  // kSelect
	SelectBy   *Attr    // kSelect: the sibling holding the selector
	Alt        *AltType // kAddr: the type for one address family
	NestedFlag bool     // set NLA_F_NESTED when encoding
	Repeated   bool     // may occur many times: the field is a slice
	// Fixed is the encoded size of one occurrence, header and padding
	// included, for scalars, flags and structs; 0 when it varies.
	Fixed int
	// Setter is the name of the Set method.
	Setter string
	// DecodeFunc and SizeFunc are the set's helpers for a records
	// attribute.
	DecodeFunc, SizeFunc string
	// Text and JSON are the presentation names: the word ip prints
	// before the value ("" when it stands alone) and the key ip -j prints
	// ("" when the schema declares none).
	Text, JSON string
}

// Record is a length-prefixed fixed header followed by attributes, repeated
// inside one attribute (struct rtnexthop in RTA_MULTIPATH).
type Record struct {
	GoName string
	Doc    string
	Header *Struct
	Attrs  *AttrSet
	// Whole: the header has no length field, so one record fills the
	// attribute (VETH_INFO_PEER: struct ifinfomsg and IFLA_* attributes).
	Whole bool
}

// Message is a netlink message: a fixed header and an attribute set, with
// the metadata tools need to request, watch and name it.
type Message struct {
	GoName string
	Doc    string
	// Label is the stable object name ("route", "nexthop"): in decode
	// errors, MessageInfo.Name and output.
	Label  string
	Header *Struct
	Attrs  *AttrSet
	Family *Field // header field holding the address family, or nil
	New    *EnumValue
	Del    *EnumValue
	Get    *EnumValue
	Groups []*Group
	Genl   string // generic netlink family name (its id is the message type), or ""
	// Words are the command-line words naming the object, Label first.
	Words []string
	// Monitor is the word `ip monitor` uses for the object's groups.
	Monitor string
	// DumpFlags are a dump request's flags besides NLM_F_REQUEST.
	DumpFlags uint16
	// Index is the message's position in Messages.
	Index int
	// Compact are the attributes of the owned compact form, or nil when
	// the message has none (see model_compact.go).
	Compact []*Attr
}

// Group is a multicast group that carries a message.
type Group struct {
	Value   *EnumValue
	Family  *EnumValue // the address family its notifications carry, or nil
	Default bool       // a monitor joins it unless told otherwise
}

// nlmDump is NLM_F_DUMP (NLM_F_ROOT|NLM_F_MATCH), the dump flags of a
// message with a get type when the schema names none.
const nlmDump = 0x300

type resolver struct {
	m       *Model
	diags   hcl.Diagnostics
	enums   map[string]*Enum
	values  map[string]*EnumValue
	structs map[string]*Struct
	sets    map[string]*AttrSet
	records map[string]*Record
	selects map[string]*Select
	consts  map[string]*Attr
	goNames map[string]hcl.Range
	setASTs map[string]*attrsAST
	objects map[string]string // object names and words -> message
}

func (r *resolver) errorf(rng hcl.Range, summary, format string, args ...any) {
	r.diags = append(r.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
		Subject:  rng.Ptr(),
	})
}

// declare reserves a package-level Go name.
func (r *resolver) declare(name string, rng hcl.Range) bool {
	if !isExported(name) {
		r.errorf(rng, "Invalid name", "%q is not an exported Go identifier.", name)
		return false
	}
	if prev, ok := r.goNames[name]; ok {
		r.errorf(rng, "Duplicate name", "%s is already declared at %s.", name, prev)
		return false
	}
	r.goNames[name] = rng
	return true
}

// resolve builds the model from parsed files. It never panics on a schema
// mistake: every problem becomes a diagnostic with the schema position.
func resolve(files []*fileAST) (*Model, hcl.Diagnostics) {
	r := &resolver{
		m:       &Model{},
		enums:   map[string]*Enum{},
		values:  map[string]*EnumValue{},
		structs: map[string]*Struct{},
		sets:    map[string]*AttrSet{},
		records: map[string]*Record{},
		selects: map[string]*Select{},
		consts:  map[string]*Attr{},
		goNames: map[string]hcl.Range{},
		setASTs: map[string]*attrsAST{},
		objects: map[string]string{},
	}
	for _, f := range files {
		for i := range f.Enums {
			r.enum(&f.Enums[i], false)
		}
		for i := range f.Flags {
			r.enum(&f.Flags[i], true)
		}
	}
	for _, f := range files {
		for i := range f.Structs {
			r.structDecl(&f.Structs[i])
		}
	}
	// Sets and records refer to each other: declare all names first.
	labels := map[string]string{}
	for _, f := range files {
		for i := range f.Attrs {
			a := &f.Attrs[i]
			if !r.declare(a.Name, a.Range) {
				continue
			}
			s := &AttrSet{GoName: a.Name, Doc: a.Doc, Label: label(a.Name)}
			s.ErrName = s.Label
			s.IndexFunc, s.NamesVar = unexport(a.Name)+"Index", unexport(a.Name)+"Names"
			if prev, dup := labels[s.Label]; dup {
				r.errorf(a.Range, "Duplicate set label", "attrs %s and %s both become %q in file names and errors; rename one.", prev, a.Name, s.Label)
				continue
			}
			labels[s.Label] = a.Name
			r.sets[a.Name] = s
			r.setASTs[a.Name] = a
			r.m.Sets = append(r.m.Sets, s)
		}
		for i := range f.Records {
			a := &f.Records[i]
			if !r.declare(a.Name, a.Range) {
				continue
			}
			rec := &Record{GoName: a.Name, Doc: a.Doc}
			r.records[a.Name] = rec
			r.m.Records = append(r.m.Records, rec)
		}
	}
	for _, f := range files {
		for i := range f.Selects {
			r.selectDecl(&f.Selects[i])
		}
	}
	for _, f := range files {
		for i := range f.Records {
			r.record(&f.Records[i])
		}
		for i := range f.Attrs {
			r.attrSet(&f.Attrs[i])
		}
		for i := range f.Messages {
			r.message(&f.Messages[i])
		}
	}
	r.checkCycles()
	sort.Slice(r.m.AttrConsts, func(i, j int) bool { return r.m.AttrConsts[i].CName < r.m.AttrConsts[j].CName })
	return r.m, r.diags
}

func (r *resolver) enum(a *enumAST, flags bool) {
	if !r.declare(a.Name, a.Range) {
		return
	}
	kw, d := required(a.Type, "type")
	r.diags = append(r.diags, d...)
	sc, ok := scalars[kw]
	if kw != "" && (!ok || sc.BE || sc.Signed) {
		r.errorf(a.Type.Range(), "Unknown type", "An enum's type must be u8, u16, u32 or u64, not %q.", kw)
		return
	}
	if !ok {
		return
	}
	e := &Enum{GoName: a.Name, Doc: a.Doc, Flags: flags, Scalar: sc}
	max := uint64(1)<<(8*sc.Size) - 1
	if sc.Size == 8 {
		max = ^uint64(0)
	}
	prefix := commonPrefix(a.Values)
	seen := map[uint64]string{}
	texts := map[string]string{}
	for i := range a.Values {
		v := &a.Values[i]
		n, d := number(v.ID, max)
		r.diags = append(r.diags, d...)
		if d.HasErrors() {
			continue
		}
		if !r.declare(v.Name, v.Range) {
			continue
		}
		if flags && (n == 0 || n&(n-1) != 0) {
			r.errorf(v.ID.Range(), "Invalid flag", "%s = %#x: a flag value must be a single bit.", v.Name, n)
			continue
		}
		if prev, dup := seen[n]; dup {
			r.errorf(v.ID.Range(), "Duplicate value", "%s has the value %d of %s.", v.Name, n, prev)
			continue
		}
		seen[n] = v.Name
		text := v.Text
		if text == "" {
			text = strings.ToLower(strings.TrimPrefix(v.Name, prefix))
			if a.Upper {
				text = strings.ToUpper(text)
			}
		}
		lt, lc := strings.ToLower(text), strings.ToLower(v.Name)
		if prev, dup := texts[lt]; dup {
			r.errorf(v.Range, "Duplicate text", "%s prints as %q, which Parse would also read as %s; set text = \"...\".", v.Name, text, prev)
			continue
		}
		if prev, dup := texts[lc]; dup && prev != v.Name {
			r.errorf(v.Range, "Duplicate text", "%s's C name reads as %s's text %q; set text = \"...\" on one of them.", v.Name, prev, lc)
			continue
		}
		texts[lt] = v.Name
		texts[lc] = v.Name
		ev := &EnumValue{CName: v.Name, Value: n, Text: text, Doc: v.Doc, Enum: e}
		e.Values = append(e.Values, ev)
		r.values[v.Name] = ev
	}
	e.NamesVar = unexport(e.GoName) + "Names"
	e.ParseFunc = "Parse" + e.GoName
	e.Label = label(e.GoName)
	var choices []string
	for _, v := range e.Values {
		choices = append(choices, v.Text)
	}
	e.Choices = strings.Join(choices, ", ")
	if !flags {
		// String finds a value by binary search.
		sort.SliceStable(e.Values, func(i, j int) bool { return e.Values[i].Value < e.Values[j].Value })
	}
	r.enums[a.Name] = e
	r.m.Enums = append(r.m.Enums, e)
}

// commonPrefix is the longest prefix ending in '_' shared by all value names.
func commonPrefix(vs []valueAST) string {
	if len(vs) == 0 {
		return ""
	}
	p := vs[0].Name
	if len(vs) == 1 {
		if i := strings.LastIndexByte(p, '_'); i >= 0 {
			return p[:i+1]
		}
		return ""
	}
	for _, v := range vs[1:] {
		for !strings.HasPrefix(v.Name, p) {
			p = p[:len(p)-1]
		}
	}
	if i := strings.LastIndexByte(p, '_'); i >= 0 {
		return p[:i+1]
	}
	return ""
}

func (r *resolver) structDecl(a *structAST) {
	if !r.declare(a.Name, a.Range) {
		return
	}
	s := &Struct{GoName: a.Name, Doc: a.Doc, UnixSize: a.Unix}
	off, maxAlign := 0, 1
	names := map[string]bool{}
	for i := range a.Fields {
		f := &a.Fields[i]
		if !isExported(f.Name) {
			r.errorf(f.Range, "Invalid name", "Field %q is not an exported Go identifier.", f.Name)
			continue
		}
		if names[f.Name] {
			r.errorf(f.Range, "Duplicate field", "Field %s is declared twice in %s.", f.Name, a.Name)
			continue
		}
		names[f.Name] = true
		kw, d := required(f.Type, "type")
		r.diags = append(r.diags, d...)
		fd := &Field{GoName: f.Name, Doc: f.Doc, Length: f.Length, Text: f.Text, JSON: f.JSON}
		if fd.Text != "" && fd.JSON == "" {
			r.errorf(f.Range, "Missing json name", "%s.%s: text = %q needs json = \"...\" too: ip -j names every field ip prints.", a.Name, f.Name, fd.Text)
		}
		if sc, ok := scalars[kw]; ok {
			fd.Scalar = sc
		} else if e, ok := r.enums[kw]; ok {
			fd.Scalar, fd.Enum = e.Scalar, e
		} else {
			if kw != "" {
				r.errorf(f.Type.Range(), "Unknown type", "%q is neither a scalar type (u8, u16, u32, u64, s8..s64, be16, be32) nor an enum declared in the schema.", kw)
			}
			continue
		}
		if f.Length && (fd.Scalar.Size != 2 || i != 0) {
			r.errorf(f.Range, "Invalid length field", "A length field must be the first field and a u16.")
			continue
		}
		align := fd.Scalar.Size
		off = (off + align - 1) &^ (align - 1)
		fd.Offset = off
		off += fd.Scalar.Size
		if align > maxAlign {
			maxAlign = align
		}
		s.Fields = append(s.Fields, fd)
	}
	s.Size = (off + maxAlign - 1) &^ (maxAlign - 1)
	s.MinSize = s.Size
	s.SizeName, s.MinSizeName = "Sizeof"+a.Name, "Sizeof"+a.Name
	s.Padded = align4(s.Size)
	if a.Min != 0 {
		ok := a.Min > 0 && a.Min <= s.Size
		for _, f := range s.Fields {
			if f.Offset < a.Min && f.Offset+f.Scalar.Size > a.Min {
				ok = false
			}
		}
		if !ok {
			r.errorf(a.Range, "Invalid min_size", "%s: min_size = %d must be between 1 and %d and fall between fields.", a.Name, a.Min, s.Size)
		} else if a.Min != s.Size {
			s.MinSize = a.Min
			s.MinSizeName = "MinSizeof" + a.Name
		}
	}
	r.structs[a.Name] = s
	r.m.Structs = append(r.m.Structs, s)
}

func (r *resolver) record(a *recordAST) {
	rec := r.records[a.Name]
	if rec == nil {
		return
	}
	hdr, d := required(a.Header, "header")
	r.diags = append(r.diags, d...)
	if s, ok := r.structs[hdr]; ok {
		rec.Header = s
		// Without a length field in front, the record is the whole attribute.
		rec.Whole = len(s.Fields) == 0 || !s.Fields[0].Length
	} else if hdr != "" {
		r.errorf(a.Header.Range(), "Unknown struct", "Record %s: no struct named %q.", a.Name, hdr)
	}
	set, d := required(a.Attrs, "attrs")
	r.diags = append(r.diags, d...)
	if s, ok := r.sets[set]; ok {
		rec.Attrs = s
	} else if set != "" {
		r.errorf(a.Attrs.Range(), "Unknown attribute set", "Record %s: no attrs block named %q.", a.Name, set)
	}
}

func (r *resolver) attrSet(a *attrsAST) {
	s := r.sets[a.Name]
	if s == nil {
		return
	}
	ids := map[uint16]string{}
	fields := map[string]bool{"Unknown": true}
	for i := range a.Attrs {
		aa := &a.Attrs[i]
		id, d := number(aa.ID, 1<<14-1)
		r.diags = append(r.diags, d...)
		if d.HasErrors() {
			continue
		}
		if prev, dup := ids[uint16(id)]; dup {
			r.errorf(aa.ID.Range(), "Duplicate attribute id", "%s has id %d, already used by %s in %s.", aa.Name, id, prev, a.Name)
			continue
		}
		ids[uint16(id)] = aa.Name
		at := &Attr{CName: aa.Name, Doc: aa.Doc, ID: uint16(id), NestedFlag: aa.Nested, Repeated: aa.Repeat, Text: aa.Text, JSON: aa.JSON}
		at.GoName = aa.Go
		if at.GoName == "" {
			at.GoName = goName(aa.Name, a.Prefix)
		}
		if !isExported(at.GoName) || reservedField[at.GoName] {
			r.errorf(aa.Range, "Invalid Go name", "%s: %q cannot be a field name; set go = \"...\".", aa.Name, at.GoName)
			continue
		}
		if fields[at.GoName] {
			r.errorf(aa.Range, "Duplicate Go name", "%s: field %s already exists in %s; set go = \"...\".", aa.Name, at.GoName, a.Name)
			continue
		}
		if rest, ok := strings.CutPrefix(at.GoName, "Set"); (ok && fields[rest]) || fields["Set"+at.GoName] {
			r.errorf(aa.Range, "Invalid Go name", "%s: field %s and a setter Set%s would collide; set go = \"...\".", aa.Name, at.GoName, strings.TrimPrefix(at.GoName, "Set"))
			continue
		}
		if at.Text != "" && at.JSON == "" {
			r.errorf(aa.Range, "Missing json name", "%s: text = %q needs json = \"...\" too: ip -j names every field ip prints.", aa.Name, at.Text)
			continue
		}
		fields[at.GoName] = true
		if !r.attrType(aa, at) {
			continue
		}
		if !r.byFamily(aa, at, fields) {
			continue
		}
		if at.Repeated && at.Kind != kScalar && at.Kind != kString && at.Kind != kAddr {
			r.errorf(aa.Range, "Invalid repeated attribute", "%s: repeated = true is supported for scalar, string and addr attributes.", aa.Name)
			continue
		}
		if prev, ok := r.consts[aa.Name]; ok {
			if prev.ID != at.ID {
				r.errorf(aa.ID.Range(), "Conflicting attribute id", "%s is %d here but %d in another set.", aa.Name, at.ID, prev.ID)
				continue
			}
		} else {
			if !r.declare(aa.Name, aa.Range) {
				continue
			}
			r.consts[aa.Name] = at
			r.m.AttrConsts = append(r.m.AttrConsts, at)
		}
		at.Index = len(s.Attrs)
		at.Setter = "Set" + at.GoName
		if at.Kind == kRecords {
			at.DecodeFunc, at.SizeFunc = "decode"+at.GoName, "size"+at.GoName
		}
		switch at.Kind {
		case kScalar:
			at.Fixed = align4(attrHeaderLen + at.Scalar.Size)
			if at.Scalar.Name == uintScalar.Name {
				at.Fixed = 0 // 4 or 8 bytes by value
			}
		case kFlag:
			at.Fixed = attrHeaderLen
		case kStruct:
			at.Fixed = align4(attrHeaderLen + at.Struct.Size)
		}
		s.Attrs = append(s.Attrs, at)
	}
	if len(s.Attrs) >= 255 {
		r.errorf(a.Range, "Too many attributes", "%s has %d attributes; at most 254 fit the order index.", a.Name, len(s.Attrs))
	}
	s.Words = (len(s.Attrs) + 63) / 64
	if s.Words == 0 {
		s.Words = 1
	}
	for _, at := range s.Attrs {
		s.MaxID = max(s.MaxID, at.ID)
	}
	if s.MaxID < maxIndexTable {
		s.IndexTable = unexport(a.Name) + "Indexes"
	}
	r.selectors(a, s)
}

// reservedField are names the generated set type uses itself.
var reservedField = map[string]bool{"Unknown": true, "Header": true, "Has": true, "Unset": true, "Equal": true, "Present": true, "Attrs": true, "Attr": true, "MessageInfo": true}

func (r *resolver) attrType(aa *attrAST, at *Attr) bool {
	kw, d := required(aa.Type, "type")
	r.diags = append(r.diags, d...)
	if kw == "" {
		return false
	}
	ref := func(expr hcl.Expression, what string) string {
		name, d := keyword(expr, what)
		r.diags = append(r.diags, d...)
		if name == "" && !d.HasErrors() {
			r.errorf(aa.Range, "Missing "+what, "%s of type %s needs %s = NAME.", aa.Name, kw, what)
		}
		return name
	}
	switch kw {
	case "flag":
		at.Kind = kFlag
	case "string":
		at.Kind = kString
	case "binary":
		at.Kind = kBinary
	case "addr":
		at.Kind = kAddr
	case "via":
		at.Kind = kVia
	case "struct", "array":
		at.Kind = kStruct
		if kw == "array" {
			at.Kind = kArray
		}
		name := ref(aa.Struct, "struct")
		if name == "" {
			return false
		}
		if at.Struct = r.structs[name]; at.Struct == nil {
			r.errorf(aa.Struct.Range(), "Unknown struct", "%s: no struct named %q.", aa.Name, name)
			return false
		}
		if at.Struct.Size == 0 {
			r.errorf(aa.Struct.Range(), "Empty struct", "%s: struct %s has no fields.", aa.Name, name)
			return false
		}
	case "nest":
		at.Kind = kNest
		name := ref(aa.Attrs, "attrs")
		if name == "" {
			return false
		}
		if at.Nest = r.sets[name]; at.Nest == nil {
			r.errorf(aa.Attrs.Range(), "Unknown attribute set", "%s: no attrs block named %q.", aa.Name, name)
			return false
		}
	case "select":
		at.Kind = kSelect
		name := ref(aa.Select, "select")
		if name == "" {
			return false
		}
		if at.Select = r.selects[name]; at.Select == nil {
			r.errorf(aa.Select.Range(), "Unknown select", "%s: no select block named %q.", aa.Name, name)
			return false
		}
	case "records":
		at.Kind = kRecords
		name := ref(aa.Record, "record")
		if name == "" {
			return false
		}
		if at.Record = r.records[name]; at.Record == nil {
			r.errorf(aa.Record.Range(), "Unknown record", "%s: no record block named %q.", aa.Name, name)
			return false
		}
	case uintScalar.Name:
		if at.Repeated {
			r.errorf(aa.Range, "Invalid repeated attribute", "%s: repeated = true is not supported for uint attributes.", aa.Name)
			return false
		}
		at.Kind, at.Scalar = kScalar, uintScalar
	default:
		if sc, ok := scalars[kw]; ok {
			at.Kind, at.Scalar = kScalar, sc
		} else if e, ok := r.enums[kw]; ok {
			at.Kind, at.Scalar, at.Enum = kScalar, e.Scalar, e
		} else {
			r.errorf(aa.Type.Range(), "Unknown type", "%s: %q is not an attribute type (u8..u64, s8..s64, be16, be32, uint, flag, string, binary, addr, via, struct, array, nest, select, records) nor an enum declared in the schema.", aa.Name, kw)
			return false
		}
	}
	return true
}

func (r *resolver) message(a *messageAST) {
	if !r.declare(a.Name, a.Range) {
		return
	}
	m := &Message{GoName: a.Name, Doc: a.Doc, Label: label(a.Name)}
	if a.Object != "" {
		m.Label = a.Object
	}
	if !isWord(m.Label) {
		r.errorf(a.Range, "Invalid object name", "Message %s: object = %q must be a lower-case word (a-z, 0-9, _).", a.Name, m.Label)
		return
	}
	if prev, dup := r.objects[m.Label]; dup {
		r.errorf(a.Range, "Duplicate object name", "Messages %s and %s are both the object %q; set object = \"...\".", prev, a.Name, m.Label)
		return
	}
	r.objects[m.Label] = a.Name
	m.Words = []string{m.Label}
	m.Monitor = a.Monitor
	for i, w := range append(slices.Clone(a.Words), a.Monitor) {
		if w == "" || w == m.Label {
			continue
		}
		if !isWord(w) {
			r.errorf(a.Range, "Invalid word", "Message %s: %q must be a lower-case word (a-z, 0-9, _).", a.Name, w)
		} else if prev, dup := r.objects[w]; dup && prev != a.Name {
			r.errorf(a.Range, "Duplicate word", "Message %s: the word %q already names %s.", a.Name, w, prev)
		} else {
			r.objects[w] = a.Name
			// The monitor word (last) is not a word for the object
			// unless words lists it too.
			if i < len(a.Words) && !slices.Contains(m.Words, w) {
				m.Words = append(m.Words, w)
			}
		}
	}
	hdr, d := required(a.Header, "header")
	r.diags = append(r.diags, d...)
	if m.Header = r.structs[hdr]; m.Header == nil && hdr != "" {
		r.errorf(a.Header.Range(), "Unknown struct", "Message %s: no struct named %q.", a.Name, hdr)
	}
	set, d := required(a.Attrs, "attrs")
	r.diags = append(r.diags, d...)
	if m.Attrs = r.sets[set]; m.Attrs == nil && set != "" {
		r.errorf(a.Attrs.Range(), "Unknown attribute set", "Message %s: no attrs block named %q.", a.Name, set)
	}
	if m.Header == nil || m.Attrs == nil {
		return
	}
	if m.Attrs.ErrName == m.Attrs.Label {
		m.Attrs.ErrName = m.Label
	}
	if fam, d := keyword(a.Family, "family"); fam != "" {
		for _, f := range m.Header.Fields {
			if f.GoName == fam {
				m.Family = f
			}
		}
		if m.Family == nil || m.Family.Scalar.Size != 1 {
			r.errorf(a.Family.Range(), "Invalid family field", "Message %s: family must name a u8 field of %s.", a.Name, m.Header.GoName)
		}
	} else {
		r.diags = append(r.diags, d...)
	}
	val := func(expr hcl.Expression, what string) *EnumValue {
		name, d := keyword(expr, what)
		r.diags = append(r.diags, d...)
		if name == "" {
			return nil
		}
		v := r.values[name]
		if v == nil {
			r.errorf(expr.Range(), "Unknown value", "Message %s: %s = %s does not name an enum value.", a.Name, what, name)
		}
		return v
	}
	m.New, m.Del, m.Get = val(a.New, "new"), val(a.Del, "del"), val(a.Get, "get")
	if m.Get != nil {
		m.DumpFlags = nlmDump
	}
	if !isAbsent(a.DumpFlags) {
		n, d := number(a.DumpFlags, 0xffff)
		r.diags = append(r.diags, d...)
		m.DumpFlags = uint16(n)
	}
	m.Groups = r.groups(a, m)
	m.Compact = r.compact(a, m)
	r.genlMessage(a, m)
	m.Index = len(r.m.Messages)
	r.m.Messages = append(r.m.Messages, m)
}

// groups resolves a message's multicast groups: `groups = [...]` (each a
// default group, no family) or group blocks, not both.
func (r *resolver) groups(a *messageAST, m *Message) []*Group {
	names, ranges, d := keywords(a.Groups, "group")
	r.diags = append(r.diags, d...)
	if len(names) > 0 && len(a.GroupBlocks) > 0 {
		r.errorf(a.Groups.Range(), "Conflicting groups", "Message %s: use either groups = [...] or group blocks, not both.", a.Name)
		return nil
	}
	var out []*Group
	seen := map[*EnumValue]bool{}
	add := func(name string, rng hcl.Range) *Group {
		v := r.values[name]
		if v == nil {
			r.errorf(rng, "Unknown value", "Message %s: group %s does not name an enum value.", a.Name, name)
			return nil
		}
		if seen[v] {
			r.errorf(rng, "Duplicate group", "Message %s: group %s is listed twice.", a.Name, name)
			return nil
		}
		seen[v] = true
		g := &Group{Value: v, Default: true}
		out = append(out, g)
		return g
	}
	for i, n := range names {
		add(n, ranges[i])
	}
	for i := range a.GroupBlocks {
		gb := &a.GroupBlocks[i]
		g := add(gb.Name, gb.Range)
		if g == nil {
			continue
		}
		g.Default = gb.Default
		fam, d := keyword(gb.Family, "family")
		r.diags = append(r.diags, d...)
		if fam == "" {
			continue
		}
		v := r.values[fam]
		switch {
		case v == nil:
			r.errorf(gb.Family.Range(), "Unknown value", "Message %s: group %s: family %s does not name an enum value.", a.Name, gb.Name, fam)
		case m.Family == nil:
			r.errorf(gb.Family.Range(), "Invalid family", "Message %s: group %s names a family, but the message has no family field.", a.Name, gb.Name)
		case m.Family.Enum != nil && v.Enum != m.Family.Enum:
			r.errorf(gb.Family.Range(), "Invalid family", "Message %s: group %s: %s is not a value of %s, the type of the family field.", a.Name, gb.Name, fam, m.Family.Enum.GoName)
		case v.Value > 0xff:
			r.errorf(gb.Family.Range(), "Invalid family", "Message %s: group %s: family %s = %d does not fit a u8.", a.Name, gb.Name, fam, v.Value)
		default:
			g.Family = v
		}
	}
	return out
}

// isWord reports whether s is a lower-case word: a-z, 0-9 and '_', starting
// with a letter.
func isWord(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// checkCycles rejects a nest that contains itself by value, which Go cannot
// represent as a struct field.
func (r *resolver) checkCycles() {
	state := map[*AttrSet]int{}
	var visit func(s *AttrSet) bool
	visit = func(s *AttrSet) bool {
		switch state[s] {
		case 1:
			return false
		case 2:
			return true
		}
		state[s] = 1
		for _, a := range s.Attrs {
			var inner []*AttrSet
			switch a.Kind {
			case kNest:
				inner = []*AttrSet{a.Nest}
			case kSelect:
				for _, v := range a.Select.Variants {
					inner = append(inner, v.Attrs)
				}
			}
			if slices.ContainsFunc(inner, func(n *AttrSet) bool { return !visit(n) }) {
				if ast := r.setASTs[s.GoName]; ast != nil {
					r.errorf(ast.Range, "Recursive nest", "%s contains itself through %s.", s.GoName, a.CName)
				}
				state[s] = 2
				return true
			}
		}
		state[s] = 2
		return true
	}
	for _, s := range r.m.Sets {
		visit(s)
	}
}
