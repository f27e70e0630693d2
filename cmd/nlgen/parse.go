package main

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// The parse stage: HCL text -> plain structs that still carry source ranges.
// Nothing is resolved here; references stay keywords until model.go.

type fileAST struct {
	Enums    []enumAST    `hcl:"enum,block"`
	Flags    []enumAST    `hcl:"flags,block"`
	Structs  []structAST  `hcl:"struct,block"`
	Attrs    []attrsAST   `hcl:"attrs,block"`
	Records  []recordAST  `hcl:"record,block"`
	Messages []messageAST `hcl:"message,block"`
	Selects  []selectAST  `hcl:"select,block"`
}

type enumAST struct {
	Name   string         `hcl:"name,label"`
	Doc    string         `hcl:"doc,optional"`
	Type   hcl.Expression `hcl:"type"`
	Upper  bool           `hcl:"upper,optional"`
	Values []valueAST     `hcl:"value,block"`
	Range  hcl.Range      `hcl:",def_range"`
}

type valueAST struct {
	Name  string         `hcl:"name,label"`
	ID    hcl.Expression `hcl:"id"`
	Text  string         `hcl:"text,optional"`
	Doc   string         `hcl:"doc,optional"`
	Range hcl.Range      `hcl:",def_range"`
}

type structAST struct {
	Name   string     `hcl:"name,label"`
	Doc    string     `hcl:"doc,optional"`
	Unix   string     `hcl:"unix,optional"`
	Min    int        `hcl:"min_size,optional"`
	Fields []fieldAST `hcl:"field,block"`
	Range  hcl.Range  `hcl:",def_range"`
}

type fieldAST struct {
	Name   string         `hcl:"name,label"`
	Type   hcl.Expression `hcl:"type"`
	Length bool           `hcl:"length,optional"`
	Doc    string         `hcl:"doc,optional"`
	Text   string         `hcl:"text,optional"` // word ip prints before the value
	JSON   string         `hcl:"json,optional"` // key ip -j prints
	Range  hcl.Range      `hcl:",def_range"`
}

type attrsAST struct {
	Name   string    `hcl:"name,label"`
	Doc    string    `hcl:"doc,optional"`
	Prefix string    `hcl:"prefix,optional"`
	Attrs  []attrAST `hcl:"attr,block"`
	Range  hcl.Range `hcl:",def_range"`
}

type attrAST struct {
	Name   string         `hcl:"name,label"`
	ID     hcl.Expression `hcl:"id"`
	Type   hcl.Expression `hcl:"type"`
	Go     string         `hcl:"go,optional"`
	Doc    string         `hcl:"doc,optional"`
	Attrs  hcl.Expression `hcl:"attrs,optional"`
	Record hcl.Expression `hcl:"record,optional"`
	Struct hcl.Expression `hcl:"struct,optional"`
	Nested bool           `hcl:"nested_flag,optional"`
	Repeat bool           `hcl:"repeated,optional"`
	// Select names the select block of a type = select attribute, and
	// SelectBy the sibling attribute whose value chooses the variant.
	Select   hcl.Expression `hcl:"select,optional"`
	SelectBy hcl.Expression `hcl:"select_by,optional"`
	// ByFamily are the attribute's other types for some address families
	// of the message (AF_MPLS: RTA_DST is a label stack).
	ByFamily []byFamilyAST `hcl:"by_family,block"`
	Text     string        `hcl:"text,optional"` // word ip prints before the value
	JSON     string        `hcl:"json,optional"` // key ip -j prints
	Range    hcl.Range     `hcl:",def_range"`
}

type recordAST struct {
	Name   string         `hcl:"name,label"`
	Doc    string         `hcl:"doc,optional"`
	Header hcl.Expression `hcl:"header"`
	Attrs  hcl.Expression `hcl:"attrs"`
	Range  hcl.Range      `hcl:",def_range"`
}

type messageAST struct {
	Name   string         `hcl:"name,label"`
	Doc    string         `hcl:"doc,optional"`
	Header hcl.Expression `hcl:"header"`
	Attrs  hcl.Expression `hcl:"attrs"`
	Family hcl.Expression `hcl:"family,optional"`
	New    hcl.Expression `hcl:"new,optional"`
	Del    hcl.Expression `hcl:"del,optional"`
	Get    hcl.Expression `hcl:"get,optional"`
	Groups hcl.Expression `hcl:"groups,optional"`
	Genl   *string        `hcl:"genl,optional"` // generic netlink family name
	// Object is the message's stable object name ("route"); the label when
	// absent.
	Object string `hcl:"object,optional"`
	// Words are the command-line words for the object ("route", "r").
	Words []string `hcl:"words,optional"`
	// Monitor is the word `ip monitor` selects the object's groups with.
	Monitor string `hcl:"monitor,optional"`
	// DumpFlags are the nlmsg_flags of a dump request besides
	// NLM_F_REQUEST; NLM_F_DUMP when absent.
	DumpFlags hcl.Expression `hcl:"dump_flags,optional"`
	// Compact lists the attributes the owned compact form keeps as plain
	// fields (see model_compact.go).
	Compact hcl.Expression `hcl:"compact,optional"`
	// GroupBlocks describe the groups one by one (family, default).
	GroupBlocks []groupAST `hcl:"group,block"`
	Range       hcl.Range  `hcl:",def_range"`
}

// groupAST is a multicast group that carries a message.
type groupAST struct {
	Name    string         `hcl:"name,label"`
	Family  hcl.Expression `hcl:"family,optional"`
	Default bool           `hcl:"default,optional"`
	Range   hcl.Range      `hcl:",def_range"`
}

// parseFiles reads and decodes every schema file. The parser is returned so
// diagnostics can be printed with source snippets.
func parseFiles(paths []string) (*hclparse.Parser, []*fileAST, hcl.Diagnostics) {
	p := hclparse.NewParser()
	var files []*fileAST
	var diags hcl.Diagnostics
	for _, path := range paths {
		f, d := p.ParseHCLFile(path)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		var ast fileAST
		diags = append(diags, gohcl.DecodeBody(f.Body, nil, &ast)...)
		files = append(files, &ast)
	}
	return p, files, diags
}

// keyword returns the bare identifier an expression consists of, such as
// the u8 in `type = u8`. A missing optional expression yields "".
func keyword(expr hcl.Expression, what string) (string, hcl.Diagnostics) {
	if isAbsent(expr) {
		return "", nil
	}
	if kw := hcl.ExprAsKeyword(expr); kw != "" {
		return kw, nil
	}
	// Also accept a quoted string.
	v, diags := expr.Value(nil)
	if !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		return v.AsString(), nil
	}
	return "", hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Invalid " + what,
		Detail:   what + " must be a bare name, such as u32 or an enum declared in the schema.",
		Subject:  expr.Range().Ptr(),
	}}
}

// required is keyword for an argument a block cannot do without: leaving it
// out is an error at the block's opening brace, not a silently empty name.
func required(expr hcl.Expression, what string) (string, hcl.Diagnostics) {
	if isAbsent(expr) {
		rng := hcl.Range{}
		if expr != nil {
			rng = expr.Range()
		}
		return "", hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Missing required argument",
			Detail:   fmt.Sprintf("The argument %q is required.", what),
			Subject:  rng.Ptr(),
		}}
	}
	return keyword(expr, what)
}

// keywords returns the names in a list expression such as `[A, B]`.
func keywords(expr hcl.Expression, what string) ([]string, []hcl.Range, hcl.Diagnostics) {
	if isAbsent(expr) {
		return nil, nil, nil
	}
	exprs, diags := hcl.ExprList(expr)
	if diags.HasErrors() {
		return nil, nil, diags
	}
	var names []string
	var ranges []hcl.Range
	for _, e := range exprs {
		kw, d := keyword(e, what)
		diags = append(diags, d...)
		if kw != "" {
			names = append(names, kw)
			ranges = append(ranges, e.Range())
		}
	}
	return names, ranges, diags
}

// number evaluates an id: a decimal number, or a string in any Go integer
// syntax ("0x100") since HCL has no hex literals.
func number(expr hcl.Expression, max uint64) (uint64, hcl.Diagnostics) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return 0, diags
	}
	bad := func(detail string) (uint64, hcl.Diagnostics) {
		return 0, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Invalid number",
			Detail:   detail,
			Subject:  expr.Range().Ptr(),
		}}
	}
	if v.IsNull() || !v.IsKnown() {
		return bad("A number is required.")
	}
	var n uint64
	switch v.Type() {
	case cty.Number:
		bf := v.AsBigFloat()
		if !bf.IsInt() || bf.Sign() < 0 {
			return bad("The number must be a non-negative integer.")
		}
		u, acc := bf.Uint64()
		if acc != 0 {
			return bad("The number is too large.")
		}
		n = u
	case cty.String:
		u, err := strconv.ParseUint(v.AsString(), 0, 64)
		if err != nil {
			return bad(fmt.Sprintf("%q is not an integer.", v.AsString()))
		}
		n = u
	default:
		return bad("A number or a string such as \"0x100\" is required.")
	}
	if n > max {
		return bad(fmt.Sprintf("%d does not fit: the largest allowed value is %d.", n, max))
	}
	return n, nil
}

func isAbsent(expr hcl.Expression) bool {
	if expr == nil {
		return true
	}
	// gohcl hands optional attributes that are missing as a static null.
	if len(expr.Variables()) > 0 {
		return false
	}
	v, diags := expr.Value(nil)
	return !diags.HasErrors() && v.IsNull()
}
