// Command nlgen compiles a netlink schema (HCL) into zero-allocation Go
// codecs that use github.com/linx-go/linx/runtime/nlwire: rtnetlink's
// (schema/rtnetlink.hcl) or any family's, generic netlink families
// included (a message with genl = "NAME").
//
// Usage, typically from a //go:generate line in the output package:
//
//	nlgen [-out DIR] [-pkg NAME] [-base NAME] SCHEMA.hcl...
//
// The output package (name and import path) is resolved with the go
// command from DIR, so nlgen works in any module. Schema mistakes are
// reported as file:line:col: message, with the offending line.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func cfgEnv() []string { return os.Environ() }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("nlgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", ".", "output package directory")
	pkgName := fs.String("pkg", "", "package name, for a directory without Go files yet")
	base := fs.String("base", "", "file name prefix of the generated files (default: the first schema's name)")
	noUnix := fs.Bool("nounix", false, "do not generate checks against golang.org/x/sys/unix constants")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nlgen [-out DIR] [-pkg NAME] [-base NAME] SCHEMA.hcl...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	schemas := fs.Args()
	parser, files, diags := parseFiles(schemas)
	var model *Model
	if !diags.HasErrors() {
		var d hcl.Diagnostics
		model, d = resolve(files)
		diags = append(diags, d...)
	}
	if len(diags) > 0 {
		wr := hcl.NewDiagnosticTextWriter(stderr, parser.Files(), 100, false)
		for _, d := range diags {
			if d.Subject != nil {
				fmt.Fprintf(stderr, "%s:%d:%d: %s\n", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary)
			}
			wr.WriteDiagnostic(d)
		}
		if diags.HasErrors() {
			return 1
		}
	}
	pkg, err := resolvePackage(*out, *pkgName)
	if err != nil {
		fmt.Fprintln(stderr, "nlgen:", err)
		return 1
	}
	unix := map[string]bool{}
	if !*noUnix {
		if unix, err = unixConstants(*out); err != nil {
			fmt.Fprintln(stderr, "nlgen: no checks against x/sys/unix:", err)
			unix = map[string]bool{}
		}
	}
	if *base == "" {
		*base = strings.TrimSuffix(filepath.Base(schemas[0]), filepath.Ext(schemas[0]))
	}
	var srcs []string
	for _, s := range schemas {
		srcs = append(srcs, filepath.ToSlash(s))
	}
	e := &emitter{
		pkg:     pkg,
		command: "nlgen " + strings.Join(args, " "),
		sources: srcs,
		unix:    unix,
	}
	e.emit(model, *base)
	if err := e.write(*out); err != nil {
		fmt.Fprintln(stderr, "nlgen:", err)
		return 1
	}
	return 0
}
