package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
)

// TestObjectTable: every object has its words, a summary, a usage line, a
// verb to run without one, and a printer; names and words are unique.
func TestObjectTable(t *testing.T) {
	seen := map[string]string{}
	for _, o := range objects {
		if o.short == "" || o.print == nil || len(o.verbs) == 0 || o.verbs[0].run == nil || o.verbs[0].usage == "" {
			t.Errorf("%s: incomplete row %+v", o.name, o)
		}
		if len(wordsOf(o.name)) == 0 {
			t.Errorf("%s: no words", o.name)
		}
		for _, w := range append([]string{o.name}, wordsOf(o.name)...) {
			if other, ok := seen[w]; ok && other != o.name {
				t.Errorf("word %q names %s and %s", w, other, o.name)
			}
			seen[w] = o.name
			if got, ok := lookupObject(w); !ok || got != o {
				t.Errorf("word %q finds %v, want %s", w, got, o.name)
			}
		}
		for _, v := range o.verbs {
			if v.run == nil {
				t.Errorf("%s %v: no run", o.name, v.names)
			}
			for _, n := range v.names {
				if got, ok := o.lookupVerb(n); !ok || got.run == nil || !strings.Contains(strings.Join(got.names, " "), n) {
					t.Errorf("%s %s: verb lookup %v", o.name, n, got)
				}
			}
		}
	}
	// ip's verb abbreviations.
	for word, want := range map[string]string{"s": "list", "sh": "list", "l": "list", "ls": "list", "g": "get", "a": "add", "r": "replace", "d": "delete", "del": "delete"} {
		if v, ok := routeObject.lookupVerb(word); !ok || v.names[0] != want {
			t.Errorf("route %s: %v %v, want %s", word, v, ok, want)
		}
	}
}

// TestIntegrationOptionsReachPrinter: the global options are parsed once
// and handed to the object's printer, the one field a presentation
// package replaces.
func TestIntegrationOptionsReachPrinter(t *testing.T) {
	ns := setupNS(t)
	saved := routeObject.print
	defer func() { routeObject.print = saved }()
	var got []options
	routeObject.print = func(b []byte, v any, p *printCtx) []byte {
		got = append(got, *p.opts)
		return append(b, "{}"...)
	}
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"-n", ns.Name(), "-j", "-p", "-N", "-d", "-6", "route", "list", "table", "all"}, &out, &errs)
	if code != 0 || len(got) == 0 {
		t.Fatalf("exit %d, %d routes printed, stderr %q", code, len(got), errs.String())
	}
	for _, o := range got {
		if !o.json || !o.pretty || !o.numeric || !o.details || o.family != rtnl.AF_INET6 || o.ns.Name() != ns.Name() {
			t.Fatalf("the printer was given %+v", o)
		}
	}
	if !strings.HasPrefix(out.String(), "[ {},{}") { // -p: ip's layout
		t.Errorf("output %q does not come from the printer", out.String())
	}
}
