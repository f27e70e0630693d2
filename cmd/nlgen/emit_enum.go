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

func textList(e *Enum) string {
	var names []string
	for _, v := range e.Values {
		names = append(names, v.Text)
	}
	return strings.Join(names, ", ")
}

func genEnumString(f *jen.File, e *Enum) {
	var cases []jen.Code
	for _, v := range e.Values {
		cases = append(cases, jen.Case(jen.Id(v.CName)).Block(jen.Return(jen.Lit(v.Text))))
	}
	f.Comment("String returns the name ip(8) prints for v, or its number when it has none.")
	f.Func().Params(jen.Id("v").Id(e.GoName)).Id("String").Params().String().Block(
		jen.Switch(jen.Id("v")).Block(cases...),
		jen.Return(jen.Qual("strconv", "FormatUint").Call(jen.Uint64().Call(jen.Id("v")), jen.Lit(10))),
	)

	var pcases []jen.Code
	for _, v := range e.Values {
		lt := strings.ToLower(v.Text)
		names := []jen.Code{jen.Lit(lt)}
		if lc := strings.ToLower(v.CName); lc != lt {
			names = append(names, jen.Lit(lc))
		}
		pcases = append(pcases, jen.Case(names...).Block(jen.Return(jen.Id(v.CName), jen.Nil())))
	}
	fn := "Parse" + e.GoName
	f.Comment(fmt.Sprintf("%s parses a value of %s as String prints it, as its C name, or as a number.", fn, e.GoName))
	f.Func().Id(fn).Params(jen.Id("s").String()).Params(jen.Id(e.GoName), jen.Error()).Block(
		jen.Switch(jen.Qual("strings", "ToLower").Call(jen.Id("s"))).Block(pcases...),
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseUint").Call(jen.Id("s"), jen.Lit(0), jen.Lit(8*e.Scalar.Size)),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Lit(0), jen.Qual("fmt", "Errorf").Call(
				jen.Lit(fmt.Sprintf("invalid %s %%q: want a number or one of %s", label(e.GoName), textList(e))),
				jen.Id("s"))),
		),
		jen.Return(jen.Id(e.GoName).Call(jen.Id("n")), jen.Nil()),
	)
}

func genFlagsString(f *jen.File, e *Enum) {
	table := unexport(e.GoName) + "Names"
	var rows []jen.Code
	for _, v := range e.Values {
		rows = append(rows, jen.Values(jen.Id(v.CName), jen.Lit(v.Text), jen.Lit(v.CName)))
	}
	f.Var().Id(table).Op("=").Index(jen.Op("...")).Struct(
		jen.Id("v").Id(e.GoName),
		jen.Id("s").String(),
		jen.Id("c").String(),
	).Values(rows...)

	f.Comment("String lists the set flags as ip(8) names them, joined by \"|\"; unnamed bits print in hex.")
	f.Func().Params(jen.Id("v").Id(e.GoName)).Id("String").Params().String().Block(
		jen.If(jen.Id("v").Op("==").Lit(0)).Block(jen.Return(jen.Lit("0"))),
		jen.Var().Id("parts").Index().String(),
		jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Id(table)).Block(
			jen.If(jen.Id("v").Op("&").Id("n").Dot("v").Op("!=").Lit(0)).Block(
				jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("n").Dot("s")),
				jen.Id("v").Op("&^=").Id("n").Dot("v"),
			),
		),
		jen.If(jen.Id("v").Op("!=").Lit(0)).Block(
			jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Lit("0x").Op("+").Qual("strconv", "FormatUint").Call(jen.Uint64().Call(jen.Id("v")), jen.Lit(16))),
		),
		jen.Return(jen.Qual("strings", "Join").Call(jen.Id("parts"), jen.Lit("|"))),
	)

	fn := "Parse" + e.GoName
	f.Comment(fmt.Sprintf("%s parses flags joined by \"|\" or \",\": names as String prints them, C names or numbers.", fn))
	f.Func().Id(fn).Params(jen.Id("s").String()).Params(jen.Id(e.GoName), jen.Error()).Block(
		jen.Var().Id("v").Id(e.GoName),
		jen.For(jen.List(jen.Id("_"), jen.Id("part")).Op(":=").Range().Qual("strings", "FieldsFunc").Call(
			jen.Id("s"),
			jen.Func().Params(jen.Id("r").Rune()).Bool().Block(jen.Return(jen.Id("r").Op("==").LitRune('|').Op("||").Id("r").Op("==").LitRune(','))),
		)).Block(
			jen.Id("part").Op("=").Qual("strings", "TrimSpace").Call(jen.Id("part")),
			jen.Id("found").Op(":=").False(),
			jen.For(jen.List(jen.Id("_"), jen.Id("n")).Op(":=").Range().Id(table)).Block(
				jen.If(jen.Qual("strings", "EqualFold").Call(jen.Id("part"), jen.Id("n").Dot("s")).Op("||").Qual("strings", "EqualFold").Call(jen.Id("part"), jen.Id("n").Dot("c"))).Block(
					jen.Id("v").Op("|=").Id("n").Dot("v"),
					jen.Id("found").Op("=").True(),
					jen.Break(),
				),
			),
			jen.If(jen.Id("found")).Block(jen.Continue()),
			jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseUint").Call(jen.Id("part"), jen.Lit(0), jen.Lit(8*e.Scalar.Size)),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Lit(0), jen.Qual("fmt", "Errorf").Call(
					jen.Lit(fmt.Sprintf("invalid %s flag %%q: want a number or one of %s", label(e.GoName), textList(e))),
					jen.Id("part"))),
			),
			jen.Id("v").Op("|=").Id(e.GoName).Call(jen.Id("n")),
		),
		jen.Return(jen.Id("v"), jen.Nil()),
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
