package ipfmt

import (
	"bytes"
	"encoding/json"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"testing"
)

// ipPretty is ip -j -p's output for a link with two addresses and an empty
// listing (iproute2 6.1).
const ipPretty = `[ {
        "ifindex": 1,
        "ifname": "lo",
        "flags": [ "LOOPBACK","UP","LOWER_UP" ],
        "mtu": 65536,
        "linkinfo": {},
        "addr_info": [ {
                "family": "inet",
                "local": "127.0.0.1",
                "label": "lo \"x\", {y}: [z]"
            },{
                "family": "inet6",
                "local": "::1",
                "flags": [ ]
            } ]
    },{
        "ifindex": 2
    } ]`

func TestAppendPretty(t *testing.T) {
	for _, want := range []string{ipPretty, "[ ]", "{}", "[ 1,2 ]", `"x"`, "5"} {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(want)); err != nil {
			t.Fatal(err)
		}
		if got := AppendPretty(nil, compact.Bytes()); string(got) != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
}

// TestPrettyWriterStreams: the layout does not depend on how the JSON is
// cut into writes (ipfmt writes a listing object by object).
func TestPrettyWriterStreams(t *testing.T) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(ipPretty)); err != nil {
		t.Fatal(err)
	}
	for _, step := range []int{1, 2, 7, compact.Len()} {
		var out bytes.Buffer
		p := &prettyWriter{w: &out}
		src := append(compact.Bytes(), '\n')
		for i := 0; i < len(src); i += step {
			if n, err := p.Write(src[i:min(i+step, len(src))]); err != nil || n != min(step, len(src)-i) {
				t.Fatalf("Write: %d, %v", n, err)
			}
		}
		if out.String() != ipPretty+"\n" {
			t.Errorf("writes of %d bytes:\n%s\nwant\n%s", step, out.String(), ipPretty)
		}
	}
}

// Options.Pretty lays out what Append, AppendAddrs and List write, as
// AppendPretty does; AppendEvent keeps one line.
func TestOptionsPretty(t *testing.T) {
	var l rtnl.Link
	l.Header = rtnl.IfInfoMsg{Index: 2, Type: 1, Flags: rtnl.IFF_UP}
	l.SetIfName("v0")
	l.SetMTU(1500)
	compact := Options{JSON: true}
	pretty := Options{JSON: true, Pretty: true}
	c, _ := compact.Append([]byte("x"), &l)
	p, _ := pretty.Append([]byte("x"), &l)
	if want := AppendPretty([]byte("x"), c[1:]); !bytes.Equal(p, want) || !bytes.Contains(p, []byte("\n    \"ifname\": \"v0\"")) {
		t.Errorf("Append, Pretty:\n%s\nwant\n%s", p, want)
	}
	if got, want := pretty.AppendAddrs(nil, &l, nil), AppendPretty(nil, compact.AppendAddrs(nil, &l, nil)); !bytes.Equal(got, want) {
		t.Errorf("AppendAddrs, Pretty:\n%s\nwant\n%s", got, want)
	}
	var cb, pb bytes.Buffer
	for o, w := range map[*Options]*bytes.Buffer{&compact: &cb, &pretty: &pb} {
		list := o.NewList(w)
		list.Add(&l)
		list.Add(&l)
		list.Close()
	}
	if want := string(AppendPretty(nil, bytes.TrimSuffix(cb.Bytes(), []byte("\n")))) + "\n"; pb.String() != want {
		t.Errorf("List, Pretty:\n%s\nwant\n%s", pb.String(), want)
	}
	ev, _ := pretty.AppendEvent(nil, &monitor.Event{Kind: monitor.New, Msg: &l})
	if bytes.Count(ev, []byte("\n")) != 1 {
		t.Errorf("AppendEvent, Pretty: %q, want one line", ev)
	}
}
