package main

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// TestIntegrationRouteCache: a learned path MTU (an IPv4 next-hop
// exception) is listed by route show cache and route get as ip lists it,
// in every flag combination, and route flush cache removes it as ip's.
func TestIntegrationRouteCache(t *testing.T) {
	a, b := nstest.New(t), nstest.New(t)
	nstest.IP(t, a, "link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns", b.Name())
	nstest.Batch(t, a, "link set lo up\nlink set a0 up\naddr add 10.0.0.1/24 dev a0\n")
	nstest.Batch(t, b, "link set lo up\nlink set b0 up\naddr add 10.0.0.2/24 dev b0\n"+
		"link add b1 type veth peer name b2\nlink set b1 mtu 1300 up\nlink set b2 up\naddr add 10.9.0.2/24 dev b1\n")
	if err := nlsock.Do(b, func() error { return writeSysctl("/proc/sys/net/ipv4/ip_forward") }); err != nil {
		t.Fatal(err)
	}
	nstest.IP(t, a, "route", "add", "10.9.0.0/24", "via", "10.0.0.2")
	nstest.Settle(t, func() []string {
		if !strings.Contains(nstest.IP(t, a, "-o", "link", "show", "a0"), "LOWER_UP") {
			return []string{"a0 has no carrier"}
		}
		return nil
	})
	// A datagram too big for b1, with DF: b answers "fragmentation
	// needed" and a learns the path MTU.
	if err := nlsock.Do(a, func() error {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MTU_DISCOVER, unix.IP_PMTUDISC_DO); err != nil {
			return err
		}
		to := &unix.SockaddrInet4{Port: 9, Addr: [4]byte{10, 9, 0, 1}}
		for range 3 {
			unix.Sendto(fd, make([]byte, 1400), 0, to) // EMSGSIZE once learned
			time.Sleep(100 * time.Millisecond)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := nstest.IP(t, a, "route", "show", "cache"); !strings.Contains(got, "mtu 1300") {
		t.Fatalf("no exception learned: %q", got)
	}
	for _, flags := range [][]string{nil, {"-j"}, {"-d"}, {"-d", "-j"}, {"-N"}, {"-j", "-N"}} {
		for _, cmd := range [][]string{{"route", "show", "cache"}, {"route", "get", "10.9.0.1"}} {
			args := append(slices.Clone(flags), cmd...)
			ours := linxOK(t, a, args...)
			ips := nstest.IP(t, a, args...)
			if o, p := expiresMask(ours), expiresMask(ips); !slices.Equal(normLines(o), normLines(p)) {
				t.Errorf("%q:\n ours %s\n   ip %s", args, ours, ips)
			}
		}
	}
	linxOK(t, a, "route", "flush", "cache")
	if got := nstest.IP(t, a, "route", "show", "cache"); got != "" {
		t.Errorf("after flush cache: %q", got)
	}
}

// expiresMask masks the expiry countdown, which may tick between two
// listings.
func expiresMask(s string) string {
	return expiresRE.ReplaceAllString(expiresTextRE.ReplaceAllString(s, "expires Nsec"), `"expires":0`)
}

// writeSysctl sets the sysctl at path to 1, in the namespace of the
// calling thread.
func writeSysctl(path string) error {
	return os.WriteFile(path, []byte("1\n"), 0)
}
