//go:build race

package route

// raceEnabled: the race detector makes sync.Pool drop what it is given at
// random, so pooled requests allocate and allocation counts mean nothing.
const raceEnabled = true
