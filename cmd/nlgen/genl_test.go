package main

import (
	"strings"
	"testing"
)

const genlTestAttrs = `
enum "Cmd" {
  type = u8
  value "X_CMD_GET" { id = 1 }
}
enum "BigCmd" {
  type = u16
  value "X_BIG" { id = 300 }
}
struct "GenlHdr" {
  field "Cmd"      { type = Cmd }
  field "Version"  { type = u8 }
  field "Reserved" { type = u16 }
}
struct "Short" {
  field "Cmd" { type = u16 }
}
attrs "A" {
  attr "X_A_NAME" {
    id   = 1
    type = string
  }
}
`

func TestGenlSchemaErrors(t *testing.T) {
	for _, tc := range []struct{ name, msg, detail string }{
		{"empty name", `genl = ""`, "must be a family name"},
		{"long name", `genl = "0123456789abcdef"`, "must be a family name"},
		{"space", `genl = "a b"`, "must be a family name"},
		{"header", `genl = "x"` + "\n  header = Short", "must start with struct genlmsghdr"},
		{"command", `genl = "x"` + "\n  get = X_BIG", "is a u8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := "\n  header = GenlHdr"
			if strings.Contains(tc.msg, "header =") {
				hdr = ""
			}
			schema := genlTestAttrs + "message \"M\" {\n  " + tc.msg + hdr + "\n  attrs = A\n}\n"
			path := writeSchema(t, t.TempDir(), []byte(schema))
			code, stderr := runNlgen(t, "-out", t.TempDir(), "-pkg", "x", path)
			if code != 1 || !strings.Contains(stderr, tc.detail) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %q", code, stderr, tc.detail)
			}
		})
	}
}

func TestGenlGenerated(t *testing.T) {
	schema := genlTestAttrs + `
message "M" {
  genl   = "my_family"
  header = GenlHdr
  attrs  = A
  get    = X_CMD_GET
}
message "Plain" {
  header = GenlHdr
  attrs  = A
}
`
	out := generate(t, writeSchema(t, t.TempDir(), []byte(schema)), nil)
	src := string(out["x_messages.go"])
	if !strings.Contains(src, "func (*M) GenlFamily() string {\n\treturn \"my_family\"\n}") {
		t.Fatalf("no GenlFamily for M:\n%s", src)
	}
	if strings.Contains(src, "func (*Plain) GenlFamily") {
		t.Fatal("GenlFamily generated for a message without genl")
	}
}
