package main

import (
	"bufio"
	"strings"
	"testing"
)

// countWriter counts the writes that reach it.
type countWriter struct {
	writes int
	b      strings.Builder
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.b.Write(p)
}

// TestIdleFlusher: a burst of lines reaches stdout in one write, made when
// the monitor has nothing more pending; a quiet stream's line goes out at
// once.
func TestIdleFlusher(t *testing.T) {
	var out countWriter
	more := 3
	f := &idleFlusher{w: bufio.NewWriter(&out), pending: func() bool { more--; return more >= 0 }}
	for _, l := range []string{"a\n", "b\n", "c\n", "d\n"} {
		if _, err := f.Write([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	if out.writes != 1 || out.b.String() != "a\nb\nc\nd\n" {
		t.Fatalf("burst of 4 lines: %d writes, %q", out.writes, out.b.String())
	}
	f.Write([]byte("e\n"))
	if out.writes != 2 || !strings.HasSuffix(out.b.String(), "e\n") {
		t.Fatalf("a line on a quiet stream: %d writes, %q", out.writes, out.b.String())
	}
}
