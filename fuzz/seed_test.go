package fuzz

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

var (
	writeSeeds = flag.Bool("write-seeds", false, "rewrite testdata/fuzz/*/seed-* from the kernel captures")
	listNames  = flag.Bool("names", false, "print the message type names (for run.sh)")
)

// seed is one input of a two-argument target.
type seed struct {
	name string
	typ  uint16
	data []byte
}

// decodeSeeds are the captured payloads, keyed by their nlmsg_type; only
// types rtnl knows.
func decodeSeeds(tb testing.TB) []seed {
	var out []seed
	for _, c := range loadCaptures(tb) {
		if _, ok := lookup(rtnl.Messages, c.typ()); !ok {
			continue
		}
		out = append(out, seed{name: c.file + "-" + strings.TrimSuffix(c.name, ".hex"), typ: c.typ(), data: c.payload()})
	}
	return out
}

// structSeeds are a few byte patterns per message type for the struct
// filler (any bytes are a valid gofuzz input; these reach "every set fully
// present" and "mixed" quickly).
func structSeeds(tb testing.TB) []seed {
	var out []seed
	for _, m := range rtnl.Messages {
		out = append(out,
			seed{name: m.Name + "-empty", typ: m.NewType, data: []byte{}},
			seed{name: m.Name + "-ones", typ: m.NewType, data: bytes.Repeat([]byte{0xff}, 64)},
			seed{name: m.Name + "-mixed", typ: m.NewType, data: bytes.Repeat([]byte{0x00, 0x01, 0x02, 0x03, 0xfe, 0x7f, 0x80, 0x10}, 32)},
		)
	}
	return out
}

// framingSeeds are datagrams: each capture file as one dump (its messages,
// then NLMSG_DONE), and the acknowledgements and errors a request gets.
func framingSeeds(tb testing.TB) []seed {
	cs := loadCaptures(tb)
	var out []seed
	done := nlmsg(nlsock.TypeDone, nlsock.FlagMulti, i32(0))
	var order []string
	byFile := map[string][]byte{}
	for _, c := range cs {
		if _, ok := byFile[c.file]; !ok {
			order = append(order, c.file)
		}
		byFile[c.file] = append(pad4(byFile[c.file]), c.msg...)
	}
	for _, f := range order {
		out = append(out, seed{name: f, data: append(pad4(bytes.Clone(byFile[f])), done...)})
	}
	if len(cs) == 0 {
		return out
	}
	req := cs[0].msg
	reqHdr, _ := nlsock.ParseHeader(req)
	tlvs := nlattr(nlattr(nil, 1, []byte("Route exists\x00")), 2, u32(20))
	out = append(out,
		seed{name: "ack", data: nlmsg(nlsock.TypeError, nlsock.FlagCapped, append(i32(0), req[:nlsock.HeaderLen]...))},
		seed{name: "error-extack", data: nlmsg(nlsock.TypeError, nlsock.FlagAckTLVs,
			append(append(i32(-17), req...), tlvs...))},
		seed{name: "error-capped", data: nlmsg(nlsock.TypeError, nlsock.FlagCapped|nlsock.FlagAckTLVs,
			append(append(i32(-22), req[:nlsock.HeaderLen]...),
				nlattr(nlattr(nlattr(nil, 1, []byte("missing\x00")), 5, u32(1)), 6, u32(28))...))},
		seed{name: "done-error", data: nlmsg(nlsock.TypeDone, nlsock.FlagMulti|nlsock.FlagAckTLVs,
			append(i32(-16), nlattr(nil, 1, []byte("busy\x00"))...))},
		seed{name: "dump-interrupted", data: append(pad4(withFlags(req, reqHdr.Flags|nlsock.FlagDumpIntr)), done...)},
		seed{name: "truncated", data: req[:len(req)-1]},
	)
	return out
}

func nlmsg(typ, flags uint16, payload []byte) []byte {
	b, start := nlsock.BeginMessage(nil, typ, flags, 1)
	return nlsock.EndMessage(append(b, payload...), start)
}

func withFlags(msg []byte, flags uint16) []byte {
	b := bytes.Clone(msg)
	binary.NativeEndian.PutUint16(b[6:], flags)
	return b
}

func nlattr(b []byte, typ uint16, p []byte) []byte {
	b = binary.NativeEndian.AppendUint16(b, uint16(4+len(p)))
	b = binary.NativeEndian.AppendUint16(b, typ)
	return pad4(append(b, p...))
}

func u32(v uint32) []byte { return binary.NativeEndian.AppendUint32(nil, v) }
func i32(v int32) []byte  { return u32(uint32(v)) }

func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// corpusFile is a fuzz input in the format of testdata/fuzz files.
func corpusFile(args ...any) []byte {
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch a := a.(type) {
		case uint16:
			fmt.Fprintf(&b, "uint16(%d)\n", a)
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", a)
		default:
			panic(fmt.Sprintf("corpusFile: unsupported %T", a))
		}
	}
	return b.Bytes()
}

// seedFiles are the committed seed files, by path under testdata/fuzz.
func seedFiles(tb testing.TB) map[string][]byte {
	files := map[string][]byte{}
	for _, s := range decodeSeeds(tb) {
		files[filepath.Join("FuzzDecode", "seed-"+s.name)] = corpusFile(s.typ, s.data)
	}
	for _, s := range structSeeds(tb) {
		files[filepath.Join("FuzzStruct", "seed-"+s.name)] = corpusFile(s.typ, s.data)
	}
	for _, s := range framingSeeds(tb) {
		files[filepath.Join("FuzzFraming", "seed-"+s.name)] = corpusFile(s.data)
	}
	return files
}

// TestSeedCorpus checks that testdata/fuzz/*/seed-* are the files the
// kernel captures give; with -write-seeds (go generate ./fuzz) it rewrites
// them. Other files there (regression inputs) are left alone.
func TestSeedCorpus(t *testing.T) {
	want := seedFiles(t)
	root := filepath.Join("testdata", "fuzz")
	have, err := filepath.Glob(filepath.Join(root, "*", "seed-*"))
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for _, p := range have {
		rel, _ := filepath.Rel(root, p)
		if _, ok := want[rel]; !ok {
			if *writeSeeds {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				continue
			}
			stale = append(stale, "extra "+p)
		}
	}
	for _, rel := range slices.Sorted(mapsKeys(want)) {
		p := filepath.Join(root, rel)
		got, err := os.ReadFile(p)
		if err == nil && bytes.Equal(got, want[rel]) {
			continue
		}
		if *writeSeeds {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, want[rel], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil {
			stale = append(stale, "missing "+p)
		} else {
			stale = append(stale, "outdated "+p)
		}
	}
	if len(stale) > 0 {
		t.Fatalf("the seed corpus does not match %s: run `go generate ./fuzz` and commit testdata/fuzz:\n%s",
			captureGlob, strings.Join(stale, "\n"))
	}
}

func mapsKeys(m map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestMessageNames checks rtnl.Messages is usable by the targets; with
// -names it prints the names for run.sh.
func TestMessageNames(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range rtnl.Messages {
		if m.Name == "" || strings.ContainsAny(m.Name, ", \t\n") || seen[m.Name] {
			t.Errorf("message name %q is empty, repeated or not a plain word", m.Name)
		}
		seen[m.Name] = true
		if m.Make == nil || m.Equal == nil {
			t.Errorf("%s: Make or Equal is nil", m.Name)
			continue
		}
		if m.NewType == 0 && m.DelType == 0 && m.GetType == 0 {
			t.Errorf("%s: no message type number", m.Name)
		}
		if *listNames {
			fmt.Printf("linx-fuzz-type: %s\n", m.Name)
		}
	}
}
