package fuzz

import (
	"testing"
)

// FuzzDecode decodes arbitrary payloads with the codec of every message
// type and checks the decode contract (see checkDecode). typ is an
// nlmsg_type; see pick.
func FuzzDecode(f *testing.F) {
	ms := targets(f)
	for _, s := range decodeSeeds(f) {
		if _, ok := lookup(ms, s.typ); ok {
			f.Add(s.typ, s.data)
		}
	}
	for _, m := range ms {
		f.Add(m.NewType, []byte{})
		f.Add(m.NewType, dirtyPayload(m)) // every attribute, nests and records present
	}
	f.Fuzz(func(t *testing.T, typ uint16, data []byte) {
		checkDecode(t, pick(ms, typ), data)
	})
}

// TestSeedsCoverMultipath guards the seed corpus: the route decoder's
// RTA_MULTIPATH records must be reached from the first run.
func TestSeedsCoverMultipath(t *testing.T) {
	if !hasMultipath(loadCaptures(t)) {
		t.Fatalf("no capture in %s carries a route with RTA_MULTIPATH", captureGlob)
	}
}
