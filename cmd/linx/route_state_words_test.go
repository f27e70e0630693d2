package main

import "testing"

// TestStateWords: every state flag word a listing prints is accepted and
// not sent; keywords and onlink are not state words.
func TestStateWords(t *testing.T) {
	for _, w := range []string{"dead", "linkdown", "pervasive", "offload", "trap", "unresolved", "notify", "rt_offload", "rt_trap", "rt_offload_failed", "cache"} {
		if !stateWord(w) {
			t.Errorf("%s not a state word", w)
		}
	}
	for _, w := range []string{"onlink", "10", "via", "dev", "mtu"} {
		if stateWord(w) {
			t.Errorf("%s is a state word", w)
		}
	}
}
