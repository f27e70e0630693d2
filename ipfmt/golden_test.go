package ipfmt

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlwire"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.txtar with the current output")

// captured is one message from gen/rtnl/testdata/kernel, decoded.
type captured struct {
	name string // msgN.hex
	msg  any
}

// loadCapture decodes every message of one capture archive by its
// nlmsg_type.
func loadCapture(t *testing.T, path string) []captured {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []captured
	for _, f := range ar.Files {
		raw, err := hex.DecodeString(strings.Join(strings.Fields(string(f.Data)), ""))
		if err != nil || len(raw) < 16 {
			t.Fatalf("%s/%s: bad capture: %v", path, f.Name, err)
		}
		typ := binary.NativeEndian.Uint16(raw[4:])
		var m nlwire.Codec
		for i := range rtnl.Messages {
			if mi := &rtnl.Messages[i]; mi.NewType == typ || mi.DelType == typ {
				m = mi.Make()
			}
		}
		if m == nil {
			t.Fatalf("%s/%s: message type %d is not in the schema", path, f.Name, typ)
		}
		if err := m.Decode(raw[16:]); err != nil {
			t.Fatalf("%s/%s: %v", path, f.Name, err)
		}
		out = append(out, captured{name: f.Name, msg: m})
	}
	return out
}

// captureLinks is a LinkTable from the captured link dump: every capture
// namespace was set up the same way, so its indexes name the same links.
func captureLinks(t *testing.T) *LinkTable {
	var lt LinkTable
	for _, c := range loadCapture(t, filepath.Join(captureDir, "links.txtar")) {
		lt.Learn(c.msg.(*rtnl.Link))
	}
	return &lt
}

const captureDir = "../gen/rtnl/testdata/kernel"

// goldenModes are the flag combinations every message is printed in.
var goldenModes = []struct {
	name string
	opt  Options
}{
	{"text", Options{}},
	{"text-d", Options{Details: true}},
	{"text-N", Options{Numeric: true}},
	{"json", Options{JSON: true}},
	{"json-N", Options{JSON: true, Numeric: true}},
	{"json-d", Options{JSON: true, Details: true}},
}

// TestGolden prints every captured message (gen/rtnl/testdata/kernel) in
// every mode and compares with testdata/golden/CASE.txtar, where the file
// msgN.MODE holds the output. Objects this package cannot print yet are
// skipped by name in the archive comment. After a deliberate change in
// wording, run `go test ./ipfmt -run Golden -update` and review the diff.
func TestGolden(t *testing.T) { testGolden(t, goldenModes, "golden") }

// numericModes are -N with -d, as ip -d -N and ip -j -d -N print (the
// other -N modes are goldenModes'), in testdata/golden-numeric.
var numericModes = []struct {
	name string
	opt  Options
}{
	{"text-d-N", Options{Details: true, Numeric: true}},
	{"json-d-N", Options{JSON: true, Details: true, Numeric: true}},
}

// TestGoldenNumeric is TestGolden in numericModes.
func TestGoldenNumeric(t *testing.T) { testGolden(t, numericModes, "golden-numeric") }

func testGolden(t *testing.T, modes []struct {
	name string
	opt  Options
}, dir string) {
	captures, err := filepath.Glob(filepath.Join(captureDir, "*.txtar"))
	if err != nil || len(captures) == 0 {
		t.Fatalf("no captures: %v", err)
	}
	links := captureLinks(t)
	for _, path := range captures {
		c := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(c, func(t *testing.T) {
			var got []txtar.File
			for _, m := range loadCapture(t, path) {
				for _, mode := range modes {
					o := mode.opt
					o.Links = links
					b, err := o.Append(nil, m.msg)
					if err != nil {
						b = []byte("error: " + err.Error() + "\n")
					} else if o.JSON {
						if !json.Valid(b) {
							t.Errorf("%s %s: invalid JSON: %s", m.name, mode.name, b)
						}
						b = append(b, '\n')
					}
					got = append(got, txtar.File{Name: strings.TrimSuffix(m.name, ".hex") + "." + mode.name, Data: b})
				}
			}
			golden := filepath.Join("testdata", dir, c+".txtar")
			if *update {
				ar := &txtar.Archive{Comment: []byte(fmt.Sprintf("ipfmt output for %s/%s.txtar; regenerate with go test -run Golden -update.\n", captureDir, c)), Files: got}
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			ar, err := txtar.ParseFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			want := map[string][]byte{}
			for _, f := range ar.Files {
				want[f.Name] = f.Data
			}
			if len(want) != len(got) {
				t.Errorf("%s has %d outputs, the captures give %d", golden, len(want), len(got))
			}
			for _, f := range got {
				if w, ok := want[f.Name]; !ok {
					t.Errorf("%s: missing from %s", f.Name, golden)
				} else if !bytes.Equal(w, f.Data) {
					t.Errorf("%s:\n got: %s\nwant: %s", f.Name, f.Data, w)
				}
			}
		})
	}
}

// TestGoldenAddrShow prints the captured links with the captured addresses
// as `ip addr show` does (AppendAddrs) and compares with
// testdata/golden/addr-show.txtar.
func TestGoldenAddrShow(t *testing.T) {
	links := captureLinks(t)
	var ls []rtnl.Link
	for _, c := range loadCapture(t, filepath.Join(captureDir, "links.txtar")) {
		ls = append(ls, *c.msg.(*rtnl.Link))
	}
	var as []rtnl.Addr
	for _, c := range loadCapture(t, filepath.Join(captureDir, "addrs.txtar")) {
		as = append(as, *c.msg.(*rtnl.Addr))
	}
	var got []txtar.File
	for _, mode := range goldenModes {
		o := mode.opt
		o.Links = links
		var b []byte
		for i := range ls {
			b = o.AppendAddrs(b, &ls[i], as)
			if o.JSON {
				b = append(b, '\n')
			}
		}
		got = append(got, txtar.File{Name: "addr-show." + mode.name, Data: b})
		o.Family = rtnl.AF_INET
		b = nil
		for i := range ls {
			b = o.AppendAddrs(b, &ls[i], as)
			if o.JSON {
				b = append(b, '\n')
			}
		}
		got = append(got, txtar.File{Name: "addr-show-4." + mode.name, Data: b})
	}
	checkGolden(t, filepath.Join("testdata", "golden", "addr-show.txtar"), "AppendAddrs of links.txtar and addrs.txtar", got)
}

// checkGolden compares files with the archive at path, or rewrites it with
// -update.
func checkGolden(t *testing.T, path, what string, got []txtar.File) {
	t.Helper()
	if *update {
		ar := &txtar.Archive{Comment: []byte("ipfmt output: " + what + "; regenerate with go test -run Golden -update.\n"), Files: got}
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if len(ar.Files) != len(got) {
		t.Errorf("%s has %d outputs, want %d", path, len(ar.Files), len(got))
	}
	for i, f := range got {
		if i < len(ar.Files) && (ar.Files[i].Name != f.Name || !bytes.Equal(ar.Files[i].Data, f.Data)) {
			t.Errorf("%s:\n got: %s\nwant %s: %s", f.Name, f.Data, ar.Files[i].Name, ar.Files[i].Data)
		}
	}
}

// TestGoldenEvents prints every captured message as ip monitor's lines (a
// new and a deleted object, text and JSON; and a resync) and compares with
// testdata/golden/events.txtar.
func TestGoldenEvents(t *testing.T) {
	captures, err := filepath.Glob(filepath.Join(captureDir, "*.txtar"))
	if err != nil || len(captures) == 0 {
		t.Fatalf("no captures: %v", err)
	}
	links := captureLinks(t)
	var got []txtar.File
	for _, mode := range []struct {
		name string
		opt  Options
	}{{"text", Options{}}, {"json", Options{JSON: true}}} {
		o := mode.opt
		o.Links = links
		for _, path := range captures {
			c := strings.TrimSuffix(filepath.Base(path), ".txtar")
			var b []byte
			for _, m := range loadCapture(t, path) {
				for _, kind := range []monitor.Kind{monitor.New, monitor.Del} {
					var ok bool
					if b, ok = o.AppendEvent(b, &monitor.Event{Kind: kind, Msg: m.msg.(nlwire.Codec)}); !ok {
						t.Errorf("%s %s: AppendEvent printed nothing", c, m.name)
					}
				}
			}
			got = append(got, txtar.File{Name: c + "." + mode.name, Data: b})
		}
		b, _ := o.AppendEvent(nil, &monitor.Event{Kind: monitor.Resync, Reason: "lost"})
		got = append(got, txtar.File{Name: "resync." + mode.name, Data: b})
	}
	checkGolden(t, filepath.Join("testdata", "golden", "events.txtar"), "AppendEvent of every capture, new and del", got)
}
