package main

import (
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
)

// genCompact prints a message's owned compact form (see model_compact.go):
// the type, Set (from the message), Message (back) and Has.
func genCompact(f *jen.File, m *Message) {
	if len(m.Compact) == 0 {
		return
	}
	name := m.GoName + "Compact"
	set := m.Attrs
	k := len(m.Compact)
	presT := "uint8"
	if k > 8 {
		presT = "uint16"
	}
	bitOf := map[*Attr]int{}
	var cnames []string
	for i, a := range m.Compact {
		bitOf[a] = i
		cnames = append(cnames, a.CName)
	}
	// cbit is the compact presence mask of a.
	cbit := func(a *Attr) *jen.Statement { return rawNum(uint64(1)<<uint(bitOf[a]), true) }
	list := strings.Join(cnames, ", ")

	f.Commentf("%s is %s in its owned compact form, for values kept rather than", name, m.GoName)
	f.Commentf("streamed. The attributes nearly every message carries, the schema's")
	f.Commentf("compact list,")
	f.Commentf("")
	f.Commentf("\t%s", list)
	f.Commentf("")
	f.Commentf("are plain fields, with their presence and wire order. A message that")
	f.Commentf("carried anything else (another attribute, unknown or malformed bytes)")
	f.Commentf("also keeps its whole attribute set behind one pointer, so %s gives back", m.GoName)
	f.Commentf("exactly what was decoded. Build one with Set or %s.Compact; it shares no", m.GoName)
	f.Commentf("memory with the message it was set from.")
	fields := []jen.Code{
		jen.Id("rest").Op("*").Id(set.GoName).Comment("the whole set, when the message had more than the plain fields hold; or nil"),
	}
	// The header goes before the first field aligned to 4 or less.
	cf := compactFields(m)
	hdr := slices.IndexFunc(cf, func(a *Attr) bool { return compactAlign(a) <= 4 })
	if hdr < 0 {
		hdr = len(cf)
	}
	for i := 0; i <= len(cf); i++ {
		if i == hdr {
			fields = append(fields, jen.Comment("Header is the message's fixed header.").Line().Id("Header").Id(m.Header.GoName))
		}
		if i < len(cf) {
			fields = append(fields, jen.Comment(attrDoc(cf[i])).Line().Id(cf[i].GoName).Add(fieldType(cf[i])))
		}
	}
	fields = append(fields,
		jen.Id("present").Id(presT).Comment("bit i: the compact list's attribute i"),
		jen.Id("orderN").Uint8(),
		jen.Id("order").Index(jen.Lit(k)).Uint8().Comment("the attributes' order on the wire, as set indexes"),
	)
	f.Type().Id(name).Struct(fields...)

	recv := func() *jen.Statement { return jen.Id("c").Op("*").Id(name) }

	// Set.
	var body []jen.Code
	vals := jen.Dict{jen.Id("Header"): jen.Id("m").Dot("Header")}
	for _, a := range m.Compact {
		vals[jen.Id(a.GoName)] = jen.Id("s").Dot(a.GoName)
	}
	body = append(body,
		jen.Id("s").Op(":=").Op("&").Id("m").Dot(set.GoName),
		jen.Op("*").Id("c").Op("=").Id(name).Values(vals),
	)
	for _, a := range m.Compact {
		body = append(body, jen.If(isPresent("s", a.Index)).Block(
			jen.Id("c").Dot("present").Op("|=").Add(cbit(a)),
		))
	}
	masks := presenceMasks(set, func(a *Attr) bool { _, ok := bitOf[a]; return ok })
	cond := jen.Id("seq").Op(":=").Id("s").Dot("order").Dot("Seq").Call()
	var other *jen.Statement
	or := func(x *jen.Statement) {
		if other == nil {
			other = x
		} else {
			other = other.Op("||").Add(x)
		}
	}
	for w, mk := range masks {
		or(jen.Id("s").Dot("present").Index(jen.Lit(w)).Op("&^").Add(rawNum(mk, true)).Op("!=").Lit(0))
	}
	or(jen.Len(jen.Id("s").Dot("Unknown")).Op("!=").Lit(0))
	for _, a := range m.Compact {
		if a.Alt != nil {
			or(jen.Len(jen.Id("s").Dot(a.Alt.GoName)).Op("!=").Lit(0))
		}
	}
	or(jen.Len(jen.Id("seq")).Op(">").Lit(k))
	body = append(body,
		cond,
		jen.If(other).Block(
			jen.Id("rest").Op(":=").Id("s").Dot("clone").Call(),
			jen.Id("c").Dot("rest").Op("=").Op("&").Id("rest"),
			jen.Return(),
		),
		jen.Id("c").Dot("orderN").Op("=").Uint8().Parens(jen.Copy(jen.Id("c").Dot("order").Index(jen.Op(":")), jen.Id("seq"))),
	)
	f.Commentf("Set replaces c with the compact form of m, sharing no memory with m.")
	f.Func().Params(recv()).Id("Set").Params(jen.Id("m").Op("*").Id(m.GoName)).Block(body...)

	// Back to the message.
	back := []jen.Code{
		jen.If(jen.Id("c").Dot("rest").Op("!=").Nil()).Block(
			jen.Return(jen.Id(m.GoName).Values(jen.Dict{
				jen.Id("Header"):   jen.Id("c").Dot("Header"),
				jen.Id(set.GoName): jen.Id("c").Dot("rest").Dot("clone").Call(),
			})),
		),
		jen.Id("m").Op(":=").Id(m.GoName).Values(jen.Dict{jen.Id("Header"): jen.Id("c").Dot("Header")}),
	}
	for _, a := range m.Compact {
		back = append(back,
			jen.Id("m").Dot(a.GoName).Op("=").Id("c").Dot(a.GoName),
			jen.If(jen.Id("c").Dot("present").Op("&").Add(cbit(a)).Op("!=").Lit(0)).Block(
				presentWord("m", a.Index).Op("|=").Add(bit(a.Index)),
			),
		)
	}
	back = append(back,
		jen.For(jen.List(jen.Id("_"), jen.Id("i")).Op(":=").Range().Id("c").Dot("order").Index(jen.Op(":").Id("c").Dot("orderN"))).Block(
			jen.Id("m").Dot("order").Dot("Add").Call(jen.Id("i")),
		),
		jen.Return(jen.Id("m")),
	)
	f.Commentf("%s returns the %s c was set from: the same header, attributes,", m.GoName, m.GoName)
	f.Commentf("attribute order and unknown bytes, in memory of its own.")
	f.Func().Params(recv()).Id(m.GoName).Params().Id(m.GoName).Block(back...)

	// Has.
	var cases []jen.Code
	for _, a := range m.Compact {
		cases = append(cases, jen.Case(jen.Id(a.CName)).Block(
			jen.Return(jen.Id("c").Dot("present").Op("&").Add(cbit(a)).Op("!=").Lit(0)),
		))
	}
	f.Commentf("Has reports whether the attribute of type id is present, as %s.Has would.", m.GoName)
	f.Func().Params(recv()).Id("Has").Params(jen.Id("id").Uint16()).Bool().Block(
		jen.If(jen.Id("c").Dot("rest").Op("!=").Nil()).Block(jen.Return(jen.Id("c").Dot("rest").Dot("Has").Call(jen.Id("id")))),
		jen.Switch(jen.Id("id").Op("&").Add(nw("TypeMask"))).Block(cases...),
		jen.Return(jen.False()),
	)
	f.Commentf("Spilled reports whether c keeps its message's whole attribute set besides")
	f.Commentf("the plain fields: the message carried more than the compact list.")
	f.Func().Params(recv()).Id("Spilled").Params().Bool().Block(jen.Return(jen.Id("c").Dot("rest").Op("!=").Nil()))

	f.Commentf("Compact returns the owned compact form of m (see %s).", name)
	f.Func().Params(jen.Id("m").Op("*").Id(m.GoName)).Id("Compact").Params().Id(name).Block(
		jen.Var().Id("c").Id(name),
		jen.Id("c").Dot("Set").Call(jen.Id("m")),
		jen.Return(jen.Id("c")),
	)
}
