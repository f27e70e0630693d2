package main

import (
	"bytes"
	"errors"
	"iter"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// routes yields the scripted (route, error) pairs of a dump.
func routes(script ...any) iter.Seq2[*rtnl.Route, error] {
	return func(yield func(*rtnl.Route, error) bool) {
		for i := 0; i < len(script); i += 2 {
			r, _ := script[i].(*rtnl.Route)
			err, _ := script[i+1].(error)
			if !yield(r, err) {
				return
			}
		}
	}
}

func testRoute(dst string) *rtnl.Route {
	var r rtnl.Route
	p := netip.MustParsePrefix(dst)
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: uint8(p.Bits()), Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
	r.SetDst(p.Addr())
	return &r
}

// TestEachPrintsWhatDidNotDecode: a listing prints every route it got,
// the one that did not decode too (as far as it did), with a warning on
// stderr naming the message, attribute and offset; an error that ends the
// dump is returned after what came before it was printed, and the JSON
// array is closed.
func TestEachPrintsWhatDidNotDecode(t *testing.T) {
	bad := &nlwire.DecodeError{Msg: "route", Nth: 2, Attr: "RTA_GATEWAY", Offset: 28, Err: &nlwire.LengthError{Got: 3, Want: "4"}}
	ended := errors.New("dump interrupted")
	for _, c := range []struct {
		json        bool
		script      []any
		out, stderr string
		err         error
	}{
		{false, []any{testRoute("10.1.0.0/16"), nil, testRoute("10.2.0.0/16"), bad, testRoute("10.3.0.0/16"), nil},
			"10.1.0.0/16 proto static\n10.2.0.0/16 proto static\n10.3.0.0/16 proto static\n",
			"linx: warning: route message 2 RTA_GATEWAY at offset 28: payload length 3, want 4 (printed as far as it decoded)\n", nil},
		{true, []any{testRoute("10.1.0.0/16"), bad, nil, ended},
			`[{"dst":"10.1.0.0/16","protocol":"static","flags":[]}]` + "\n",
			"linx: warning: route message 2 RTA_GATEWAY at offset 28: payload length 3, want 4 (printed as far as it decoded)\n", ended},
	} {
		var out, errs bytes.Buffer
		cl := &call{opts: options{json: c.json}, stdout: &out, stderr: &errs}
		l := newListing(cl, cl.fmtOptions(nil, textOptions{hideTable: true}))
		err := each(l, routes(c.script...), nil)
		if err != nil {
			err = l.fail(err)
		} else {
			err = l.close()
		}
		if !errors.Is(err, c.err) || c.err == nil && err != nil {
			t.Errorf("json %v: error %v, want %v", c.json, err, c.err)
		}
		if out.String() != c.out {
			t.Errorf("json %v: stdout\n%s\nwant\n%s", c.json, out.String(), c.out)
		}
		if errs.String() != c.stderr {
			t.Errorf("json %v: stderr %q, want %q", c.json, errs.String(), c.stderr)
		}
	}
	// keep leaves out what it rejects, never what did not decode.
	var out, errs bytes.Buffer
	cl := &call{stdout: &out, stderr: &errs}
	l := newListing(cl, cl.fmtOptions(nil, textOptions{hideTable: true}))
	none := func(*rtnl.Route) bool { return false }
	if err := each(l, routes(testRoute("10.1.0.0/16"), nil, testRoute("10.2.0.0/16"), bad), none); err != nil {
		t.Fatal(err)
	}
	l.close()
	if got := out.String(); got != "10.2.0.0/16 proto static\n" || !strings.Contains(errs.String(), "RTA_GATEWAY") {
		t.Errorf("keep: stdout %q, stderr %q", got, errs.String())
	}
}
