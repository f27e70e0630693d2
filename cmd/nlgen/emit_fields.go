package main

import (
	"github.com/dave/jennifer/jen"
)

// The presentation names of attributes: for every set with at least one
// attribute that declares text/json names, a function from attribute type
// to FieldName. Printers (ipfmt) look the words up here instead of typing
// them again; the decode path never touches these tables.

// hasFieldNames says whether any attribute or struct field of m declares
// a json name.
func hasFieldNames(m *Model) bool {
	for _, s := range m.Sets {
		if setHasFieldNames(s) {
			return true
		}
	}
	for _, st := range m.Structs {
		if structHasFieldNames(st) {
			return true
		}
	}
	return false
}

func structHasFieldNames(st *Struct) bool {
	for _, fd := range st.Fields {
		if fd.JSON != "" {
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
			genSetFieldValue(f, s)
		}
	}
	for _, st := range m.Structs {
		if structHasFieldNames(st) {
			genStructFieldNames(f, st)
		}
	}
}

// genStructFieldNames prints one FieldName variable per named field of a
// fixed struct (a message header): <Struct><Field>Field.
func genStructFieldNames(f *jen.File, st *Struct) {
	var defs []jen.Code
	for _, fd := range st.Fields {
		if fd.JSON == "" {
			continue
		}
		defs = append(defs, jen.Comment(st.GoName+fd.GoName+"Field is how ip presents "+st.GoName+"."+fd.GoName+"."),
			jen.Id(st.GoName+fd.GoName+"Field").Op("=").Id("FieldName").Values(jen.Lit(fd.Text), jen.Lit(fd.JSON)))
	}
	f.Comment("The presentation names the schema declares for " + st.GoName + "'s fields.")
	f.Var().Defs(defs...)

	// The value accessor: a printer's row names a field by its FieldName
	// variable (its address), so no index constants are needed.
	var cases []jen.Code
	for _, fd := range st.Fields {
		if fd.JSON == "" {
			continue
		}
		v := scalarValue(jen.Id("h").Dot(fd.GoName), fd.Scalar, fd.Enum)
		cases = append(cases, jen.Case(jen.Op("&").Id(st.GoName+fd.GoName+"Field")).Block(jen.Return(v, jen.True())))
	}
	f.Comment("FieldValue returns the value of the field of h whose presentation names")
	f.Comment("are *f (one of the " + st.GoName + "*Field variables), and false for any other f.")
	f.Func().Params(jen.Id("h").Op("*").Id(st.GoName)).Id("FieldValue").Params(jen.Id("f").Op("*").Id("FieldName")).Params(nw("FieldValue"), jen.Bool()).Block(
		jen.Switch(jen.Id("f")).Block(cases...),
		jen.Return(nw("FieldValue").Values(), jen.False()),
	)
}

// scalarValue is the FieldValue of scalar x (a struct field or an
// attribute): enum and flag values carry their name table.
func scalarValue(x *jen.Statement, sc scalar, e *Enum) jen.Code {
	kv := func(k, field string, v jen.Code) []jen.Code {
		return []jen.Code{jen.Id("Kind").Op(":").Add(nw(k)), jen.Id(field).Op(":").Add(v)}
	}
	switch {
	case e != nil:
		k := "FieldEnum"
		if e.Flags {
			k = "FieldFlags"
		}
		return nw("FieldValue").Values(append(kv(k, "Uint", jen.Uint64().Call(x)), jen.Id("Names").Op(":").Op("&").Id(e.NamesVar))...)
	case sc.Signed:
		return nw("FieldValue").Values(kv("FieldInt", "Int", jen.Int64().Call(x))...)
	}
	return nw("FieldValue").Values(kv("FieldUint", "Uint", jen.Uint64().Call(x))...)
}

// genSetFieldValue prints the set's value accessor: the value of every
// attribute the schema names, as a typed nlwire.FieldValue, so a printer
// walks a table of attribute types without a Go accessor per attribute.
// Scalars, addresses and text are returned without allocating.
func genSetFieldValue(f *jen.File, s *AttrSet) {
	// fv returns FieldValue{Kind: k, field: v} on one line.
	fv := func(k, field string, v jen.Code) jen.Code {
		return jen.Return(nw("FieldValue").Values(jen.Id("Kind").Op(":").Add(nw(k)), jen.Id(field).Op(":").Add(v)), jen.True())
	}
	var cases []jen.Code
	for _, a := range s.Attrs {
		if a.JSON == "" || a.Repeated {
			continue
		}
		x := jen.Id("s").Dot(a.GoName)
		var ret jen.Code
		switch a.Kind {
		case kScalar:
			ret = jen.Return(scalarValue(x, a.Scalar, a.Enum), jen.True())
		case kFlag:
			ret = fv("FieldUint", "Uint", jen.Lit(1))
		case kString:
			ret = fv("FieldString", "Bytes", x)
		case kBinary:
			ret = fv("FieldBytes", "Bytes", x)
		case kAddr, kVia:
			ret = fv("FieldAddr", "Addr", x)
		case kStruct:
			ret = fv("FieldStruct", "Nest", jen.Op("&").Add(x))
		default:
			ret = fv("FieldNest", "Nest", jen.Op("&").Add(x))
		}
		cases = append(cases, jen.Case(jen.Id(a.CName)).Block(ret))
	}
	f.Comment("FieldValue returns the value of the attribute of type id that the schema")
	f.Comment("names (see " + s.GoName + "FieldName), and false when it is absent or unnamed.")
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("FieldValue").Params(jen.Id("id").Uint16()).Params(nw("FieldValue"), jen.Bool()).Block(
		jen.If(jen.Op("!").Id("s").Dot("Has").Call(jen.Id("id"))).Block(jen.Return(nw("FieldValue").Values(), jen.False())),
		jen.Switch(jen.Id("id")).Block(cases...),
		jen.Return(nw("FieldValue").Values(), jen.False()),
	)
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
