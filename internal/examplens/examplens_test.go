package examplens

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestNameUnique(t *testing.T) {
	a, b := Name("linx-x"), Name("linx-x")
	if a == b {
		t.Fatalf("Name twice gave %q both times", a)
	}
	if want := "linx-x-" + strconv.Itoa(os.Getpid()) + "-"; !strings.HasPrefix(a, want) || len(a) != len(want)+6 {
		t.Fatalf("Name = %q, want %s and six hex digits", a, want)
	}
}

// TestRemoveStale: a leftover of a process that is gone is deleted; one of
// a running process (here pid 1 and this one) is not.
func TestRemoveStale(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to add namespaces")
	}
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	prefix := Name("linx-stale-test")
	dead := prefix + "-" + strconv.Itoa(cmd.Process.Pid) + "-abcdef"
	alive := prefix + "-1-abcdef"
	mine := Name(prefix)
	for _, n := range []string{dead, alive, mine} {
		if out, err := exec.Command("ip", "netns", "add", n).CombinedOutput(); err != nil {
			t.Fatalf("ip netns add %s: %v %s", n, err, out)
		}
		defer exec.Command("ip", "netns", "del", n).Run()
	}
	RemoveStale(prefix)
	for n, want := range map[string]bool{dead: false, alive: true, mine: true} {
		_, err := os.Stat("/run/netns/" + n)
		if got := err == nil; got != want {
			t.Errorf("%s: there %v after RemoveStale, want %v", n, got, want)
		}
	}
}
