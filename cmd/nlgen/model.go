package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// The model stage: every Go name, wire size, offset, presence bit and
// reference is decided here, once. Emitters only print what they find.

// scalar is a fixed-size integer wire type.
type scalar struct {
	Name   string // schema keyword: u8, be16, ...
	Size   int    // bytes on the wire
	GoType string // uint8, int32, ...
	BE     bool   // network byte order
	Signed bool
}

var scalars = map[string]scalar{
	"u8":   {"u8", 1, "uint8", false, false},
	"u16":  {"u16", 2, "uint16", false, false},
	"u32":  {"u32", 4, "uint32", false, false},
	"u64":  {"u64", 8, "uint64", false, false},
	"s8":   {"s8", 1, "int8", false, true},
	"s16":  {"s16", 2, "int16", false, true},
	"s32":  {"s32", 4, "int32", false, true},
	"s64":  {"s64", 8, "int64", false, true},
	"be16": {"be16", 2, "uint16", true, false},
	"be32": {"be32", 4, "uint32", true, false},
	"be64": {"be64", 8, "uint64", true, false},
}

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
}

// Enum is an enum or a flag set.
type Enum struct {
	GoName string
	Doc    string
	Flags  bool
	Scalar scalar
	Values []*EnumValue
	Pos    hcl.Range
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
}

// Field is one member of a fixed struct.
type Field struct {
	GoName string
	Doc    string
	Scalar scalar
	Enum   *Enum // typed field, or nil
	Offset int
	Length bool // a record length the encoder fills; not a Go field
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
	kArray // a payload that is an array of fixed structs
)

// AttrSet is a set of attributes: a message's, a nest's or a record's.
type AttrSet struct {
	GoName string
	Doc    string
	Label  string // name used in decode errors, e.g. "route"
	Attrs  []*Attr
	Words  int // presence bitset length in uint64 words
}

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
	NestedFlag bool // set NLA_F_NESTED when encoding
	Repeated   bool // may occur many times: the field is a slice
}

// Record is a length-prefixed fixed header followed by attributes, repeated
// inside one attribute (struct rtnexthop in RTA_MULTIPATH).
type Record struct {
	GoName string
	Doc    string
	Header *Struct
	Attrs  *AttrSet
}

// Message is an rtnetlink message: a fixed header and an attribute set.
type Message struct {
	GoName string
	Doc    string
	Label  string
	Header *Struct
	Attrs  *AttrSet
	Family *Field // header field holding the address family, or nil
	New    *EnumValue
	Del    *EnumValue
	Get    *EnumValue
	Groups []*EnumValue
	Genl   string // generic netlink family name (its id is the message type), or ""
}

type resolver struct {
	m       *Model
	diags   hcl.Diagnostics
	enums   map[string]*Enum
	values  map[string]*EnumValue
	structs map[string]*Struct
	sets    map[string]*AttrSet
	records map[string]*Record
	consts  map[string]*Attr
	goNames map[string]hcl.Range
	setASTs map[string]*attrsAST
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
		consts:  map[string]*Attr{},
		goNames: map[string]hcl.Range{},
		setASTs: map[string]*attrsAST{},
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
	e := &Enum{GoName: a.Name, Doc: a.Doc, Flags: flags, Scalar: sc, Pos: a.Range}
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
		fd := &Field{GoName: f.Name, Doc: f.Doc, Length: f.Length}
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
	if a.Min != 0 {
		ok := a.Min > 0 && a.Min <= s.Size
		for _, f := range s.Fields {
			if f.Offset < a.Min && f.Offset+f.Scalar.Size > a.Min {
				ok = false
			}
		}
		if !ok {
			r.errorf(a.Range, "Invalid min_size", "%s: min_size = %d must be between 1 and %d and fall between fields.", a.Name, a.Min, s.Size)
		} else {
			s.MinSize = a.Min
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
		if len(s.Fields) == 0 || !s.Fields[0].Length {
			r.errorf(a.Header.Range(), "Invalid record header", "The header of a record must start with a u16 field marked length = true.")
		}
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
		at := &Attr{CName: aa.Name, Doc: aa.Doc, ID: uint16(id), NestedFlag: aa.Nested, Repeated: aa.Repeat}
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
		fields[at.GoName] = true
		if !r.attrType(aa, at) {
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
		s.Attrs = append(s.Attrs, at)
	}
	if len(s.Attrs) >= 255 {
		r.errorf(a.Range, "Too many attributes", "%s has %d attributes; at most 254 fit the order index.", a.Name, len(s.Attrs))
	}
	s.Words = (len(s.Attrs) + 63) / 64
	if s.Words == 0 {
		s.Words = 1
	}
}

// reservedField are names the generated set type uses itself.
var reservedField = map[string]bool{"Unknown": true, "Header": true, "Has": true, "Unset": true, "Equal": true, "Present": true, "Attrs": true, "Attr": true}

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
	default:
		if sc, ok := scalars[kw]; ok {
			at.Kind, at.Scalar = kScalar, sc
		} else if e, ok := r.enums[kw]; ok {
			at.Kind, at.Scalar, at.Enum = kScalar, e.Scalar, e
		} else {
			r.errorf(aa.Type.Range(), "Unknown type", "%s: %q is not an attribute type (u8..u64, s8..s64, be16, be32, flag, string, binary, addr, via, struct, array, nest, records) nor an enum declared in the schema.", aa.Name, kw)
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
	names, ranges, d := keywords(a.Groups, "group")
	r.diags = append(r.diags, d...)
	for i, n := range names {
		v := r.values[n]
		if v == nil {
			r.errorf(ranges[i], "Unknown value", "Message %s: group %s does not name an enum value.", a.Name, n)
			continue
		}
		m.Groups = append(m.Groups, v)
	}
	r.genlMessage(a, m)
	r.m.Messages = append(r.m.Messages, m)
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
			if a.Kind == kNest && !visit(a.Nest) {
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
