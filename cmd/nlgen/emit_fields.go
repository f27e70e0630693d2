package main

import (
	"github.com/dave/jennifer/jen"
)

// The presentation names of attributes: for every set with at least one
// attribute that declares text/json names, a function from attribute type
// to FieldName. Printers (ipfmt) look the words up here instead of typing
// them again; the decode path never touches these tables.

// hasFieldNames says whether any attribute of m declares a json name.
func hasFieldNames(m *Model) bool {
	for _, s := range m.Sets {
		if setHasFieldNames(s) {
			return true
		}
	}
	return false
}

func setHasFieldNames(s *AttrSet) bool {
	for _, a := range s.Attrs {
		if a.JSON != "" {
			return true
		}
	}
	return false
}

// genFieldNames prints the FieldName type and one lookup per set.
func genFieldNames(f *jen.File, m *Model) {
	f.Comment("FieldName is how iproute2's ip presents an attribute: Text is the word ip")
	f.Comment("prints before the value (\"\" when the value stands alone, as a route's")
	f.Comment("destination does) and JSON is the key ip -j prints. The zero FieldName")
	f.Comment("means the schema declares no presentation for the attribute.")
	f.Type().Id("FieldName").Struct(
		jen.Id("Text").String(),
		jen.Id("JSON").String(),
	)
	for _, s := range m.Sets {
		if setHasFieldNames(s) {
			genSetFieldNames(f, s)
		}
	}
}

func genSetFieldNames(f *jen.File, s *AttrSet) {
	name := s.GoName + "FieldName"
	f.Comment(name + " returns the presentation names the schema declares for the " + s.GoName)
	f.Comment("attribute of type id, or the zero FieldName when it declares none.")
	var cases []jen.Code
	for _, a := range s.Attrs {
		if a.JSON == "" {
			continue
		}
		cases = append(cases, jen.Case(jen.Id(a.CName)).Block(
			jen.Return(jen.Id("FieldName").Values(jen.Lit(a.Text), jen.Lit(a.JSON))),
		))
	}
	f.Func().Id(name).Params(jen.Id("id").Uint16()).Id("FieldName").Block(
		jen.Switch(jen.Id("id")).Block(cases...),
		jen.Return(jen.Id("FieldName").Values()),
	)
}
