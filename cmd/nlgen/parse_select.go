package main

import "github.com/hashicorp/hcl/v2"

// selectAST is a select block: the attribute sets a nest may hold, one per
// value of a sibling attribute (RTA_ENCAP by RTA_ENCAP_TYPE, IFLA_INFO_DATA
// by IFLA_INFO_KIND).
type selectAST struct {
	Name     string         `hcl:"name,label"`
	Doc      string         `hcl:"doc,optional"`
	Key      hcl.Expression `hcl:"key"` // an enum name, or string
	Variants []variantAST   `hcl:"variant,block"`
	Range    hcl.Range      `hcl:",def_range"`
}

// variantAST is one variant: the selector value (an enum value's C name,
// or the string) and its attribute set.
type variantAST struct {
	Key   string         `hcl:"key,label"`
	Attrs hcl.Expression `hcl:"attrs"`
	Go    string         `hcl:"go"`
	Doc   string         `hcl:"doc,optional"`
	Range hcl.Range      `hcl:",def_range"`
}

// byFamilyAST is an addr attribute's type for one address family of the
// message: an array of a struct (an MPLS label stack), in a field of its own.
type byFamilyAST struct {
	Family string         `hcl:"family,label"` // an enum value's C name
	Type   hcl.Expression `hcl:"type"`         // array
	Struct hcl.Expression `hcl:"struct"`
	Go     string         `hcl:"go"`
	Range  hcl.Range      `hcl:",def_range"`
}
