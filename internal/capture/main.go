// Command capture records rtnetlink messages from the running kernel into
// the golden files gen/rtnl tests decode. Each case gets a fresh network
// namespace, is set up with ip(8), and what it made (routes with "proto
// static" or a special type; links, addresses, rules and nexthop objects;
// permanent neighbours) is dumped and written, nlmsghdr included, as hex
// into a txtar archive beside the commands that made it.
//
//	go run ./internal/capture -out gen/rtnl/testdata/kernel [-only CASE]
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

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

type captureCase struct {
	name string
	cmds []string // ip arguments, run with -n NETNS; "sysctl K=V" sets K in NETNS
	dump dump     // what to dump; routes when zero
}

// dump is a dump request and the messages worth keeping from its reply.
type dump struct {
	typ, flags uint16
	name       string
	payload    []byte
	keep       func(payload []byte) bool
}

// dumpOf dumps v's message type, with v (a zero header: every family) as
// the request; the numbers come from the schema.
func dumpOf(v interface {
	nlwire.Codec
	nlwire.Described
}, keep func([]byte) bool) dump {
	mi := v.MessageInfo()
	return dump{mi.GetType, mi.DumpFlags, mi.GetName, v.Append(nil), keep}
}

// routes keeps what the case installed: static routes and special types.
var routes = dumpOf(new(rtnl.Route), func(p []byte) bool {
	if len(p) < unix.SizeofRtMsg {
		return false
	}
	proto, typ := p[5], p[7]
	if proto != unix.RTPROT_STATIC && typ == unix.RTN_UNICAST {
		return false // the kernel's own routes
	}
	return typ != unix.RTN_LOCAL && typ != unix.RTN_BROADCAST && typ != unix.RTN_MULTICAST && proto != unix.RTPROT_KERNEL
})

func all([]byte) bool { return true }

var (
	links    = dumpOf(new(rtnl.Link), all)
	addrs    = dumpOf(new(rtnl.Addr), all)
	rules    = dumpOf(new(rtnl.Rule), all)
	nexthops = dumpOf(new(rtnl.NexthopObj), all)
	netconfs = dumpOf(new(rtnl.Netconf), all)
	// neighs keeps the entries made by hand: the kernel's own come and go.
	neighs = dumpOf(new(rtnl.Neigh), func(p []byte) bool {
		if len(p) < unix.SizeofNdMsg {
			return false
		}
		state := uint16(p[8]) | uint16(p[9])<<8
		return state&(unix.NUD_PERMANENT|unix.NUD_NOARP) != 0
	})
)

// base gives every case two veth pairs with IPv4 and IPv6 addresses.
var base = []string{
	"link set lo up",
	"link add veth0 type veth peer name veth1",
	"link add veth2 type veth peer name veth3",
	"link set veth0 up", "link set veth1 up", "link set veth2 up", "link set veth3 up",
	"addr add 10.0.0.1/24 dev veth0",
	"addr add 10.0.1.1/24 dev veth2",
	"addr add 2001:db8::1/64 dev veth0 nodad",
	"addr add 2001:db8:1::1/64 dev veth2 nodad",
}

var cases = []captureCase{
	{"ipv4-unicast", []string{"route add 10.1.2.0/24 via 10.0.0.254 dev veth0 metric 100 src 10.0.0.1 proto static"}, dump{}},
	{"ipv6-unicast", []string{"-6 route add 2001:db8:100::/48 via 2001:db8::254 dev veth0 metric 1024 src 2001:db8::1 proto static pref high"}, dump{}},
	{"ipv6-pref-low", []string{"-6 route add 2001:db8:200::/48 via fe80::1 dev veth0 proto static pref low"}, dump{}},
	{"table-1000", []string{
		"route add 10.2.0.0/16 via 10.0.0.254 table 1000 proto static",
		"-6 route add 2001:db8:300::/48 via 2001:db8::254 table 1000 proto static",
	}, dump{}},
	{"multipath", []string{
		"route add 10.3.0.0/16 proto static nexthop via 10.0.0.2 dev veth0 weight 1 nexthop via 10.0.1.2 dev veth2 weight 3",
		"-6 route add 2001:db8:400::/48 proto static nexthop via 2001:db8::2 dev veth0 weight 2 nexthop via 2001:db8:1::2 dev veth2 weight 5",
	}, dump{}},
	{"special-types", []string{
		"route add blackhole 10.4.0.0/16 proto static",
		"route add unreachable 10.5.0.0/16 proto static",
		"route add prohibit 10.6.0.0/16 proto static",
		"-6 route add blackhole 2001:db8:500::/48 proto static",
	}, dump{}},
	{"metrics", []string{
		"route add 10.7.0.0/16 via 10.0.0.254 mtu 1400 advmss 1300 proto static",
		"route add 10.8.0.0/16 via 10.0.0.254 mtu lock 1280 window 65535 initcwnd 10 congctl cubic proto static",
		"-6 route add 2001:db8:600::/48 via 2001:db8::254 mtu 1400 hoplimit 32 proto static",
	}, dump{}},
	{"default", []string{
		"route add default via 10.0.0.254 proto static",
		"-6 route add default via 2001:db8::254 dev veth0 proto static",
	}, dump{}},
	{"links", []string{
		"link set veth0 mtu 1400",
		"link set veth0 alias uplink",
		"link property add dev veth0 altname uplink0",
		"link property add dev veth0 altname up0",
		"link set veth2 address 02:00:00:00:00:02 group 7 txqueuelen 500",
	}, links},
	{"addrs", []string{
		"addr add 10.0.2.1/24 broadcast 10.0.2.255 label veth0:1 dev veth0",
		"addr add 2001:db8:2::1/64 dev veth2 valid_lft 3600 preferred_lft 1800 nodad",
		"addr add 10.0.3.1 peer 10.0.3.2 dev veth2 metric 50",
	}, addrs},
	{"neighs", []string{
		"neigh add 10.0.0.2 lladdr 02:00:00:00:00:0a dev veth0 nud permanent",
		"neigh add 2001:db8::2 lladdr 02:00:00:00:00:0b dev veth0 nud permanent",
		"neigh add 10.0.1.3 lladdr 02:00:00:00:00:0c dev veth2 nud noarp",
	}, neighs},
	{"rules", []string{
		"rule add from 10.0.0.0/8 table 100 priority 100",
		"rule add fwmark 0x10/0xff table 200 priority 200",
		"rule add ipproto tcp dport 80-90 table 300 priority 300",
		"rule add uidrange 1000-2000 table 400 priority 400",
		"rule add iif veth0 lookup 500 priority 500",
		"rule add blackhole priority 700",
		"-6 rule add to 2001:db8::/32 table 600 priority 600 proto static",
	}, rules},
	{"nexthops", []string{
		"nexthop add id 1 via 10.0.0.2 dev veth0",
		"nexthop add id 2 via 10.0.1.2 dev veth2",
		"nexthop add id 3 blackhole",
		"nexthop add id 4 via 2001:db8::2 dev veth0",
		"nexthop add id 10 group 1/2,3",
		"nexthop add id 11 group 1,5/2",
	}, nexthops},
	// encap: lightweight tunnels this kernel has (seg6, seg6local, ip),
	// on routes and on a multipath leg.
	{"encap", []string{
		"link add vx0 type vxlan external dstport 4789",
		"link set vx0 up",
		"route add 10.40.0.0/16 encap seg6 mode encap segs 2001:db8::2,2001:db8::3 dev veth0 proto static",
		"route add 10.42.0.0/16 encap ip id 5 dst 192.0.2.1 src 192.0.2.2 ttl 9 tos 3 dev vx0 proto static",
		"route add 10.43.0.0/16 proto static nexthop encap seg6 mode encap segs 2001:db8::2 dev veth0 nexthop via 10.0.1.2 dev veth2",
		"-6 route add 2001:db8:40::/48 encap seg6 mode inline segs 2001:db8::2 dev veth0 proto static",
		"-6 route add 2001:db8:41::/48 encap seg6local action End.DT6 table 100 dev veth0 proto static",
		"-6 route add 2001:db8:42::/48 encap seg6local action End.X nh6 2001:db8::9 dev veth0 proto static",
		"-6 route add 2001:db8:43::/48 encap ip6 id 6 dst 2001:db8::5 hoplimit 7 tc 2 dev vx0 proto static",
	}, dump{}},
	{"nexthop-encap", []string{
		"nexthop add id 20 encap seg6 mode encap segs 2001:db8::2 dev veth0",
		"nexthop add id 21 encap ip id 9 dst 192.0.2.9 dev veth0",
	}, nexthops},
	// link-kinds: IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA of the kinds
	// this kernel has (veth sends none; ifb none).
	{"link-kinds", []string{
		"link add br0 type bridge forward_delay 400",
		"link set veth1 master br0",
		"link set veth1 type bridge_slave cost 7 priority 9",
		"link add mv0 link veth0 type macvlan mode bridge",
		"link add mv1 link veth2 type macvlan mode private",
		"link add vx1 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.9 ttl 10 dev veth0",
		"link add vx6 type vxlan id 43 dstport 4790 local 2001:db8::1 group ff05::1 dev veth0",
		"link add ifb0 type ifb",
	}, links},
	// netconfs: each device's settings, and "all" and "default", per family.
	{"netconfs", []string{
		"sysctl net.ipv4.conf.veth0.forwarding=1",
		"sysctl net.ipv4.conf.veth0.rp_filter=2",
		"sysctl net.ipv4.conf.veth2.proxy_arp=1",
		"sysctl net.ipv4.conf.default.bc_forwarding=1",
		"sysctl net.ipv6.conf.veth2.forwarding=1",
		"sysctl net.ipv6.conf.veth0.ignore_routes_with_linkdown=1",
	}, netconfs},
}

func main() {
	out := flag.String("out", "gen/rtnl/testdata/kernel", "directory for the .txtar files")
	only := flag.String("only", "", "capture only this case (e.g. netconfs), leaving the other files as they are")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	var uts unix.Utsname
	_ = unix.Uname(&uts)
	kernel := unix.ByteSliceToString(uts.Release[:]) + " " + unix.ByteSliceToString(uts.Machine[:])
	for _, c := range cases {
		if *only != "" && c.name != *only {
			continue
		}
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
		if kv, ok := strings.CutPrefix(cmd, "sysctl "); ok {
			fmt.Fprintf(&script, "ip netns exec NETNS sysctl -qw %s\n", kv)
			if err := ip("netns", "exec", ns, "sysctl", "-qw", kv); err != nil {
				return err
			}
			continue
		}
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
	d := c.dump
	if d.name == "" {
		d = routes
	}
	ar := &txtar.Archive{Comment: []byte(fmt.Sprintf(
		"Messages captured from Linux %s by `go run ./internal/capture`.\n"+
			"Each file is one message (struct nlmsghdr included) in hex, from an\n"+
			"%s dump of a fresh namespace set up with:\n\n%s",
		kernel, d.name, script.String()))}
	n := 0
	for m, err := range conn.Dump(context.Background(), d.name, d.typ, d.flags, d.payload) {
		if err != nil {
			return err
		}
		if !d.keep(m.Payload) {
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
		return fmt.Errorf("no messages captured")
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
