package main

import (
	"fmt"
	"io"
	"reflect"
	"sort"

	"github.com/linx-go/linx/gen/rtnl"
)

// sizesMain prints the in-memory layout of rtnl.Route (-sizes): every
// field's size and the bytes it occupies with its padding, nested structs
// expanded, largest first within each level. It is what a []rtnl.Route from
// List costs per route before any slice a route points to.
func sizesMain(w io.Writer) error {
	t := reflect.TypeFor[rtnl.Route]()
	fmt.Fprintf(w, "# sizeof(rtnl.Route) = %d bytes (align %d)\n", t.Size(), t.Align())
	layout(w, t, "", 0)
	fmt.Fprintf(w, "# sizeof(compactRoute) = %d bytes: the prototype of -protos proto-compact\n", compactSize)
	layout(w, reflect.TypeFor[compactRoute](), "", 0)
	return nil
}

// layout prints t's fields, indented by depth.
func layout(w io.Writer, t reflect.Type, prefix string, depth int) {
	type row struct {
		name, typ   string
		size, spans uintptr
		ft          reflect.Type
	}
	var rows []row
	for i := range t.NumField() {
		f := t.Field(i)
		end := t.Size()
		if i+1 < t.NumField() {
			end = t.Field(i + 1).Offset
		}
		rows = append(rows, row{f.Name, f.Type.String(), f.Type.Size(), end - f.Offset, f.Type})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].spans > rows[j].spans })
	for _, r := range rows {
		pad := ""
		if r.spans != r.size {
			pad = fmt.Sprintf(" (+%d padding)", r.spans-r.size)
		}
		fmt.Fprintf(w, "%*s%-14s %4d bytes%s  %s\n", 2*depth, "", prefix+r.name, r.size, pad, r.typ)
		if r.ft.Kind() == reflect.Struct && r.ft.NumField() > 1 && depth < 2 && r.ft.PkgPath() != "net/netip" {
			layout(w, r.ft, "", depth+1)
		}
	}
}

// compactSize is the size of the proposed owned route (compact.go).
var compactSize = reflect.TypeFor[compactRoute]().Size()
