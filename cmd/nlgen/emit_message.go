package main

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// genRecord prints a record type (struct rtnexthop plus attributes).
func genRecord(f *jen.File, r *Record) {
	if r.Header == nil || r.Attrs == nil {
		return
	}
	hsize := r.Header.Size
	off := r.Header.Padded
	f.Add(docLines(r.Doc, r.GoName+" is a record from the schema."))
	f.Type().Id(r.GoName).Struct(
		jen.Comment("Header is the fixed part; its length field is computed when encoding.").Line().
			Id("Header").Id(r.Header.GoName),
		jen.Id(r.Attrs.GoName),
	)
	recv := func() *jen.Statement { return jen.Id("r").Op("*").Id(r.GoName) }
	f.Func().Params(recv()).Id("decode").Params(jen.Id("b").Index().Byte(), jen.Id("fam").Uint8(), jen.Id("base").Int()).Error().Block(
		jen.Id("r").Dot(r.Attrs.GoName).Dot("reset").Call(),
		jen.Id("r").Dot("Header").Dot("decode").Call(jen.Id("b")),
		jen.If(jen.Len(jen.Id("b")).Op("<=").Lit(off)).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("r").Dot("decodeAttrs").Call(jen.Id("b").Index(jen.Lit(off).Op(":")), jen.Id("fam"), jen.Id("base").Op("+").Lit(off))),
	)
	f.Func().Params(recv()).Id("size").Params().Int().Block(
		jen.Return(jen.Lit(off).Op("+").Id("r").Dot("sizeAttrs").Call()),
	)
	var app []jen.Code
	if !r.Whole {
		app = append(app, jen.Id("start").Op(":=").Len(jen.Id("b")))
	}
	app = append(app, jen.Id("b").Op("=").Id("r").Dot("Header").Dot("Append").Call(jen.Id("b")))
	if off > hsize {
		app = append(app, jen.Id("b").Op("=").Append(jen.Id("b"), jen.Make(jen.Index().Byte(), jen.Lit(off-hsize)).Op("...")))
	}
	app = append(app, jen.Id("b").Op("=").Id("r").Dot("appendAttrs").Call(jen.Id("b")))
	if !r.Whole {
		app = append(app, nw("PutLen16").Call(jen.Id("b"), jen.Id("start")))
	}
	app = append(app, jen.Return(jen.Id("b")))
	f.Func().Params(recv()).Id("append").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(app...)
	f.Comment("Clone returns a deep copy of r that shares no memory with it.")
	f.Func().Params(recv()).Id("Clone").Params().Id(r.GoName).Block(
		jen.Return(jen.Id(r.GoName).Values(jen.Dict{
			jen.Id("Header"):       jen.Id("r").Dot("Header"),
			jen.Id(r.Attrs.GoName): jen.Id("r").Dot(r.Attrs.GoName).Dot("clone").Call(),
		})),
	)
	f.Comment("Equal reports whether r and o have equal headers and attributes.")
	f.Func().Params(recv()).Id("Equal").Params(jen.Id("o").Op("*").Id(r.GoName)).Bool().Block(
		jen.Return(jen.Id("r").Dot("Header").Op("==").Id("o").Dot("Header").Op("&&").
			Id("r").Dot(r.Attrs.GoName).Dot("Equal").Call(jen.Op("&").Id("o").Dot(r.Attrs.GoName))),
	)
}

// genMessage prints a message type and its Codec methods.
func genMessage(f *jen.File, m *Message) {
	hsize := m.Header.Size
	off := m.Header.Padded
	size := m.Header.SizeName
	f.Add(docLines(m.Doc, m.GoName+" is a message from the schema."))
	f.Comment("")
	f.Comment("Decode into a reused value allocates nothing once its buffers have grown;")
	f.Comment("Append allocates nothing when the destination has room (see Size).")
	f.Type().Id(m.GoName).Struct(
		jen.Id("Header").Id(m.Header.GoName),
		jen.Id(m.Attrs.GoName),
	)
	recv := func() *jen.Statement { return jen.Id("m").Op("*").Id(m.GoName) }

	f.Comment("Reset clears m, keeping its buffers for reuse.")
	f.Func().Params(recv()).Id("Reset").Params().Block(
		jen.Id("m").Dot("Header").Op("=").Id(m.Header.GoName).Values(),
		jen.Id("m").Dot(m.Attrs.GoName).Dot("reset").Call(),
	)

	fam := jen.Lit(0)
	if m.Family != nil {
		fam = jen.Uint8().Call(jen.Id("m").Dot("Header").Dot(m.Family.GoName))
	}
	f.Comment(fmt.Sprintf("Decode replaces m with the message payload b (after struct nlmsghdr): %s", size))
	f.Comment("bytes of header, then attributes. A malformed attribute does not stop the")
	f.Comment("decode: the rest is decoded and the first such error returned, naming the")
	f.Comment("attribute and its offset in b.")
	f.Func().Params(recv()).Id("Decode").Params(jen.Id("b").Index().Byte()).Error().Block(
		jen.Id("m").Dot(m.Attrs.GoName).Dot("reset").Call(),
		jen.If(jen.Len(jen.Id("b")).Op("<").Id(size)).Block(
			jen.Id("m").Dot("Header").Op("=").Id(m.Header.GoName).Values(),
			jen.Return(jen.Op("&").Add(nw("DecodeError")).Values(jen.Dict{
				jen.Id("Msg"): jen.Lit(m.Label),
				jen.Id("Err"): jen.Op("&").Add(nw("LengthError")).Values(jen.Dict{
					jen.Id("Got"):  jen.Len(jen.Id("b")),
					jen.Id("Want"): jen.Lit(fmt.Sprintf("at least %d (%s)", hsize, m.Header.GoName)),
				}),
			})),
		),
		jen.Id("m").Dot("Header").Dot("decode").Call(jen.Id("b")),
		jen.If(jen.Len(jen.Id("b")).Op("<=").Lit(off)).Block(jen.Return(jen.Nil())),
		decodeTail(m, fam, off),
	)

	f.Comment("Size is the length of the payload Append produces.")
	f.Func().Params(recv()).Id("Size").Params().Int().Block(
		jen.Return(jen.Lit(off).Op("+").Id("m").Dot("sizeAttrs").Call()),
	)

	app := []jen.Code{jen.Id("b").Op("=").Id("m").Dot("Header").Dot("Append").Call(jen.Id("b"))}
	if off > hsize {
		app = append(app, jen.Id("b").Op("=").Append(jen.Id("b"), jen.Make(jen.Index().Byte(), jen.Lit(off-hsize)).Op("...")))
	}
	app = append(app, jen.Return(jen.Id("m").Dot("appendAttrs").Call(jen.Id("b"))))
	f.Comment("Append appends the message payload (header and attributes, without")
	f.Comment("struct nlmsghdr) to b.")
	f.Func().Params(recv()).Id("Append").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(app...)

	f.Comment("Clone returns a deep copy of m that shares no memory with it, for keeping a")
	f.Comment("message beyond the reuse of the value it was decoded into.")
	f.Func().Params(recv()).Id("Clone").Params().Id(m.GoName).Block(
		jen.Return(jen.Id(m.GoName).Values(jen.Dict{
			jen.Id("Header"):       jen.Id("m").Dot("Header"),
			jen.Id(m.Attrs.GoName): jen.Id("m").Dot(m.Attrs.GoName).Dot("clone").Call(),
		})),
	)
	f.Comment(fmt.Sprintf("MessageInfo returns the schema's metadata for %s: Messages[%d].", m.GoName, m.Index))
	f.Func().Params(jen.Op("*").Id(m.GoName)).Id("MessageInfo").Params().Op("*").Add(nw("MessageInfo")).Block(
		jen.Return(jen.Op("&").Id("Messages").Index(jen.Lit(m.Index))),
	)

	f.Comment("Equal reports whether m and o have equal headers and equal present attributes.")
	f.Func().Params(recv()).Id("Equal").Params(jen.Id("o").Op("*").Id(m.GoName)).Bool().Block(
		jen.Return(jen.Id("m").Dot("Header").Op("==").Id("o").Dot("Header").Op("&&").
			Id("m").Dot(m.Attrs.GoName).Dot("Equal").Call(jen.Op("&").Id("o").Dot(m.Attrs.GoName))),
	)
}

// genRegistry prints Messages, the table of every message type.
func genRegistry(f *jen.File, msgs []*Message) {
	var rows []jen.Code
	for _, m := range msgs {
		typ := func(v *EnumValue) jen.Code {
			if v == nil {
				return jen.Lit(0)
			}
			return jen.Uint16().Call(jen.Id(v.CName))
		}
		var groups, infos, words []jen.Code
		for _, g := range m.Groups {
			groups = append(groups, jen.Uint32().Call(jen.Id(g.Value.CName)))
			d := jen.Dict{
				jen.Id("Group"): jen.Uint32().Call(jen.Id(g.Value.CName)),
				jen.Id("Name"):  jen.Lit(g.Value.CName),
			}
			if g.Family != nil {
				d[jen.Id("Family")] = jen.Uint8().Call(jen.Id(g.Family.CName))
			}
			if g.Default {
				d[jen.Id("Default")] = jen.True()
			}
			infos = append(infos, jen.Values(d))
		}
		for _, w := range m.Words {
			words = append(words, jen.Lit(w))
		}
		d := jen.Dict{
			jen.Id("Name"):      jen.Lit(m.Label),
			jen.Id("Words"):     jen.Index().String().Values(words...),
			jen.Id("NewType"):   typ(m.New),
			jen.Id("DelType"):   typ(m.Del),
			jen.Id("GetType"):   typ(m.Get),
			jen.Id("DumpFlags"): rawNum(uint64(m.DumpFlags), true),
			jen.Id("Groups"):    jen.Index().Uint32().Values(groups...),
			jen.Id("GroupInfo"): jen.Index().Add(nw("GroupInfo")).Values(infos...),
			jen.Id("Make"):      jen.Func().Params().Add(nw("Codec")).Block(jen.Return(jen.New(jen.Id(m.GoName)))),
			jen.Id("Equal"): jen.Func().Params(jen.List(jen.Id("a"), jen.Id("b")).Add(nw("Codec"))).Bool().Block(
				jen.Return(jen.Id("a").Assert(jen.Op("*").Id(m.GoName)).Dot("Equal").Call(jen.Id("b").Assert(jen.Op("*").Id(m.GoName)))),
			),
		}
		if m.Monitor != "" {
			d[jen.Id("Monitor")] = jen.Lit(m.Monitor)
		}
		if m.Get != nil {
			d[jen.Id("GetName")] = jen.Lit(m.Get.CName)
		}
		rows = append(rows, jen.Values(d))
	}
	f.Comment("Messages describes every message type of the schema.")
	f.Var().Id("Messages").Op("=").Index().Add(nw("MessageInfo")).Values(rows...)
}

// genUnixGuards returns the statements pinning constants to x/sys/unix, or
// nil when unix defines none of them.
func genUnixGuards(m *Model, unix map[string]bool) []jen.Code {
	var out []jen.Code
	add := func(ours, theirs string) {
		if unix[theirs] {
			// Both differences: whichever is larger overflows an index,
			// and the failing line names the constant.
			out = append(out,
				jen.Id("_").Op("=").Id("x").Index(jen.Id(ours).Op("-").Qual(unixPath, theirs)),
				jen.Id("_").Op("=").Id("x").Index(jen.Qual(unixPath, theirs).Op("-").Id(ours)))
		}
	}
	for _, e := range m.Enums {
		for _, v := range e.Values {
			add(v.CName, v.CName)
		}
	}
	for _, a := range m.AttrConsts {
		add(a.CName, a.CName)
	}
	for _, s := range m.Structs {
		if s.UnixSize != "" {
			add(s.SizeName, s.UnixSize)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append([]jen.Code{jen.Var().Id("x").Index(jen.Lit(1)).Struct()}, out...)
}

// decodeTail is the end of a message's Decode: its attributes. With select
// attributes it calls the loop and the resolution itself, saving the
// wrapper's call on the hot path.
func decodeTail(m *Message, fam jen.Code, off int) jen.Code {
	cond := selectCond(m.Attrs, "m")
	if cond == nil {
		return jen.Return(jen.Id("m").Dot("decodeAttrs").Call(jen.Id("b").Index(jen.Lit(off).Op(":")), fam, jen.Lit(off)))
	}
	return jen.Id("err").Op(":=").Id("m").Dot("decodeLoop").Call(jen.Id("b").Index(jen.Lit(off).Op(":")), fam, jen.Lit(off)).Line().
		If(cond).Block(jen.Id("err").Op("=").Id("m").Dot("resolveSelects").Call(jen.Id("err"))).Line().
		Return(jen.Id("err"))
}
