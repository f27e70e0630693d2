package main

import (
	"errors"
	"fmt"
	"golang.org/x/sys/unix"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/runtime/nlsock"
)

// TestObjectTable: every object has its words, a summary, a usage line, a
// verb to run without one; names and words are unique; a message type's
// object is named by the schema's words.
func TestObjectTable(t *testing.T) {
	seen := map[string]string{}
	for _, o := range objects {
		if o.short == "" || len(o.verbs) == 0 || o.verbs[0].run == nil || o.verbs[0].usage == "" {
			t.Errorf("%s: incomplete row %+v", o.name, o)
		}
		if len(wordsOf(o.name)) == 0 {
			t.Errorf("%s: no words", o.name)
		}
		if m := messageOf(o.name); m != nil && !slices.Equal(wordsOf(o.name)[:len(m.Words)], m.Words) {
			t.Errorf("%s: words %v, the schema's %v", o.name, wordsOf(o.name), m.Words)
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

// TestOptionsReachIpfmt: the global options are parsed once and become
// ipfmt's options, with a listing's hidden columns and its names.
func TestOptionsReachIpfmt(t *testing.T) {
	opts, rest, err := parseOptions([]string{"-j", "-p", "-N", "-d", "-6", "route"})
	if err != nil || len(rest) != 1 {
		t.Fatalf("parseOptions: %v %v", rest, err)
	}
	c := &call{opts: opts}
	links := newLinkSet(nlsock.NetNS{})
	got := c.fmtOptions(links, textOptions{hideTable: true, hideDev: true})
	want := ipfmt.Options{JSON: true, Pretty: true, Numeric: true, Details: true, Family: rtnl.AF_INET6, Links: links, NetNS: c.netns, HideTable: true, HideDev: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options %+v\nwant %+v", got, want)
	}
	if got := c.fmtOptions(nil, textOptions{}); got.Links != nil {
		t.Errorf("no links: Links is %#v, want nil", got.Links)
	}
}

// TestHelpWords: linx help names each object's words from the schema,
// without abbreviations.
func TestHelpWords(t *testing.T) {
	h := helpUsage()
	for _, want := range []string{"  addr (address) ", "  neigh (neighbour, neighbor)\n", "  nexthop (nh) ", "  route ", "  netconf "} {
		if !strings.Contains(h, want) {
			t.Errorf("help has no %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "(r, ro)") || strings.Contains(h, ", a)") {
		t.Errorf("help lists abbreviations:\n%s", h)
	}
}

// A kernel error of a dump (named by its message type) reads as ip's.
func TestKernelErrorText(t *testing.T) {
	for in, want := range map[error]string{
		&nlsock.Error{Op: "RTM_GETROUTE", Errno: unix.ENOENT, Message: "ipv4: FIB table does not exist", Offset: -1, MissingAttr: -1, MissingNest: -1}: "Error: ipv4: FIB table does not exist.",
		&nlsock.Error{Op: "RTM_GETNEXTHOP", Errno: unix.ENOENT, Offset: -1, MissingAttr: -1, MissingNest: -1}:                                          "RTNETLINK answers: No such file or directory",
		errors.New(`type: invalid route_type "foo": want a number or one of unicast`):                                                                  `invalid type "foo": want a number or one of unicast`,
		errors.New(`nud: invalid neigh_state flag "x": want`):                                                                                          `invalid nud "x": want`,
		errors.New(`proto: invalid protocol "x": want`):                                                                                                `proto: invalid protocol "x": want`,
		fmt.Errorf("list interfaces in x: %w", &nlsock.Error{Op: "RTM_GETLINK", Errno: unix.EPERM, Offset: -1, MissingAttr: -1, MissingNest: -1}):      "list interfaces in x: RTNETLINK answers: Operation not permitted",
	} {
		if got := errorText(in); got != want {
			t.Errorf("%v: %q, want %q", in, got, want)
		}
	}
}

// Where ip's exit status is 1, not a usage error's 255: route show with a
// word that is no prefix, route get without an address.
func TestRouteArgErrors(t *testing.T) {
	for args, want := range map[string]string{
		"route show foo": `any valid prefix is expected rather than "foo"`,
		"route get":      "needs an address",
		"route get to":   "needs an address",
	} {
		code, out, errs := runCLI(strings.Fields(args)...)
		if code != exitError || out != "" || !strings.Contains(errs, want) || strings.Contains(errs, "usage:") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, out, errs, want)
		}
	}
	// A word that is a prefix, or a flag, stays a usage error.
	if code, _, _ := runCLI("route", "show", "-x"); code != exitUsage {
		t.Errorf("route show -x: exit %d, want %d", code, exitUsage)
	}
}
