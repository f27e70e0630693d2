//go:build !race

package route

// raceEnabled is false: allocation counts are measured (see race_test.go).
const raceEnabled = false
