package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// genEnum prints an enum or flag type, its constants, String and Parse.
func genEnum(f *jen.File, e *Enum) {
	what := " is an enumeration from the schema."
	if e.Flags {
		what = " is a set of flags from the schema."
	}
	f.Add(docLines(e.Doc, e.GoName+what))
	f.Type().Id(e.GoName).Id(e.Scalar.GoType)
	if len(e.Values) == 0 {
		return
	}
	var defs []jen.Code
	for _, v := range e.Values {
		c := jen.Id(v.CName).Id(e.GoName).Op("=").Add(rawNum(v.Value, e.Flags))
		if v.Doc != "" {
			c = jen.Comment(v.Doc).Line().Add(c)
		}
		defs = append(defs, c)
	}
	f.Comment(fmt.Sprintf("Values of %s.", e.GoName))
	f.Const().Defs(defs...)
	if e.Flags {
		genFlagsString(f, e)
	} else {
		genEnumString(f, e)
	}
}

// namesTable is a composite literal of nlwire.Names. texts may be nil (an
// attribute set's table has C names only).
func namesTable(vals []uint64, texts, cnames []string, hex bool, extra jen.Dict) jen.Code {
	var vs, te, ce []jen.Code
	var tb, cb strings.Builder
	for i, v := range vals {
		vs = append(vs, rawNum(v, hex))
		if texts != nil {
			tb.WriteString(texts[i])
			te = append(te, jen.Lit(tb.Len()))
		}
		cb.WriteString(cnames[i])
		ce = append(ce, jen.Lit(cb.Len()))
	}
	d := jen.Dict{
		jen.Id("Vals"): jen.Index().Uint64().Values(vs...),
		jen.Id("C"):    jen.Lit(cb.String()),
		jen.Id("CEnd"): jen.Index().Uint16().Values(ce...),
	}
	if texts != nil {
		d[jen.Id("Text")] = jen.Lit(tb.String())
		d[jen.Id("TextEnd")] = jen.Index().Uint16().Values(te...)
	}
	for k, v := range extra {
		d[k] = v
	}
	return nw("Names").Values(d)
}

// genEnumNames prints the enum's name table.
func genEnumNames(f *jen.File, e *Enum) {
	var vals []uint64
	var texts, cnames []string
	for _, v := range e.Values {
		vals = append(vals, v.Value)
		texts = append(texts, v.Text)
		cnames = append(cnames, v.CName)
	}
	f.Var().Id(e.NamesVar).Op("=").Add(namesTable(vals, texts, cnames, e.Flags, jen.Dict{
		jen.Id("Label"):   jen.Lit(e.Label),
		jen.Id("Choices"): jen.Lit(e.Choices),
		jen.Id("Bits"):    jen.Lit(8 * e.Scalar.Size),
	}))
}

func genEnumString(f *jen.File, e *Enum) {
	genEnumNames(f, e)
	f.Comment("String returns the name ip(8) prints for v, or its number when it has none.")
	f.Func().Params(jen.Id("v").Id(e.GoName)).Id("String").Params().String().Block(
		jen.Return(jen.Id(e.NamesVar).Dot("String").Call(jen.Uint64().Call(jen.Id("v")))),
	)
	fn := e.ParseFunc
	f.Comment(fmt.Sprintf("%s parses a value of %s as String prints it, as its C name, or as a number.", fn, e.GoName))
	f.Func().Id(fn).Params(jen.Id("s").String()).Params(jen.Id(e.GoName), jen.Error()).Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id(e.NamesVar).Dot("Parse").Call(jen.Id("s")),
		jen.Return(jen.Id(e.GoName).Call(jen.Id("n")), jen.Err()),
	)
}

func genFlagsString(f *jen.File, e *Enum) {
	genEnumNames(f, e)
	f.Comment("String lists the set flags as ip(8) names them, joined by \"|\"; unnamed bits print in hex.")
	f.Func().Params(jen.Id("v").Id(e.GoName)).Id("String").Params().String().Block(
		jen.Return(jen.Id(e.NamesVar).Dot("FlagsString").Call(jen.Uint64().Call(jen.Id("v")))),
	)
	fn := e.ParseFunc
	f.Comment(fmt.Sprintf("%s parses flags joined by \"|\" or \",\": names as String prints them, C names or numbers.", fn))
	f.Func().Id(fn).Params(jen.Id("s").String()).Params(jen.Id(e.GoName), jen.Error()).Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id(e.NamesVar).Dot("ParseFlags").Call(jen.Id("s")),
		jen.Return(jen.Id(e.GoName).Call(jen.Id("n")), jen.Err()),
	)
}

// genAttrConsts prints the attribute type constants, untyped so one
// constant serves every set that shares the C name.
func genAttrConsts(f *jen.File, attrs []*Attr) {
	var defs []jen.Code
	for _, a := range attrs {
		defs = append(defs, jen.Id(a.CName).Op("=").Lit(int(a.ID)))
	}
	f.Comment("Attribute types, as the kernel numbers them.")
	f.Const().Defs(defs...)
}
