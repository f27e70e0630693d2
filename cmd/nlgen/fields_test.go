package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestStructFieldNeedsJSON: a header field with a text word but no json
// key is refused, as for attributes: ip -j names every field ip prints.
func TestStructFieldNeedsJSON(t *testing.T) {
	dir := t.TempDir()
	path := writeSchema(t, dir, []byte(`struct "S" {
  field "Scope" {
    type = u8
    text = "scope"
  }
}
`))
	code, stderr := runNlgen(t, "-out", dir, path)
	stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
	if code != 1 || !strings.Contains(stderr, "schema.hcl:2:3: Missing json name") || !strings.Contains(stderr, `S.Scope: text = "scope" needs json`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
