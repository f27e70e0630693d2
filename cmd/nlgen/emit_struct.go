package main

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// genStruct prints a fixed C struct: the Go type, its size constant, and
// decode/append at the offsets the model fixed.
func genStruct(f *jen.File, s *Struct) {
	var fields []jen.Code
	for _, fd := range s.Fields {
		if fd.Length {
			continue
		}
		c := jen.Id(fd.GoName).Id(fd.GoType())
		if fd.Doc != "" {
			c = jen.Comment(fd.Doc).Line().Add(c)
		}
		fields = append(fields, c)
	}
	f.Add(docLines(s.Doc, s.GoName+" is a fixed-size struct from the schema."))
	f.Type().Id(s.GoName).Struct(fields...)

	size := s.SizeName
	f.Comment(fmt.Sprintf("%s is the size of %s on the wire.", size, s.GoName))
	f.Const().Id(size).Op("=").Lit(s.Size)
	minSize := s.MinSizeName
	if s.MinSize != s.Size {
		f.Comment(fmt.Sprintf("%s is the shortest %s accepted: older kernels send fewer fields.", minSize, s.GoName))
		f.Const().Id(minSize).Op("=").Lit(s.MinSize)
	}

	// decode: the caller has checked the length against the minimum.
	var dec []jen.Code
	if s.MinSize > 0 {
		dec = append(dec, jen.Id("_").Op("=").Id("b").Index(jen.Lit(s.MinSize-1)))
	}
	for _, fd := range s.Fields {
		if fd.Length {
			continue
		}
		set := jen.Id("h").Dot(fd.GoName).Op("=").Id(fd.GoType()).Call(readScalar(fd.Scalar, fd.Offset))
		if fd.Offset+fd.Scalar.Size > s.MinSize {
			dec = append(dec, jen.If(jen.Len(jen.Id("b")).Op(">=").Lit(fd.Offset+fd.Scalar.Size)).Block(set).Else().Block(
				jen.Id("h").Dot(fd.GoName).Op("=").Lit(0)))
			continue
		}
		dec = append(dec, set)
	}
	f.Func().Params(jen.Id("h").Op("*").Id(s.GoName)).Id("decode").Params(jen.Id("b").Index().Byte()).Block(dec...)

	f.Comment(fmt.Sprintf("Decode fills h from b, which must hold at least %s bytes; more are ignored.", minSize))
	f.Func().Params(jen.Id("h").Op("*").Id(s.GoName)).Id("Decode").Params(jen.Id("b").Index().Byte()).Error().Block(
		jen.If(jen.Err().Op(":=").Qual(nlwirePath, "MinLen").Call(jen.Id("b"), jen.Id(minSize)), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Op("&").Qual(nlwirePath, "DecodeError").Values(jen.Dict{
				jen.Id("Msg"): jen.Lit(label(s.GoName)),
				jen.Id("Err"): jen.Err(),
			})),
		),
		jen.Id("h").Dot("decode").Call(jen.Id("b")),
		jen.Return(jen.Nil()),
	)

	enc := []jen.Code{
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Make(jen.Index().Byte(), jen.Id(size)).Op("...")),
	}
	if s.Size > 0 {
		enc = append(enc, jen.Id("x").Op(":=").Id("b").Index(jen.Len(jen.Id("b")).Op("-").Id(size).Op(":")))
		enc = append(enc, jen.Id("_").Op("=").Id("x").Index(jen.Lit(s.Size-1)))
	}
	for _, fd := range s.Fields {
		if fd.Length {
			continue
		}
		enc = append(enc, writeScalar(fd.Scalar, fd.Offset, jen.Id("h").Dot(fd.GoName)))
	}
	enc = append(enc, jen.Return(jen.Id("b")))
	f.Comment(fmt.Sprintf("Append appends h's %s bytes to b.", size))
	f.Func().Params(jen.Id("h").Op("*").Id(s.GoName)).Id("Append").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(enc...)
}

// readScalar reads a scalar at a constant offset of x-or-b.
func readScalar(sc scalar, off int) jen.Code {
	var raw *jen.Statement
	if sc.Read == "" {
		raw = jen.Id("b").Index(jen.Lit(off))
	} else {
		raw = jen.Qual(binaryPath, sc.Order).Dot(sc.Read).Call(jen.Id("b").Index(jen.Lit(off).Op(":")))
	}
	if sc.Signed {
		return jen.Id(sc.GoType).Call(raw)
	}
	return raw
}

// writeScalar stores v at a constant offset of x.
func writeScalar(sc scalar, off int, v *jen.Statement) jen.Code {
	val := jen.Id(sc.Unsigned).Call(v)
	if sc.Put == "" {
		return jen.Id("x").Index(jen.Lit(off)).Op("=").Add(val)
	}
	return jen.Qual(binaryPath, sc.Order).Dot(sc.Put).Call(jen.Id("x").Index(jen.Lit(off).Op(":")), val)
}
