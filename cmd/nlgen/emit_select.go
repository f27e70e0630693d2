package main

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// A select attribute's Go type holds every variant as an embedded value
// (decoding reuses their buffers: no allocation, no interface) and the raw
// payload. The enclosing set decodes the attribute in two steps: its case
// keeps the payload, and after the loop, when the sibling selector has been
// read wherever it was, resolve decodes the payload into the variant the
// selector names. A selector value without a variant, or a payload the
// variant cannot decode, keeps the raw bytes, which Append writes back
// unchanged.

// keyParam is the Go type of a select's selector value.
func keyParam(sel *Select) jen.Code {
	if sel.Key != nil {
		return jen.Id(sel.Key.GoName)
	}
	return nw("Text")
}

// variantSwitch returns a switch over the selector (a chain of string
// comparisons for a string key) with one case per variant and def after.
func variantSwitch(sel *Select, body func(v *Variant) []jen.Code, def ...jen.Code) []jen.Code {
	if sel.Key != nil {
		var cases []jen.Code
		for _, v := range sel.Variants {
			cases = append(cases, jen.Case(jen.Id(v.Value.CName)).Block(body(v)...))
		}
		return append([]jen.Code{jen.Switch(jen.Id("key")).Block(cases...)}, def...)
	}
	var out []jen.Code
	for _, v := range sel.Variants {
		out = append(out, jen.If(jen.String().Call(jen.Id("key")).Op("==").Lit(v.Str)).Block(body(v)...))
	}
	return append(out, def...)
}

func genSelect(f *jen.File, sel *Select) {
	doc := sel.Doc
	if doc == "" {
		doc = sel.GoName + " is a nest whose attribute set a sibling attribute selects."
	}
	f.Comment(doc)
	f.Comment("")
	f.Comment("The field of the selector's value holds the payload; Raw holds it as")
	f.Comment("received, and is what Append writes for a selector value without a")
	f.Comment("variant. To build one, set the selector and fill the variant: a variant")
	f.Comment("holding an attribute is sent without SetPresent (an empty one only with it).")
	var fields []jen.Code
	for _, v := range sel.Variants {
		d := fmt.Sprintf("%s is the payload when the selector is %s.", v.GoName, v.KeyName())
		if v.Doc != "" {
			d += " " + v.Doc
		}
		key := v.Str
		if v.Value != nil {
			key = fmt.Sprint(v.Value.Value)
		}
		// The tag names the selector value for generic tools (the fuzz filler).
		fields = append(fields, jen.Comment(d), jen.Id(v.GoName).Id(v.Attrs.GoName).Tag(map[string]string{"nl": "key=" + key}))
	}
	fields = append(fields,
		jen.Comment("Raw is the payload as received."),
		jen.Id("Raw").Index().Byte(),
		jen.Comment("raw: the variant could not decode Raw, which is encoded instead."),
		jen.Id("raw").Bool(),
		jen.Comment("plain: received without NLA_F_NESTED, and re-encoded so."),
		jen.Id("plain").Bool(),
		jen.Comment("off: the attribute's offset in the message, for errors."),
		jen.Id("off").Int(),
	)
	f.Type().Id(sel.GoName).Struct(fields...)
	recv := jen.Id("v").Op("*").Id(sel.GoName)
	vf := func(v *Variant) *jen.Statement { return jen.Id("v").Dot(v.GoName) }

	var reset []jen.Code
	for _, v := range sel.Variants {
		reset = append(reset, vf(v).Dot("reset").Call())
	}
	reset = append(reset,
		jen.Id("v").Dot("Raw").Op("=").Id("v").Dot("Raw").Index(jen.Op(":").Lit(0)),
		jen.List(jen.Id("v").Dot("raw"), jen.Id("v").Dot("plain"), jen.Id("v").Dot("off")).Op("=").List(jen.False(), jen.False(), jen.Lit(0)),
	)
	f.Func().Params(recv).Id("reset").Params().Block(reset...)
	f.Comment("Reset empties every variant and Raw, keeping their buffers: to switch a")
	f.Comment("value built by hand to another variant.")
	f.Func().Params(recv).Id("Reset").Params().Block(jen.Id("v").Dot("reset").Call())

	f.Comment("keep stores a payload as received (at offset off), for resolve.")
	f.Func().Params(recv).Id("keep").Params(jen.Id("p").Index().Byte(), jen.Id("typ").Uint16(), jen.Id("off").Int()).Block(
		jen.Id("v").Dot("off").Op("=").Id("off"),
		jen.Id("v").Dot("Raw").Op("=").Append(jen.Id("v").Dot("Raw").Index(jen.Op(":").Lit(0)), jen.Id("p").Op("...")),
		jen.Id("v").Dot("raw").Op("=").False(),
		jen.Id("v").Dot("plain").Op("=").Id("typ").Op("&").Add(nw("FlagNested")).Op("==").Lit(0),
	)

	f.Comment("resolve decodes Raw into the variant key selects; base is Raw's offset")
	f.Comment("in the message. Addresses inside are sized by their length.")
	f.Func().Params(recv).Id("resolve").Params(jen.Id("key").Add(keyParam(sel)), jen.Id("base").Int()).Error().Block(
		variantSwitch(sel, func(v *Variant) []jen.Code {
			return []jen.Code{
				vf(v).Dot("reset").Call(),
				jen.If(jen.Err().Op(":=").Add(vf(v)).Dot("decodeAttrs").Call(jen.Id("v").Dot("Raw"), jen.Lit(0), jen.Id("base")), jen.Err().Op("!=").Nil()).Block(
					jen.Id("v").Dot("raw").Op("=").True(),
					jen.Return(jen.Err()),
				),
			}
		}, jen.Return(jen.Nil()))...,
	)

	f.Comment("size is the payload size for the selector key.")
	f.Func().Params(recv).Id("size").Params(jen.Id("key").Add(keyParam(sel))).Int().Block(
		jen.If(jen.Op("!").Id("v").Dot("raw")).Block(
			variantSwitch(sel, func(v *Variant) []jen.Code {
				return []jen.Code{jen.Return(vf(v).Dot("sizeAttrs").Call())}
			})...,
		),
		jen.Return(jen.Len(jen.Id("v").Dot("Raw"))),
	)

	f.Comment("wireEmpty reports whether the payload for the selector key holds no")
	f.Comment("attribute, so the enclosing set need not send it unless marked present.")
	f.Func().Params(recv).Id("wireEmpty").Params(jen.Id("key").Add(keyParam(sel))).Bool().Block(
		jen.If(jen.Op("!").Id("v").Dot("raw")).Block(
			variantSwitch(sel, func(v *Variant) []jen.Code {
				return []jen.Code{jen.Return(vf(v).Dot("wireEmpty").Call())}
			})...,
		),
		jen.Return(jen.Len(jen.Id("v").Dot("Raw")).Op("==").Lit(0)),
	)

	f.Comment("appendPayload appends the payload for the selector key.")
	f.Func().Params(recv).Id("appendPayload").Params(jen.Id("b").Index().Byte(), jen.Id("key").Add(keyParam(sel))).Index().Byte().Block(
		jen.If(jen.Op("!").Id("v").Dot("raw")).Block(
			variantSwitch(sel, func(v *Variant) []jen.Code {
				return []jen.Code{jen.Return(vf(v).Dot("appendAttrs").Call(jen.Id("b")))}
			})...,
		),
		jen.Return(jen.Append(jen.Id("b"), jen.Id("v").Dot("Raw").Op("..."))),
	)

	f.Comment("attrType is the attribute type to send: with NLA_F_NESTED when nested,")
	f.Comment("unless the value was received without it.")
	f.Func().Params(recv).Id("attrType").Params(jen.Id("typ").Uint16(), jen.Id("nested").Bool()).Uint16().Block(
		jen.If(jen.Id("nested").Op("&&").Op("!").Id("v").Dot("plain")).Block(jen.Return(jen.Id("typ").Op("|").Add(nw("FlagNested")))),
		jen.Return(jen.Id("typ")),
	)

	f.Comment("equal compares the payloads for the selector key.")
	f.Func().Params(recv).Id("equal").Params(jen.Id("o").Op("*").Id(sel.GoName), jen.Id("key").Add(keyParam(sel))).Bool().Block(
		jen.If(jen.Op("!").Id("v").Dot("raw").Op("&&").Op("!").Id("o").Dot("raw")).Block(
			variantSwitch(sel, func(v *Variant) []jen.Code {
				return []jen.Code{jen.Return(vf(v).Dot("Equal").Call(jen.Op("&").Id("o").Dot(v.GoName)))}
			})...,
		),
		jen.Return(jen.Id("v").Dot("raw").Op("==").Id("o").Dot("raw").Op("&&").Qual("bytes", "Equal").Call(jen.Id("v").Dot("Raw"), jen.Id("o").Dot("Raw"))),
	)

	clone := []jen.Code{jen.Id("c").Op(":=").Op("*").Id("v")}
	for _, v := range sel.Variants {
		clone = append(clone, jen.Id("c").Dot(v.GoName).Op("=").Add(vf(v)).Dot("clone").Call())
	}
	clone = append(clone, jen.Id("c").Dot("Raw").Op("=").Qual("bytes", "Clone").Call(jen.Id("v").Dot("Raw")), jen.Return(jen.Id("c")))
	f.Func().Params(recv).Id("clone").Params().Id(sel.GoName).Block(clone...)
}
