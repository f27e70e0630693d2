// Package examplens gives a package's runnable examples a network
// namespace of their own: TestMain calls Main, which creates the namespace
// (named for the package, so that test binaries of other packages running
// at the same time do not meet), sets it up with ip(8), runs the tests and
// examples, and deletes it. Without root the examples are skipped, saying
// why; the tests still run.
package examplens

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Main runs m with the namespace name set up by setup (ip arguments after
// "ip -n NAME", one command each) and exits.
func Main(m *testing.M, name string, setup ...[]string) {
	flag.Parse()
	if os.Geteuid() != 0 {
		fmt.Fprintf(os.Stderr, "%s: not root, skipping the examples (they need a network namespace)\n", name)
		flag.Set("test.skip", "^Example")
		os.Exit(m.Run())
	}
	exec.Command("ip", "netns", "del", name).Run() // a leftover from a killed run
	if out, err := exec.Command("ip", "netns", "add", name).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "ip netns add %s: %v\n%s", name, err, out)
		os.Exit(1)
	}
	for _, args := range setup {
		if out, err := exec.Command("ip", append([]string{"-n", name}, args...)...).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "ip %v: %v\n%s", args, err, out)
			exec.Command("ip", "netns", "del", name).Run()
			os.Exit(1)
		}
	}
	code := m.Run()
	exec.Command("ip", "netns", "del", name).Run()
	os.Exit(code)
}

// Veth is the usual setup: lo up and veth0 <-> veth1 up, veth0 with
// 10.0.0.1/24 and 2001:db8::1/64.
var Veth = [][]string{
	{"link", "set", "lo", "up"},
	{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
	{"link", "set", "veth0", "up"},
	{"link", "set", "veth1", "up"},
	{"addr", "add", "10.0.0.1/24", "dev", "veth0"},
	{"addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"},
}
