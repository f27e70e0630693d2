package main

import (
	"fmt"
	"slices"

	"github.com/dave/jennifer/jen"
)

// genSet prints an attribute set: its struct with presence and order, the
// presence accessors and setters, and decode/size/append/equal.
// genSet emits set s; nested says whether some attribute holds s as a nest.
func genSet(f *jen.File, s *AttrSet, nested bool) {
	genSetType(f, s)
	genSetPresence(f, s)
	genSetSetters(f, s)
	genSetReset(f, s)
	genSetDecode(f, s)
	genSetSize(f, s)
	genSetAppend(f, s)
	genSetWire(f, s, nested)
	genSetEqual(f, s)
	genSetClone(f, s)
	for _, a := range s.Attrs {
		if a.Kind == kRecords {
			genRecordsHelpers(f, s, a)
		}
		if a.Kind == kSelect {
			genSelectKey(f, s, a)
		}
	}
}

// fieldType is the Go type holding an attribute's value; nil for flags.
func fieldType(a *Attr) jen.Code {
	t := elemType(a)
	if a.Repeated && t != nil {
		return jen.Index().Add(t)
	}
	return t
}

// elemType is the Go type of one occurrence of the attribute.
func elemType(a *Attr) jen.Code {
	switch a.Kind {
	case kArray:
		return jen.Index().Id(a.Struct.GoName)
	case kScalar:
		if a.Enum != nil {
			return jen.Id(a.Enum.GoName)
		}
		return jen.Id(a.Scalar.GoType)
	case kString:
		return nw("Text")
	case kBinary:
		return jen.Index().Byte()
	case kAddr, kVia:
		return jen.Qual(netipPath, "Addr")
	case kStruct:
		return jen.Id(a.Struct.GoName)
	case kNest:
		return jen.Id(a.Nest.GoName)
	case kSelect:
		return jen.Id(a.Select.GoName)
	case kRecords:
		return jen.Index().Id(a.Record.GoName)
	}
	return nil
}

func attrDoc(a *Attr) string {
	d := fmt.Sprintf("%s is %s (%d).", a.GoName, a.CName, a.ID)
	if a.Doc != "" {
		d += " " + a.Doc
	}
	return d
}

func genSetType(f *jen.File, s *AttrSet) {
	fields := []jen.Code{
		jen.Id("present").Index(jen.Lit(s.Words)).Uint64(),
		jen.Id("order").Add(nw("Order")),
		jen.Line(),
	}
	for _, a := range s.Attrs {
		t := fieldType(a)
		if t == nil {
			continue
		}
		fld := jen.Id(a.GoName).Add(t)
		if a.Kind == kSelect {
			// Read by generic tools (the fuzz filler): the sibling that selects.
			fld.Tag(map[string]string{"nl": "select_by=" + a.SelectBy.GoName})
		}
		if a.Kind == kRecords && a.Record.Whole {
			// One record fills the attribute: only the first is sent.
			fld.Tag(map[string]string{"nl": "max=1"})
		}
		fields = append(fields, jen.Comment(attrDoc(a)).Line().Add(fld))
		if alt := a.Alt; alt != nil {
			fields = append(fields, jen.Comment(fmt.Sprintf("%s is %s when the message family is %s (instead of %s). Set it and SetPresent(%s), with %s left invalid.", alt.GoName, a.CName, alt.Family.CName, a.GoName, a.CName, a.GoName)).Line().
				Id(alt.GoName).Index().Id(alt.Struct.GoName))
		}
	}
	fields = append(fields,
		jen.Line(),
		jen.Comment("Unknown holds the attributes the schema does not know, and known ones").Line().
			Comment("that were malformed (Decode reported them), raw and in order; they are").Line().
			Comment("re-encoded unchanged.").Line().
			Id("Unknown").Index().Byte(),
	)
	f.Add(docLines(s.Doc, s.GoName+" is an attribute set from the schema."))
	f.Comment("")
	f.Comment("Presence is recorded for every attribute: use Has, and the Set methods to")
	f.Comment("set a value and mark it present (or SetPresent after filling a field in")
	f.Comment("place). A field whose attribute is absent is zero after Decode or Reset,")
	f.Comment("as long as fields are only changed that way.")
	f.Type().Id(s.GoName).Struct(fields...)
}

func genSetPresence(f *jen.File, s *AttrSet) {
	if s.IndexTable != "" {
		// index+1 by attribute type; 0: not in the set.
		d := jen.Dict{}
		for _, a := range s.Attrs {
			d[jen.Id(a.CName)] = jen.Lit(a.Index + 1)
		}
		f.Var().Id(s.IndexTable).Op("=").Index(jen.Lit(int(s.MaxID) + 1)).Uint8().Values(d)
		f.Func().Id(s.IndexFunc).Params(jen.Id("id").Uint16()).Int().Block(
			jen.If(jen.Id("id").Op("&=").Add(nw("TypeMask")), jen.Int().Call(jen.Id("id")).Op("<").Len(jen.Id(s.IndexTable))).Block(
				jen.Return(jen.Int().Call(jen.Id(s.IndexTable).Index(jen.Id("id"))).Op("-").Lit(1)),
			),
			jen.Return(jen.Lit(-1)),
		)
	} else {
		var cases []jen.Code
		for _, a := range s.Attrs {
			cases = append(cases, jen.Case(jen.Id(a.CName)).Block(jen.Return(jen.Lit(a.Index))))
		}
		f.Func().Id(s.IndexFunc).Params(jen.Id("id").Uint16()).Int().Block(
			jen.Switch(jen.Id("id").Op("&").Add(nw("TypeMask"))).Block(cases...),
			jen.Return(jen.Lit(-1)),
		)
	}
	recv := jen.Id("s").Op("*").Id(s.GoName)
	f.Comment("Has reports whether the attribute of type id is present.")
	f.Func().Params(recv).Id("Has").Params(jen.Id("id").Uint16()).Bool().Block(
		jen.Id("i").Op(":=").Id(s.IndexFunc).Call(jen.Id("id")),
		jen.Return(jen.Id("i").Op(">=").Lit(0).Op("&&").Id("s").Dot("present").Index(jen.Id("i").Op(">>").Lit(6)).Op("&").
			Parens(jen.Lit(1).Op("<<").Parens(jen.Uint().Call(jen.Id("i")).Op("&").Lit(63))).Op("!=").Lit(0)),
	)
	recv = jen.Id("s").Op("*").Id(s.GoName)
	f.Comment("SetPresent marks the attribute of type id present with the value its field holds.")
	f.Comment("It is for fields filled in place (records, buffers; a nest holding an attribute")
	f.Comment("is sent without it, an empty one only with it); unknown ids are ignored.")
	f.Func().Params(recv).Id("SetPresent").Params(jen.Id("id").Uint16()).Block(
		jen.If(jen.Id("i").Op(":=").Id(s.IndexFunc).Call(jen.Id("id")), jen.Id("i").Op(">=").Lit(0)).Block(
			jen.Id("s").Dot("present").Index(jen.Id("i").Op(">>").Lit(6)).Op("|=").Lit(1).Op("<<").Parens(jen.Uint().Call(jen.Id("i")).Op("&").Lit(63)),
		),
	)
	recv = jen.Id("s").Op("*").Id(s.GoName)
	f.Comment("Unset marks the attribute of type id absent, so it is not encoded, and")
	f.Comment("zeroes its field.")
	f.Func().Params(recv).Id("Unset").Params(jen.Id("id").Uint16()).Block(
		jen.If(jen.Id("i").Op(":=").Id(s.IndexFunc).Call(jen.Id("id")), jen.Id("i").Op(">=").Lit(0)).Block(
			jen.Id("s").Dot("present").Index(jen.Id("i").Op(">>").Lit(6)).Op("&^=").Lit(1).Op("<<").Parens(jen.Uint().Call(jen.Id("i")).Op("&").Lit(63)),
			jen.Id("s").Dot("zero").Call(jen.Id("i")),
		),
	)
}

func genSetSetters(f *jen.File, s *AttrSet) {
	for _, a := range s.Attrs {
		mark := presentWord("s", a.Index).Op("|=").Add(bit(a.Index))
		recv := jen.Id("s").Op("*").Id(s.GoName)
		name := a.Setter
		switch {
		case a.Repeated && a.Kind == kString:
			f.Comment(fmt.Sprintf("%s sets the occurrences of %s.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").Op("...").String()).Block(
				jen.Id("s").Dot(a.GoName).Op("=").Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0)),
				jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
					jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName), nw("Text").Call(jen.Id("x"))),
				), mark)
			continue
		case a.Repeated:
			f.Comment(fmt.Sprintf("%s sets the occurrences of %s.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").Op("...").Add(elemType(a))).Block(
				jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0)), jen.Id("v").Op("...")), mark)
			continue
		case a.Kind == kArray:
			f.Comment(fmt.Sprintf("%s sets %s to a copy of v.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").Add(elemType(a))).Block(
				jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0)), jen.Id("v").Op("...")), mark)
			continue
		}
		switch a.Kind {
		case kFlag:
			f.Comment(fmt.Sprintf("%s marks the flag %s present.", name, a.CName))
			f.Func().Params(recv).Id(name).Params().Block(mark)
		case kString:
			f.Comment(fmt.Sprintf("%s sets %s, reusing the buffer.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").String()).Block(
				jen.Id("s").Dot(a.GoName).Dot("Set").Call(jen.Id("v")), mark)
		case kBinary:
			f.Comment(fmt.Sprintf("%s sets %s to a copy of v, reusing the buffer.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").Index().Byte()).Block(
				jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0)), jen.Id("v").Op("...")), mark)
		default:
			f.Comment(fmt.Sprintf("%s sets %s and marks it present.", name, a.CName))
			f.Func().Params(recv).Id(name).Params(jen.Id("v").Add(fieldType(a))).Block(
				jen.Id("s").Dot(a.GoName).Op("=").Id("v"), mark)
		}
	}
}

// zeroField is the statement that empties attribute a's field, keeping
// buffers; nil for flags, which have no field.
func zeroField(a *Attr) jen.Code {
	fld := jen.Id("s").Dot(a.GoName)
	if a.Repeated || a.Kind == kArray {
		return fld.Op("=").Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0))
	}
	switch a.Kind {
	case kScalar:
		return fld.Op("=").Lit(0)
	case kAddr, kVia:
		if a.Alt != nil {
			return fld.Op("=").Qual(netipPath, "Addr").Values().Line().
				Id("s").Dot(a.Alt.GoName).Op("=").Id("s").Dot(a.Alt.GoName).Index(jen.Op(":").Lit(0))
		}
		return fld.Op("=").Qual(netipPath, "Addr").Values()
	case kStruct:
		return fld.Op("=").Id(a.Struct.GoName).Values()
	case kString, kBinary, kRecords:
		return fld.Op("=").Id("s").Dot(a.GoName).Index(jen.Op(":").Lit(0))
	case kNest, kSelect:
		return fld.Dot("reset").Call()
	}
	return nil
}

// nestReset empties a single nest or select attribute when it can hold
// something: a nest that is not wireEmpty (set by a decode or a setter,
// marked present or not), a select that was present or whose selected
// variant (or raw payload) is not empty. Every decode resets the set, and
// resetting an empty select outright (all its variants) cost every route
// decode ~10 ns.
func nestReset(a *Attr) jen.Code {
	z := zeroField(a)
	switch {
	case z == nil:
		return nil
	case a.Kind == kNest:
		return jen.If(jen.Op("!").Id("s").Dot(a.GoName).Dot("wireEmpty").Call()).Block(z)
	case a.Kind == kSelect:
		// Without its selector no variant is chosen: only Raw can hold
		// anything then (wireEmpty is a switch, not inlined: test it last).
		return jen.If(isPresent("s", a.Index).Op("||").Len(jen.Id("s").Dot(a.GoName).Dot("Raw")).Op("!=").Lit(0).Op("||").
			Add(isPresent("s", a.SelectBy.Index)).Op("&&").Op("!").Id("s").Dot(a.GoName).Dot("wireEmpty").Call(selKey(a))).Block(z)
	}
	return z
}

// genSetReset prints reset and zero. Only present attributes can hold a
// value (decoders write a field only with its presence bit, setters set
// both, Unset clears both). reset stores zero into the small fixed-size
// fields outright (cheaper than testing for each), and empties the larger
// ones — structs, buffers, nests, records — only when they were present.
func genSetReset(f *jen.File, s *AttrSet) {
	// A nest or select filled by hand is sent without its presence bit
	// (wirePresent), so it is emptied whether or not the bit is set: its own
	// reset is cheap when it is empty.
	var implicit []jen.Code
	for _, a := range s.Attrs {
		if (a.Kind == kNest || a.Kind == kSelect) && !a.Repeated {
			if z := nestReset(a); z != nil {
				implicit = append(implicit, z)
			}
		}
	}
	early := append(append([]jen.Code{}, implicit...),
		jen.Id("s").Dot("order").Dot("Reset").Call(),
		jen.Id("s").Dot("Unknown").Op("=").Id("s").Dot("Unknown").Index(jen.Op(":").Lit(0)),
		jen.Return(),
	)
	body := []jen.Code{
		jen.If(jen.Id("s").Dot("present").Op("==").Index(jen.Lit(s.Words)).Uint64().Values()).Block(early...),
	}
	large := make([]uint64, s.Words) // per word: attributes emptied only when present
	var largeZero [][]jen.Code
	for range s.Words {
		largeZero = append(largeZero, nil)
	}
	for _, a := range s.Attrs {
		z := zeroField(a)
		if z == nil {
			continue
		}
		if !a.Repeated && (a.Kind == kNest || a.Kind == kSelect) {
			body = append(body, nestReset(a))
			continue
		}
		if !a.Repeated && (a.Kind == kScalar || a.Kind == kAddr || a.Kind == kVia) {
			body = append(body, z)
			continue
		}
		large[a.Index/64] |= 1 << uint(a.Index%64)
		largeZero[a.Index/64] = append(largeZero[a.Index/64],
			jen.If(isPresent("s", a.Index)).Block(z))
	}
	for k, m := range large {
		if m != 0 {
			// One test for the common case of none of them present.
			body = append(body, jen.If(jen.Id("s").Dot("present").Index(jen.Lit(k)).Op("&").Add(rawNum(m, true)).Op("!=").Lit(0)).Block(largeZero[k]...))
		}
	}
	body = append(body,
		jen.Id("s").Dot("present").Op("=").Index(jen.Lit(s.Words)).Uint64().Values(),
		jen.Id("s").Dot("order").Dot("Reset").Call(),
		jen.Id("s").Dot("Unknown").Op("=").Id("s").Dot("Unknown").Index(jen.Op(":").Lit(0)),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("reset").Params().Block(body...)

	var cases []jen.Code
	for _, a := range s.Attrs {
		if z := zeroField(a); z != nil {
			cases = append(cases, jen.Case(jen.Lit(a.Index)).Block(z))
		}
	}
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("zero").Params(jen.Id("i").Int()).Block(
		jen.Switch(jen.Id("i")).Block(cases...),
	)
}

// genSetDecode prints decodeAttrs: one switch over the attribute type, a
// case per attribute that decodes it and marks it present. A case that
// finds the attribute malformed sets err and breaks out of the switch to
// the one failure path after it, which keeps the raw attribute with the
// unknown ones and records the first error.
func genSetDecode(f *jen.File, s *AttrSet) {
	// bad leaves the switch for the failure path with err set.
	bad := func(e jen.Code) jen.Code {
		return jen.If(jen.Id("e").Op(":=").Add(e), jen.Id("e").Op("!=").Nil()).Block(jen.Err().Op("=").Id("e"), jen.Break())
	}
	// get decodes a scalar into v, leaving for the failure path on error.
	get := func(a *Attr) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("v"), jen.Id("e")).Op(":=").Add(nw(a.Scalar.Get)).Call(jen.Id("p")),
			jen.If(jen.Id("e").Op("!=").Nil()).Block(jen.Err().Op("=").Id("e"), jen.Break()),
		}
	}
	// soft records the error of a nest or records attribute decoded in
	// part: the value keeps what could be decoded.
	soft := func(a *Attr, call jen.Code) jen.Code {
		return jen.If(jen.Id("e").Op(":=").Add(call), jen.Id("e").Op("!=").Nil()).Block(
			jen.Id("first").Op("=").Add(nw("Fail")).Call(jen.Id("first"), jen.Lit(s.ErrName), jen.Lit(a.CName), jen.Id("off"), jen.Id("e")))
	}
	inner := jen.Id("off").Op("+").Add(nw("AttrHeaderLen"))
	var cases []jen.Code
	var selects []*Attr
	usesOff := false
	for _, a := range s.Attrs {
		fld := jen.Id("s").Dot(a.GoName)
		var body []jen.Code
		kind := a.Kind
		if a.Repeated {
			kind = -1 // handled below
			body = decodeRepeated(a, get)
		}
		switch kind {
		case kArray:
			size := jen.Id(a.Struct.SizeName)
			body = append(body,
				bad(nw("MultipleOf").Call(jen.Id("p"), size)),
				fld.Clone().Op("=").Add(fld.Clone()).Index(jen.Op(":").Lit(0)),
				jen.For(jen.Len(jen.Id("p")).Op(">=").Add(size)).Block(
					growElem(a.GoName, jen.Id(a.Struct.GoName).Values()),
					jen.Id("s").Dot(a.GoName).Index(jen.Id("n")).Dot("decode").Call(jen.Id("p")),
					jen.Id("p").Op("=").Id("p").Index(size.Clone().Op(":")),
				),
			)
		case kScalar:
			body = append(body, get(a)...)
			body = append(body, fld.Clone().Op("=").Add(fieldType(a)).Call(jen.Id("v")))
		case kFlag:
			body = append(body, bad(nw("Flag").Call(jen.Id("p"))))
		case kString:
			// Re-encoding adds a NUL the input may lack.
			body = append(body,
				jen.Id("str").Op(":=").Add(nw("CString")).Call(jen.Id("p")),
				bad(nw("FitsAttr").Call(jen.Len(jen.Id("str")).Op("+").Lit(1))),
				fld.Clone().Op("=").Append(fld.Clone().Index(jen.Op(":").Lit(0)), jen.Id("str").Op("...")))
		case kBinary:
			body = append(body, fld.Clone().Op("=").Append(fld.Clone().Index(jen.Op(":").Lit(0)), jen.Id("p").Op("...")))
		case kAddr:
			// The IPv4 case is spelled out here because netip.AddrFrom4
			// inlines and nlwire.Addr does not; Addr handles the rest.
			chain := jen.If(jen.Len(jen.Id("p")).Op("==").Lit(4).Op("&&").Id("fam").Op("==").Add(nw("FamilyInet"))).Block(
				fld.Clone().Op("=").Qual(netipPath, "AddrFrom4").Call(jen.Index(jen.Lit(4)).Byte().Call(jen.Id("p"))),
			)
			if alt := a.Alt; alt != nil {
				// After the IPv4 case, which stays the fast path.
				afld := jen.Id("s").Dot(alt.GoName)
				size := jen.Id(alt.Struct.SizeName)
				chain = chain.Else().If(jen.Id("fam").Op("==").Uint8().Call(jen.Id(alt.Family.CName))).Block(
					bad(nw("MultipleOf").Call(jen.Id("p"), size)),
					afld.Clone().Op("=").Add(afld.Clone()).Index(jen.Op(":").Lit(0)),
					jen.For(jen.Len(jen.Id("p")).Op(">=").Add(size)).Block(
						growElem(alt.GoName, jen.Id(alt.Struct.GoName).Values()),
						jen.Id("s").Dot(alt.GoName).Index(jen.Id("n")).Dot("decode").Call(jen.Id("p")),
						jen.Id("p").Op("=").Id("p").Index(size.Clone().Op(":")),
					),
				)
			}
			body = append(body, chain.Else().If(jen.List(jen.Id("v"), jen.Id("e")).Op(":=").Add(nw("Addr")).Call(jen.Id("p"), jen.Id("fam")), jen.Id("e").Op("!=").Nil()).Block(
				jen.Err().Op("=").Id("e"), jen.Break(),
			).Else().Block(
				fld.Clone().Op("=").Id("v"),
			))
		case kVia:
			body = append(body,
				jen.List(jen.Id("v"), jen.Id("e")).Op(":=").Add(nw("Via")).Call(jen.Id("p")),
				jen.If(jen.Id("e").Op("!=").Nil()).Block(jen.Err().Op("=").Id("e"), jen.Break()),
				fld.Clone().Op("=").Id("v"),
			)
		case kStruct:
			body = append(body,
				bad(nw("MinLen").Call(jen.Id("p"), jen.Id(a.Struct.MinSizeName))),
				fld.Clone().Dot("decode").Call(jen.Id("p")))
		case kNest:
			// Re-encoding pads what the input may have left unpadded, and
			// adds the NULs strings lacked: check that the nest, even a
			// partly decoded one, still fits its nla_len, else drop it so the
			// value stays encodable.
			usesOff = true
			body = append(body,
				fld.Clone().Dot("reset").Call(),
				soft(a, fld.Clone().Dot("decodeAttrs").Call(jen.Id("p"), jen.Id("fam"), inner)),
				jen.If(nw("MayOutgrow").Call(jen.Len(jen.Id("p")))).Block(
					jen.If(jen.Err().Op("=").Add(nw("FitsAttr")).Call(fld.Clone().Dot("sizeAttrs").Call()), jen.Err().Op("!=").Nil()).Block(
						fld.Clone().Dot("reset").Call(), jen.Break())),
			)
		case kSelect:
			// Resolved after the loop: the selector may come later.
			usesOff = true
			selects = append(selects, a)
			body = append(body, fld.Clone().Dot("keep").Call(jen.Id("p"), jen.Id("typ"), jen.Id("off")))
		case kRecords:
			usesOff = true
			body = append(body,
				soft(a, jen.Id("s").Dot(a.DecodeFunc).Call(jen.Id("p"), jen.Id("fam"), inner)),
				jen.If(nw("MayOutgrow").Call(jen.Len(jen.Id("p")))).Block(
					jen.If(jen.Err().Op("=").Add(nw("FitsAttr")).Call(jen.Id("s").Dot(a.SizeFunc).Call()), jen.Err().Op("!=").Nil()).Block(
						fld.Clone().Op("=").Add(fld.Clone()).Index(jen.Op(":").Lit(0)), jen.Break())),
			)
		}
		// Recorded at every occurrence, without a test: a repeated
		// attribute's later places are skipped when encoding, since each
		// attribute is appended once.
		body = append(body,
			presentWord("s", a.Index).Op("|=").Add(bit(a.Index)),
			jen.Id("s").Dot("order").Dot("Add").Call(jen.Lit(a.Index)),
			jen.Continue(),
		)
		cases = append(cases, jen.Case(jen.Id(a.CName)).Block(body...))
	}
	cases = append(cases, jen.Default().Block(
		jen.Id("s").Dot("Unknown").Op("=").Add(nw("KeepRaw")).Call(jen.Id("s").Dot("Unknown"), jen.Id("cur").Index(jen.Op(":").Add(nw("AttrHeaderLen")).Op("+").Len(jen.Id("p")))),
		jen.Id("s").Dot("order").Dot("Add").Call(nw("OrderUnknown")),
		jen.Continue(),
	))
	loop := []jen.Code{
		jen.List(jen.Id("typ"), jen.Id("p"), jen.Id("next"), jen.Id("ok")).Op(":=").Add(nw("Attr")).Call(jen.Id("rest")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		jen.Id("cur").Op(":=").Id("rest"),
		jen.Id("rest").Op("=").Id("next"),
	}
	off := jen.Id("base").Op("+").Len(jen.Id("b")).Op("-").Len(jen.Id("cur"))
	if usesOff {
		loop = append(loop, jen.Id("off").Op(":=").Add(off))
		off = jen.Id("off")
	}
	// A set of raw payloads only (binary, select) has no failure path.
	canFail := slices.ContainsFunc(s.Attrs, func(a *Attr) bool {
		return a.Repeated || (a.Kind != kBinary && a.Kind != kSelect)
	})
	if !canFail {
		loop = append(loop, jen.Switch(jen.Id("typ").Op("&").Add(nw("TypeMask"))).Block(cases...))
	} else {
		loop = append(loop,
			jen.Var().Err().Error(),
			jen.Switch(jen.Id("typ").Op("&").Add(nw("TypeMask"))).Block(cases...),
			jen.Comment("Only a malformed attribute gets here."),
			jen.Id("first").Op("=").Add(nw("Malformed")).Call(jen.Id("first"), jen.Lit(s.ErrName), jen.Id(s.NamesVar).Dot("CName").Call(jen.Uint64().Call(jen.Id("typ").Op("&").Add(nw("TypeMask")))), off, jen.Err(),
				jen.Op("&").Id("s").Dot("Unknown"), jen.Op("&").Id("s").Dot("order"), jen.Id("cur").Index(jen.Op(":").Add(nw("AttrHeaderLen")).Op("+").Len(jen.Id("p")))),
		)
	}
	var vals []uint64
	var cnames []string
	for _, a := range s.Attrs {
		vals = append(vals, uint64(a.ID))
		cnames = append(cnames, a.CName)
	}
	f.Comment(fmt.Sprintf("%s names the attributes of %s in decode errors.", s.NamesVar, s.GoName))
	f.Var().Id(s.NamesVar).Op("=").Add(namesTable(vals, nil, cnames, false, nil))
	f.Comment(fmt.Sprintf("decodeAttrs decodes a run of %s attributes into s, which the caller has reset.", s.ErrName))
	f.Comment("fam sizes address attributes; base is b's offset in the message, for errors.")
	f.Comment("A malformed attribute is reported after the rest has been decoded.")
	fn := []jen.Code{jen.Var().Id("first").Error(), jen.Id("rest").Op(":=").Id("b"), jen.For().Block(loop...)}
	fn = append(fn,
		jen.If(jen.Len(jen.Id("rest")).Op(">=").Add(nw("AttrHeaderLen"))).Block(
			jen.Return(nw("AttrsErr").Call(jen.Id("b"), jen.Id("rest"), jen.Id("base"), jen.Lit(s.ErrName))),
		),
		jen.Return(jen.Id("first")),
	)
	params := []jen.Code{jen.Id("b").Index().Byte(), jen.Id("fam").Uint8(), jen.Id("base").Int()}
	recv := jen.Id("s").Op("*").Id(s.GoName)
	if len(selects) == 0 {
		f.Func().Params(recv).Id("decodeAttrs").Params(params...).Error().Block(fn...)
		return
	}
	// With select attributes, the loop is a function of its own and the
	// selects are resolved after it, out of line: code after the loop
	// would cost the loop registers, and every message its time.
	cond := selectCond(s, "s")
	f.Func().Params(recv).Id("decodeAttrs").Params(params...).Error().Block(
		jen.Id("first").Op(":=").Id("s").Dot("decodeLoop").Call(jen.Id("b"), jen.Id("fam"), jen.Id("base")),
		jen.If(cond).Block(jen.Id("first").Op("=").Id("s").Dot("resolveSelects").Call(jen.Id("first"))),
		jen.Return(jen.Id("first")),
	)
	f.Func().Params(recv).Id("decodeLoop").Params(params...).Error().Block(fn...)
	var res []jen.Code
	for _, a := range selects {
		fld := jen.Id("s").Dot(a.GoName)
		res = append(res, jen.If(isPresent("s", a.Index)).Block(
			jen.If(jen.Id("e").Op(":=").Add(fld.Clone()).Dot("resolve").Call(selKey(a), fld.Clone().Dot("off").Op("+").Add(nw("AttrHeaderLen"))), jen.Id("e").Op("!=").Nil()).Block(
				jen.Id("first").Op("=").Add(nw("Fail")).Call(jen.Id("first"), jen.Lit(s.ErrName), jen.Lit(a.CName), fld.Clone().Dot("off"), jen.Id("e")),
			),
		))
	}
	res = append(res, jen.Return(jen.Id("first")))
	f.Comment("resolveSelects decodes the select attributes into the variants their")
	f.Comment("selectors name, once the whole set has been read.")
	f.Func().Params(recv).Id("resolveSelects").Params(jen.Id("first").Error()).Error().Block(res...)
}

// growElem extends s.<field> by one element, reusing capacity (and the
// element's own buffers) when there is some; n is the new element's index.
func growElem(field string, zero jen.Code) jen.Code {
	fld := func() *jen.Statement { return jen.Id("s").Dot(field) }
	return jen.Id("n").Op(":=").Len(fld()).Line().
		If(jen.Id("n").Op("<").Cap(fld())).Block(
		fld().Op("=").Add(fld()).Index(jen.Op(":").Id("n").Op("+").Lit(1)),
	).Else().Block(
		fld().Op("=").Append(fld(), zero),
	)
}

// decodeRepeated decodes one occurrence of a repeated attribute, appending
// it to the field; get decodes a scalar into v or leaves for the failure
// path.
func decodeRepeated(a *Attr, get func(*Attr) []jen.Code) []jen.Code {
	elem := func() *jen.Statement { return jen.Id("s").Dot(a.GoName).Index(jen.Id("n")) }
	switch a.Kind {
	case kString:
		return []jen.Code{
			jen.Id("str").Op(":=").Add(nw("CString")).Call(jen.Id("p")),
			jen.If(jen.Id("e").Op(":=").Add(nw("FitsAttr")).Call(jen.Len(jen.Id("str")).Op("+").Lit(1)), jen.Id("e").Op("!=").Nil()).Block(jen.Err().Op("=").Id("e"), jen.Break()),
			growElem(a.GoName, jen.Nil()),
			elem().Op("=").Append(elem().Index(jen.Op(":").Lit(0)), jen.Id("str").Op("...")),
		}
	case kAddr:
		return []jen.Code{
			jen.List(jen.Id("v"), jen.Id("e")).Op(":=").Add(nw("Addr")).Call(jen.Id("p"), jen.Id("fam")),
			jen.If(jen.Id("e").Op("!=").Nil()).Block(jen.Err().Op("=").Id("e"), jen.Break()),
			jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName), jen.Id("v")),
		}
	}
	return append(get(a),
		jen.Id("s").Dot(a.GoName).Op("=").Append(jen.Id("s").Dot(a.GoName), jen.Add(elemType(a)).Call(jen.Id("v"))),
	)
}

// forPresent loops over the set bits of s.present, switching on the index.
func forPresent(s *AttrSet, recv string, cases func(a *Attr) jen.Code) []jen.Code {
	return forPresentIn(s, jen.Id(recv).Dot("present"), cases)
}

// forPresentIn is forPresent over the bitset words expression set.
func forPresentIn(s *AttrSet, set *jen.Statement, cases func(a *Attr) jen.Code) []jen.Code {
	var out []jen.Code
	for k := 0; k < s.Words; k++ {
		var cs []jen.Code
		for _, a := range s.Attrs {
			if a.Index/64 != k {
				continue
			}
			if c := cases(a); c != nil {
				cs = append(cs, jen.Case(jen.Lit(a.Index)).Block(c))
			}
		}
		if len(cs) == 0 {
			continue
		}
		idx := jen.Qual("math/bits", "TrailingZeros64").Call(jen.Id("w"))
		if k > 0 {
			idx = jen.Lit(64 * k).Op("+").Add(idx)
		}
		out = append(out, jen.For(
			jen.Id("w").Op(":=").Add(set.Clone()).Index(jen.Lit(k)),
			jen.Id("w").Op("!=").Lit(0),
			jen.Id("w").Op("&=").Id("w").Op("-").Lit(1),
		).Block(jen.Switch(idx).Block(cs...)))
	}
	return out
}

func genSetSize(f *jen.File, s *AttrSet) {
	body := []jen.Code{jen.Id("n").Op(":=").Len(jen.Id("s").Dot("Unknown"))}
	set := jen.Id("s").Dot("present")
	if hasNests(s) {
		body = append(body, jen.Id("p").Op(":=").Id("s").Dot("wirePresent").Call())
		set = jen.Id("p")
	}
	body = append(body, forPresentIn(s, set, func(a *Attr) jen.Code {
		fld := jen.Id("s").Dot(a.GoName)
		var size jen.Code
		if a.Repeated {
			var one jen.Code
			switch a.Kind {
			case kScalar:
				return jen.Id("n").Op("+=").Len(fld).Op("*").Lit(a.Fixed)
			case kString:
				one = nw("AttrSize").Call(jen.Len(jen.Id("s").Dot(a.GoName).Index(jen.Id("i"))).Op("+").Lit(1))
			case kAddr:
				one = nw("AttrSize").Call(nw("AddrLen").Call(jen.Id("s").Dot(a.GoName).Index(jen.Id("i"))))
			}
			return jen.For(jen.Id("i").Op(":=").Range().Add(fld)).Block(jen.Id("n").Op("+=").Add(one))
		}
		switch a.Kind {
		case kArray:
			size = nw("AttrSize").Call(jen.Len(fld).Op("*").Id(a.Struct.SizeName))
		case kScalar, kFlag, kStruct:
			size = jen.Lit(a.Fixed)
			if a.Fixed == 0 { // uint: 4 or 8 bytes by value
				size = nw("AttrSize").Call(nw("UintLen").Call(fld))
			}
		case kString:
			size = nw("AttrSize").Call(jen.Len(fld).Op("+").Lit(1))
		case kBinary:
			size = nw("AttrSize").Call(jen.Len(fld))
		case kAddr:
			size = nw("AttrSize").Call(nw("AddrLen").Call(fld))
			if alt := a.Alt; alt != nil {
				afld := jen.Id("s").Dot(alt.GoName)
				return jen.If(altChosen(a)).Block(
					jen.Id("n").Op("+=").Add(nw("AttrSize").Call(jen.Len(afld).Op("*").Id(alt.Struct.SizeName))),
				).Else().Block(jen.Id("n").Op("+=").Add(size))
			}
		case kVia:
			size = nw("AttrSize").Call(nw("ViaLen").Call(fld))
		case kNest:
			size = nw("AttrSize").Call(fld.Dot("sizeAttrs").Call())
		case kSelect:
			size = nw("AttrSize").Call(fld.Dot("size").Call(selKey(a)))
		case kRecords:
			size = nw("AttrSize").Call(jen.Id("s").Dot(a.SizeFunc).Call())
		}
		return jen.Id("n").Op("+=").Add(size)
	})...)
	body = append(body, jen.Return(jen.Id("n")))
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("sizeAttrs").Params().Int().Block(body...)
}

func genSetAppend(f *jen.File, s *AttrSet) {
	// appendAttr appends attribute i.
	var cases []jen.Code
	for _, a := range s.Attrs {
		fld := jen.Id("s").Dot(a.GoName)
		id := jen.Id(a.CName)
		if a.NestedFlag {
			id = jen.Id(a.CName).Op("|").Add(nw("FlagNested"))
		}
		var body []jen.Code
		if a.Repeated {
			elem := jen.Id("s").Dot(a.GoName).Index(jen.Id("i"))
			var one jen.Code
			switch a.Kind {
			case kScalar:
				one = nw(a.Scalar.Append).Call(jen.Id("b"), id, jen.Id(a.Scalar.Unsigned).Call(elem))
			case kString:
				one = nw("AppendString").Call(jen.Id("b"), id, elem)
			case kAddr:
				one = nw("AppendAddr").Call(jen.Id("b"), id, elem)
			}
			cases = append(cases, jen.Case(jen.Lit(a.Index)).Block(
				jen.For(jen.Id("i").Op(":=").Range().Add(fld)).Block(jen.Id("b").Op("=").Add(one)),
				jen.Return(jen.Id("b")),
			))
			continue
		}
		switch a.Kind {
		case kArray:
			body = append(body,
				jen.List(jen.Id("b"), jen.Id("start")).Op(":=").Add(nw("BeginAttr")).Call(jen.Id("b"), id),
				jen.For(jen.Id("i").Op(":=").Range().Add(fld)).Block(
					jen.Id("b").Op("=").Id("s").Dot(a.GoName).Index(jen.Id("i")).Dot("Append").Call(jen.Id("b")),
				),
				jen.Return(nw("EndAttr").Call(jen.Id("b"), jen.Id("start"))),
			)
		case kScalar:
			body = append(body, jen.Return(nw(a.Scalar.Append).Call(jen.Id("b"), id, jen.Id(a.Scalar.Unsigned).Call(fld))))
		case kFlag:
			body = append(body, jen.Return(nw("AppendFlag").Call(jen.Id("b"), id)))
		case kString:
			body = append(body, jen.Return(nw("AppendString").Call(jen.Id("b"), id, fld)))
		case kBinary:
			body = append(body, jen.Return(nw("AppendBytes").Call(jen.Id("b"), id, fld)))
		case kAddr:
			if alt := a.Alt; alt != nil {
				body = append(body, jen.If(altChosen(a)).Block(
					jen.List(jen.Id("b"), jen.Id("start")).Op(":=").Add(nw("BeginAttr")).Call(jen.Id("b"), id),
					jen.For(jen.Id("i").Op(":=").Range().Id("s").Dot(alt.GoName)).Block(
						jen.Id("b").Op("=").Id("s").Dot(alt.GoName).Index(jen.Id("i")).Dot("Append").Call(jen.Id("b")),
					),
					jen.Return(nw("EndAttr").Call(jen.Id("b"), jen.Id("start"))),
				))
			}
			body = append(body, jen.Return(nw("AppendAddr").Call(jen.Id("b"), id, fld)))
		case kVia:
			body = append(body, jen.Return(nw("AppendVia").Call(jen.Id("b"), id, fld)))
		case kSelect:
			body = append(body,
				jen.List(jen.Id("b"), jen.Id("start")).Op(":=").Add(nw("BeginAttr")).Call(jen.Id("b"), fld.Clone().Dot("attrType").Call(jen.Id(a.CName), jen.Lit(a.NestedFlag))),
				jen.Id("b").Op("=").Add(fld.Clone()).Dot("appendPayload").Call(jen.Id("b"), selKey(a)),
				jen.Return(nw("EndAttr").Call(jen.Id("b"), jen.Id("start"))),
			)
		case kStruct, kNest, kRecords:
			typ := jen.Id(a.CName)
			if a.NestedFlag {
				typ = jen.Id(a.CName).Op("|").Add(nw("FlagNested"))
			}
			body = append(body, jen.List(jen.Id("b"), jen.Id("start")).Op(":=").Add(nw("BeginAttr")).Call(jen.Id("b"), typ))
			switch a.Kind {
			case kStruct:
				body = append(body, jen.Id("b").Op("=").Add(fld).Dot("Append").Call(jen.Id("b")))
			case kNest:
				body = append(body, jen.Id("b").Op("=").Add(fld).Dot("appendAttrs").Call(jen.Id("b")))
			case kRecords:
				recs := fld
				if a.Record.Whole { // one record fills the attribute
					recs = jen.Add(fld).Index(jen.Op(":").Min(jen.Len(jen.Id("s").Dot(a.GoName)), jen.Lit(1)))
				}
				body = append(body, jen.For(jen.Id("i").Op(":=").Range().Add(recs)).Block(
					jen.Id("b").Op("=").Id("s").Dot(a.GoName).Index(jen.Id("i")).Dot("append").Call(jen.Id("b")),
				))
			}
			body = append(body, jen.Return(nw("EndAttr").Call(jen.Id("b"), jen.Id("start"))))
		}
		cases = append(cases, jen.Case(jen.Lit(a.Index)).Block(body...))
	}
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("appendAttr").Params(jen.Id("b").Index().Byte(), jen.Id("i").Int()).Index().Byte().Block(
		jen.Switch(jen.Id("i")).Block(cases...),
		jen.Return(jen.Id("b")),
	)

	f.Comment("appendAttrs appends the present attributes: first in the order a decode")
	f.Comment("recorded (so a decoded message re-encodes to the kernel's bytes), then the")
	f.Comment("rest in schema order, then the unknown attributes not placed yet.")
	var rest []jen.Code
	for k := 0; k < s.Words; k++ {
		idx := jen.Qual("math/bits", "TrailingZeros64").Call(jen.Id("w"))
		if k > 0 {
			idx = jen.Lit(64 * k).Op("+").Add(idx)
		}
		rest = append(rest, jen.For(
			jen.Id("w").Op(":=").Id("todo").Index(jen.Lit(k)),
			jen.Id("w").Op("!=").Lit(0),
			jen.Id("w").Op("&=").Id("w").Op("-").Lit(1),
		).Block(jen.Id("b").Op("=").Id("s").Dot("appendAttr").Call(jen.Id("b"), idx)))
	}
	todo := jen.Id("s").Dot("present")
	if hasNests(s) {
		todo = jen.Id("s").Dot("wirePresent").Call()
	}
	body := []jen.Code{
		jen.Id("todo").Op(":=").Add(todo),
		jen.Id("u").Op(":=").Add(nw("NewUnknownCursor")).Call(jen.Id("s").Dot("Unknown")),
		jen.For(jen.List(jen.Id("_"), jen.Id("i")).Op(":=").Range().Id("s").Dot("order").Dot("Seq").Call()).Block(
			jen.If(jen.Id("i").Op("==").Add(nw("OrderUnknown"))).Block(
				jen.Id("b").Op("=").Id("u").Dot("AppendNext").Call(jen.Id("b")),
				jen.Continue(),
			),
			jen.If(jen.Id("m").Op(":=").Uint64().Call(jen.Lit(1)).Op("<<").Parens(jen.Id("i").Op("&").Lit(63)),
				jen.Int().Call(jen.Id("i")).Op(">>").Lit(6).Op("<").Len(jen.Id("todo")).Op("&&").Id("todo").Index(jen.Id("i").Op(">>").Lit(6)).Op("&").Id("m").Op("!=").Lit(0)).Block(
				jen.Id("todo").Index(jen.Id("i").Op(">>").Lit(6)).Op("&^=").Id("m"),
				jen.Id("b").Op("=").Id("s").Dot("appendAttr").Call(jen.Id("b"), jen.Int().Call(jen.Id("i"))),
			),
		),
	}
	body = append(body, rest...)
	body = append(body, jen.Return(jen.Id("u").Dot("AppendRest").Call(jen.Id("b"))))
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("appendAttrs").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(body...)
}

func genSetEqual(f *jen.File, s *AttrSet) {
	body := []jen.Code{
		jen.If(jen.Id("s").Dot("present").Op("!=").Id("o").Dot("present").Op("||").Op("!").Qual("bytes", "Equal").Call(jen.Id("s").Dot("Unknown"), jen.Id("o").Dot("Unknown"))).Block(jen.Return(jen.False())),
	}
	body = append(body, forPresent(s, "s", func(a *Attr) jen.Code {
		x, y := jen.Id("s").Dot(a.GoName), jen.Id("o").Dot(a.GoName)
		var differ jen.Code
		if a.Repeated && a.Kind == kString {
			return jen.If(jen.Len(x.Clone()).Op("!=").Len(y.Clone())).Block(jen.Return(jen.False())).Line().
				For(jen.Id("i").Op(":=").Range().Add(x.Clone())).Block(
				jen.If(jen.Op("!").Qual("bytes", "Equal").Call(jen.Id("s").Dot(a.GoName).Index(jen.Id("i")), jen.Id("o").Dot(a.GoName).Index(jen.Id("i")))).Block(jen.Return(jen.False())),
			)
		}
		if a.Repeated || a.Kind == kArray {
			return jen.If(jen.Op("!").Qual("slices", "Equal").Call(x, y)).Block(jen.Return(jen.False()))
		}
		switch a.Kind {
		case kFlag:
			return nil
		case kScalar, kAddr, kVia, kStruct:
			differ = x.Op("!=").Add(y)
			if alt := a.Alt; alt != nil {
				// The labels count only where Append writes them.
				differ = jen.Id("s").Dot(a.GoName).Op("!=").Id("o").Dot(a.GoName).Op("||").Parens(
					jen.Op("!").Id("s").Dot(a.GoName).Dot("IsValid").Call().Op("&&").Op("!").Qual("slices", "Equal").Call(jen.Id("s").Dot(alt.GoName), jen.Id("o").Dot(alt.GoName)))
			}
		case kString, kBinary:
			differ = jen.Op("!").Qual("bytes", "Equal").Call(x, y)
		case kNest:
			differ = jen.Op("!").Add(x).Dot("Equal").Call(jen.Op("&").Add(y))
		case kSelect:
			differ = jen.Op("!").Add(x).Dot("equal").Call(jen.Op("&").Add(y), selKey(a))
		case kRecords:
			return jen.If(jen.Len(x.Clone()).Op("!=").Len(y.Clone())).Block(jen.Return(jen.False())).Line().
				For(jen.Id("i").Op(":=").Range().Add(x.Clone())).Block(
				jen.If(jen.Op("!").Id("s").Dot(a.GoName).Index(jen.Id("i")).Dot("Equal").Call(jen.Op("&").Id("o").Dot(a.GoName).Index(jen.Id("i")))).Block(jen.Return(jen.False())),
			)
		}
		return jen.If(differ).Block(jen.Return(jen.False()))
	})...)
	body = append(body, jen.Return(jen.True()))
	f.Comment("Equal reports whether s and o have the same attributes present with the same")
	f.Comment("values, and the same unknown attributes. The recorded wire order is ignored.")
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("Equal").Params(jen.Id("o").Op("*").Id(s.GoName)).Bool().Block(body...)
}

// genRecordsHelpers prints decode and size for a records attribute.
func genRecordsHelpers(f *jen.File, s *AttrSet, a *Attr) {
	fld := func() *jen.Statement { return jen.Id("s").Dot(a.GoName) }
	if a.Record.Whole {
		genWholeRecordHelpers(f, s, a)
		return
	}
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id(a.DecodeFunc).Params(
		jen.Id("p").Index().Byte(), jen.Id("fam").Uint8(), jen.Id("base").Int(),
	).Error().Block(
		fld().Op("=").Add(fld()).Index(jen.Op(":").Lit(0)),
		jen.Var().Id("rd").Add(nw("RecordDecoder")),
		jen.Id("rd").Dot("Reset").Call(jen.Id("p"), jen.Id(a.Record.Header.SizeName), jen.Id("base")),
		jen.Var().Id("first").Error(),
		jen.For(jen.Id("rd").Dot("Next").Call()).Block(
			jen.Id("n").Op(":=").Len(fld()),
			jen.If(jen.Id("n").Op("<").Cap(fld())).Block(
				fld().Op("=").Add(fld()).Index(jen.Op(":").Id("n").Op("+").Lit(1)),
			).Else().Block(
				fld().Op("=").Append(fld(), jen.Id(a.Record.GoName).Values()),
			),
			jen.If(jen.Err().Op(":=").Add(fld()).Index(jen.Id("n")).Dot("decode").Call(jen.Id("rd").Dot("Bytes").Call(), jen.Id("fam"), jen.Id("rd").Dot("Offset").Call()),
				jen.Err().Op("!=").Nil().Op("&&").Id("first").Op("==").Nil()).Block(
				jen.Id("first").Op("=").Err(),
			),
		),
		jen.If(jen.Err().Op(":=").Id("rd").Dot("Err").Call(), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("first")),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id(a.SizeFunc).Params().Int().Block(
		jen.Id("n").Op(":=").Lit(0),
		jen.For(jen.Id("i").Op(":=").Range().Add(fld())).Block(
			jen.Id("n").Op("+=").Id("s").Dot(a.GoName).Index(jen.Id("i")).Dot("size").Call(),
		),
		jen.Return(jen.Id("n")),
	)
}

// genSetClone prints clone: a deep copy sharing no buffers.
func genSetClone(f *jen.File, s *AttrSet) {
	body := []jen.Code{jen.Id("c").Op(":=").Op("*").Id("s")}
	for _, a := range s.Attrs {
		fld := jen.Id("c").Dot(a.GoName)
		src := jen.Id("s").Dot(a.GoName)
		if a.Repeated && a.Kind == kString {
			body = append(body, jen.Id("c").Dot(a.GoName).Op("=").Nil(),
				jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("s").Dot(a.GoName)).Block(
					jen.Id("c").Dot(a.GoName).Op("=").Append(jen.Id("c").Dot(a.GoName), jen.Append(nw("Text").Call(jen.Nil()), jen.Id("x").Op("..."))),
				))
			continue
		}
		if a.Repeated || a.Kind == kArray {
			body = append(body, fld.Op("=").Qual("slices", "Clone").Call(src))
			continue
		}
		if alt := a.Alt; alt != nil {
			body = append(body, jen.Id("c").Dot(alt.GoName).Op("=").Qual("slices", "Clone").Call(jen.Id("s").Dot(alt.GoName)))
		}
		switch a.Kind {
		case kString:
			body = append(body, fld.Op("=").Append(nw("Text").Call(jen.Nil()), src.Op("...")))
		case kBinary:
			body = append(body, fld.Op("=").Qual("bytes", "Clone").Call(src))
		case kNest, kSelect:
			body = append(body, fld.Op("=").Add(src).Dot("clone").Call())
		case kRecords:
			body = append(body, jen.If(jen.Id("s").Dot(a.GoName).Op("!=").Nil()).Block(
				jen.Id("c").Dot(a.GoName).Op("=").Make(jen.Index().Id(a.Record.GoName), jen.Len(jen.Id("s").Dot(a.GoName))),
				jen.For(jen.Id("i").Op(":=").Range().Id("s").Dot(a.GoName)).Block(
					jen.Id("c").Dot(a.GoName).Index(jen.Id("i")).Op("=").Id("s").Dot(a.GoName).Index(jen.Id("i")).Dot("Clone").Call(),
				),
			))
		}
	}
	body = append(body,
		jen.Id("c").Dot("Unknown").Op("=").Qual("bytes", "Clone").Call(jen.Id("s").Dot("Unknown")),
		jen.Return(jen.Id("c")),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("clone").Params().Id(s.GoName).Block(body...)
}

// selKey is the selector value of select attribute a in s.
func selKey(a *Attr) *jen.Statement { return jen.Id("s").Dot("key" + a.GoName).Call() }

// genSelectKey prints the method selKey calls: the selector's value when it
// is present, else the zero value (no variant: the payload stays raw).
func genSelectKey(f *jen.File, s *AttrSet, a *Attr) {
	by := a.SelectBy
	zero := jen.Lit(0)
	if by.Kind == kString {
		zero = jen.Nil()
	}
	f.Comment(fmt.Sprintf("key%s is the value of %s, which selects %s's variant.", a.GoName, by.CName, a.CName))
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("key"+a.GoName).Params().Add(keyParam(a.Select)).Block(
		jen.If(presentWord("s", by.Index).Op("&").Add(bit(by.Index)).Op("==").Lit(0)).Block(jen.Return(zero)),
		jen.Return(jen.Id("s").Dot(by.GoName)),
	)
}

// altChosen says whether attribute a is encoded as its by_family
// alternative: the address invalid and the alternative not empty.
func altChosen(a *Attr) *jen.Statement {
	return jen.Op("!").Id("s").Dot(a.GoName).Dot("IsValid").Call().Op("&&").Len(jen.Id("s").Dot(a.Alt.GoName)).Op(">").Lit(0)
}

// presenceMasks are, per presence word of s, the bits of the attributes
// keep reports.
func presenceMasks(s *AttrSet, keep func(*Attr) bool) []uint64 {
	masks := make([]uint64, s.Words)
	for _, a := range s.Attrs {
		if keep(a) {
			masks[a.Index/64] |= 1 << uint(a.Index%64)
		}
	}
	return masks
}

// selectCond is the test that some select attribute of s is present (on
// receiver recv), or nil when s has none.
func selectCond(s *AttrSet, recv string) *jen.Statement {
	var cond *jen.Statement
	for k, m := range presenceMasks(s, func(a *Attr) bool { return a.Kind == kSelect }) {
		if m != 0 {
			c := jen.Id(recv).Dot("present").Index(jen.Lit(k)).Op("&").Add(rawNum(m, true)).Op("!=").Lit(0)
			if cond == nil {
				cond = c
			} else {
				cond = cond.Op("||").Add(c)
			}
		}
	}
	return cond
}

// hasNests reports whether s has a (single) nest or select attribute.
func hasNests(s *AttrSet) bool {
	for _, a := range s.Attrs {
		if (a.Kind == kNest || a.Kind == kSelect) && !a.Repeated {
			return true
		}
	}
	return false
}

// genSetWire emits what encoding needs so that a nest whose attributes were
// set is sent without its own SetPresent: wireEmpty for a set used as a
// nest, and, for a set holding nests, wirePresent, the presence
// bits with every non-empty nest's bit added. Decoding never calls them.
func genSetWire(f *jen.File, s *AttrSet, nested bool) {
	recv := func() jen.Code { return jen.Id("s").Op("*").Id(s.GoName) }
	present := jen.Id("s").Dot("present")
	if hasNests(s) {
		var body []jen.Code
		body = append(body, jen.Id("p").Op(":=").Id("s").Dot("present"))
		for _, a := range s.Attrs {
			if a.Kind != kNest && a.Kind != kSelect || a.Repeated {
				continue
			}
			var arg []jen.Code
			if a.Kind == kSelect {
				arg = []jen.Code{selKey(a)} // the variant the selector names decides
			}
			body = append(body, jen.If(jen.Op("!").Id("s").Dot(a.GoName).Dot("wireEmpty").Call(arg...)).Block(
				jen.Id("p").Index(jen.Lit(a.Index/64)).Op("|=").Lit(uint64(1)<<(uint(a.Index)%64)),
			))
		}
		body = append(body, jen.Return(jen.Id("p")))
		f.Comment("wirePresent is the presence bitset encoding uses: a nest (or a select's variant)")
		f.Comment("with an attribute set (or unknown attributes kept) is sent even if SetPresent")
		f.Comment("was not called for it.")
		f.Func().Params(recv()).Id("wirePresent").Params().Index(jen.Lit(s.Words)).Uint64().Block(body...)
		present = jen.Id("s").Dot("wirePresent").Call()
	}
	if !nested {
		return
	}
	f.Comment("wireEmpty reports whether encoding the set would write no attribute.")
	f.Func().Params(recv()).Id("wireEmpty").Params().Bool().Block(
		jen.Return(jen.Add(present).Op("==").Index(jen.Lit(s.Words)).Uint64().Values().Op("&&").Len(jen.Id("s").Dot("Unknown")).Op("==").Lit(0)),
	)
}

// nestedSets are the sets some attribute holds as a (single) nest.
func nestedSets(m *Model) map[*AttrSet]bool {
	out := map[*AttrSet]bool{}
	for _, s := range m.Sets {
		for _, a := range s.Attrs {
			if a.Kind == kNest && !a.Repeated {
				out[a.Nest] = true
			}
			if a.Kind == kSelect {
				for _, v := range a.Select.Variants {
					out[v.Attrs] = true
				}
			}
		}
	}
	return out
}

// genWholeRecordHelpers prints the decode and size of a record attribute
// that holds one record and nothing else (a header without a length
// field): the slice holds at most one, and only the first is sent; an
// empty payload is none.
func genWholeRecordHelpers(f *jen.File, s *AttrSet, a *Attr) {
	fld := func() *jen.Statement { return jen.Id("s").Dot(a.GoName) }
	h := a.Record.Header
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id(a.DecodeFunc).Params(
		jen.Id("p").Index().Byte(), jen.Id("fam").Uint8(), jen.Id("base").Int(),
	).Error().Block(
		fld().Op("=").Add(fld()).Index(jen.Op(":").Lit(0)),
		jen.If(jen.Len(jen.Id("p")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())), // present, no record
		jen.If(jen.Len(jen.Id("p")).Op("<").Id(h.SizeName)).Block(
			jen.Return(jen.Op("&").Add(nw("LengthError")).Values(jen.Dict{
				jen.Id("Got"):  jen.Len(jen.Id("p")),
				jen.Id("Want"): jen.Lit(fmt.Sprintf("at least %d (%s)", h.Size, h.GoName)),
			})),
		),
		jen.If(jen.Cap(fld()).Op(">").Lit(0)).Block(
			fld().Op("=").Add(fld()).Index(jen.Op(":").Lit(1)),
		).Else().Block(
			fld().Op("=").Append(fld(), jen.Id(a.Record.GoName).Values()),
		),
		jen.Return(fld().Index(jen.Lit(0)).Dot("decode").Call(jen.Id("p"), jen.Id("fam"), jen.Id("base"))),
	)
	f.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id(a.SizeFunc).Params().Int().Block(
		jen.If(jen.Len(fld()).Op("==").Lit(0)).Block(jen.Return(jen.Lit(0))),
		jen.Return(fld().Index(jen.Lit(0)).Dot("size").Call()),
	)
}
