// Command capture records route messages from the running kernel into the
// golden files gen/rtnl tests decode. Each case gets a fresh network
// namespace, is set up with ip(8), and every route it installed (they all
// carry "proto static", or are of a special type) is dumped with
// RTM_GETROUTE and written, nlmsghdr included, as hex into a txtar archive
// beside the commands that made it.
//
//	go run ./internal/capture -out gen/rtnl/testdata/kernel
//
// It needs root and iproute2.
package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
	"golang.org/x/tools/txtar"

	"github.com/linx-go/linx/runtime/nlsock"
)

type captureCase struct {
	name string
	cmds []string // ip arguments, run with -n NETNS
}

// base gives every case two veth pairs with IPv4 and IPv6 addresses.
var base = []string{
	"link add veth0 type veth peer name veth1",
	"link add veth2 type veth peer name veth3",
	"link set veth0 up", "link set veth1 up", "link set veth2 up", "link set veth3 up",
	"addr add 10.0.0.1/24 dev veth0",
	"addr add 10.0.1.1/24 dev veth2",
	"addr add 2001:db8::1/64 dev veth0 nodad",
	"addr add 2001:db8:1::1/64 dev veth2 nodad",
}

var cases = []captureCase{
	{"ipv4-unicast", []string{"route add 10.1.2.0/24 via 10.0.0.254 dev veth0 metric 100 src 10.0.0.1 proto static"}},
	{"ipv6-unicast", []string{"-6 route add 2001:db8:100::/48 via 2001:db8::254 dev veth0 metric 1024 src 2001:db8::1 proto static pref high"}},
	{"ipv6-pref-low", []string{"-6 route add 2001:db8:200::/48 via fe80::1 dev veth0 proto static pref low"}},
	{"table-1000", []string{
		"route add 10.2.0.0/16 via 10.0.0.254 table 1000 proto static",
		"-6 route add 2001:db8:300::/48 via 2001:db8::254 table 1000 proto static",
	}},
	{"multipath", []string{
		"route add 10.3.0.0/16 proto static nexthop via 10.0.0.2 dev veth0 weight 1 nexthop via 10.0.1.2 dev veth2 weight 3",
		"-6 route add 2001:db8:400::/48 proto static nexthop via 2001:db8::2 dev veth0 weight 2 nexthop via 2001:db8:1::2 dev veth2 weight 5",
	}},
	{"special-types", []string{
		"route add blackhole 10.4.0.0/16 proto static",
		"route add unreachable 10.5.0.0/16 proto static",
		"route add prohibit 10.6.0.0/16 proto static",
		"-6 route add blackhole 2001:db8:500::/48 proto static",
	}},
	{"metrics", []string{
		"route add 10.7.0.0/16 via 10.0.0.254 mtu 1400 advmss 1300 proto static",
		"route add 10.8.0.0/16 via 10.0.0.254 mtu lock 1280 window 65535 initcwnd 10 congctl cubic proto static",
		"-6 route add 2001:db8:600::/48 via 2001:db8::254 mtu 1400 hoplimit 32 proto static",
	}},
	{"default", []string{
		"route add default via 10.0.0.254 proto static",
		"-6 route add default via 2001:db8::254 dev veth0 proto static",
	}},
}

func main() {
	out := flag.String("out", "gen/rtnl/testdata/kernel", "directory for the .txtar files")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	var uts unix.Utsname
	_ = unix.Uname(&uts)
	kernel := unix.ByteSliceToString(uts.Release[:]) + " " + unix.ByteSliceToString(uts.Machine[:])
	for _, c := range cases {
		if err := capture(c, kernel, *out); err != nil {
			fatal(fmt.Errorf("%s: %v", c.name, err))
		}
	}
}

func capture(c captureCase, kernel, dir string) (err error) {
	ns := fmt.Sprintf("linx-capture-%d", os.Getpid())
	if err := ip("netns", "add", ns); err != nil {
		return err
	}
	defer func() {
		if e := ip("netns", "del", ns); err == nil {
			err = e
		}
	}()
	var script bytes.Buffer
	for _, cmd := range append(append([]string{}, base...), c.cmds...) {
		fmt.Fprintf(&script, "ip -n NETNS %s\n", cmd)
		if err := ip(append([]string{"-n", ns}, strings.Fields(cmd)...)...); err != nil {
			return err
		}
	}
	conn, err := nlsock.Dial(nlsock.WithNetNS(nlsock.NetNSName(ns)))
	if err != nil {
		return err
	}
	defer conn.Close()
	ar := &txtar.Archive{Comment: []byte(fmt.Sprintf(
		"Route messages captured from Linux %s by `go run ./internal/capture`.\n"+
			"Each file is one RTM_NEWROUTE message (struct nlmsghdr included) in hex,\n"+
			"from RTM_GETROUTE dump of a fresh namespace set up with:\n\n%s",
		kernel, script.String()))}
	rtmsg := make([]byte, unix.SizeofRtMsg) // AF_UNSPEC, all tables
	n := 0
	for m, err := range conn.Dump(context.Background(), "RTM_GETROUTE", unix.RTM_GETROUTE, 0, rtmsg) {
		if err != nil {
			return err
		}
		if len(m.Payload) < unix.SizeofRtMsg {
			continue
		}
		proto, typ := m.Payload[5], m.Payload[7]
		if proto != unix.RTPROT_STATIC && typ == unix.RTN_UNICAST {
			continue // the kernel's own routes
		}
		if typ == unix.RTN_LOCAL || typ == unix.RTN_BROADCAST || typ == unix.RTN_MULTICAST || proto == unix.RTPROT_KERNEL {
			continue
		}
		var raw []byte
		raw = nlsock.AppendHeader(raw, m.Header)
		raw = append(raw, m.Payload...)
		n++
		ar.Files = append(ar.Files, txtar.File{
			Name: fmt.Sprintf("msg%d.hex", n),
			Data: []byte(wrapHex(raw)),
		})
	}
	if n == 0 {
		return fmt.Errorf("no routes captured")
	}
	return os.WriteFile(filepath.Join(dir, c.name+".txtar"), txtar.Format(ar), 0o644)
}

// wrapHex prints b as hex, 32 bytes a line.
func wrapHex(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		n := min(32, len(b))
		s.WriteString(hex.EncodeToString(b[:n]))
		s.WriteByte('\n')
		b = b[n:]
	}
	return s.String()
}

func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "capture:", err)
	os.Exit(1)
}
