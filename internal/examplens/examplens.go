// Package examplens gives a package's runnable examples a network
// namespace of their own: TestMain calls Main, which creates the namespace
// (named by Name: for the package, the process and a random suffix, so
// that test binaries running at the same time, of other packages or of the
// same one, never meet), sets it up with ip(8), runs the tests and
// examples, and deletes it. Without root the examples are skipped, saying
// why; the tests still run. Name and RemoveStale also name and clean up
// the namespaces of internal/nstest.
package examplens

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Name is a namespace name of this process's own: prefix, the pid and a
// random suffix ("linx-link-examples-4242-9f3a1c").
func Name(prefix string) string {
	var b [3]byte
	rand.Read(b[:])
	return prefix + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b[:])
}

// RemoveStale deletes the namespaces Name made for prefix in processes
// that are gone (a killed run's), never one of a process still running.
// Main calls it; a TestMain that sets its namespace up itself may.
func RemoveStale(prefix string) {
	ents, err := os.ReadDir("/run/netns")
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), prefix+"-")
		if !ok {
			continue
		}
		pidText, suffix, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || len(suffix) != 6 || strings.Contains(suffix, "-") {
			continue
		}
		if pid == os.Getpid() || syscall.Kill(pid, 0) != syscall.ESRCH {
			continue // ours, or its process may still run
		}
		exec.Command("ip", "netns", "del", e.Name()).Run()
	}
}

// Main runs m with the namespace name (from Name) set up by setup (ip
// arguments after "ip -n NAME", one command each) and exits. It deletes
// the namespace at the end, and leftovers of the same prefix whose process
// is gone, never another's.
func Main(m *testing.M, name string, setup ...[]string) {
	flag.Parse()
	if os.Geteuid() != 0 {
		fmt.Fprintf(os.Stderr, "%s: not root, skipping the examples (they need a network namespace)\n", name)
		flag.Set("test.skip", "^Example")
		os.Exit(m.Run())
	}
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if j := strings.LastIndexByte(name[:i], '-'); j > 0 {
			RemoveStale(name[:j]) // leftovers of killed runs
		}
	}
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
