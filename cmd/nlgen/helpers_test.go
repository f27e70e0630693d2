package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// Helpers shared by the golden, end-to-end and schema error tests.

// writeSchema writes src as dir/schema.hcl and returns its path.
func writeSchema(t testing.TB, dir string, src []byte) string {
	t.Helper()
	path := filepath.Join(dir, "schema.hcl")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runNlgen calls run as the command line would, turning a panic into a
// test failure that shows the stack.
func runNlgen(t testing.TB, args ...string) (code int, stderr string) {
	t.Helper()
	var buf bytes.Buffer
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("nlgen %s panicked: %v\n%s\nstderr so far:\n%s", strings.Join(args, " "), p, debug.Stack(), buf.String())
			}
		}()
		code = run(args, &buf)
	}()
	return code, buf.String()
}

// parseAndResolve runs the first two stages on the schema files. A panic is
// returned as an error so callers can report which input caused it.
func parseAndResolve(paths ...string) (m *Model, diags hcl.Diagnostics, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	_, files, diags := parseFiles(paths)
	if diags.HasErrors() {
		return nil, diags, nil
	}
	m, d := resolve(files)
	return m, append(diags, d...), nil
}

// testPkg is the package golden output is generated for: it does not exist,
// and need not, since the output is rendered to memory.
var testPkg = pkgInfo{Name: "x", Path: "example.com/x"}

// generate runs all three stages on one schema file and renders the output
// to memory, keyed by file name, as run would write it to -out. unix is the
// set of constants taken to exist in golang.org/x/sys/unix.
func generate(t testing.TB, schema string, unix map[string]bool) map[string][]byte {
	t.Helper()
	m, diags, err := parseAndResolve(schema)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("schema errors:\n%s", diagText(diags))
	}
	e := &emitter{
		pkg:     testPkg,
		command: "nlgen -out . schema.hcl",
		sources: []string{"schema.hcl"},
		unix:    unix,
	}
	e.emit(m, "x")
	out := map[string][]byte{}
	for _, o := range e.files {
		if _, dup := out[o.name]; dup {
			t.Fatalf("two generated files are named %s", o.name)
		}
		var buf bytes.Buffer
		if err := o.file.Render(&buf); err != nil {
			t.Fatalf("rendering %s: %v", o.name, err)
		}
		out[o.name] = buf.Bytes()
	}
	return out
}

// diagText lists diagnostics one a line, as file:line:col: summary: detail.
func diagText(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Subject != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(&b, "%s: %s\n", d.Summary, d.Detail)
	}
	return b.String()
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
