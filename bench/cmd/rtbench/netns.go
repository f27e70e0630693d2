package main

import (
	"context"
	"fmt"
	"net/netip"
	"os/exec"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// smallTable holds the 10 routes of the "table" measurement.
const smallTable = 100

// benchNS is the namespace rtbench creates and removes.
type benchNS struct {
	name string
	c    *route.Client // a socket in it, for setup and the monitor burst
}

// newBenchNS creates the namespace (replacing a leftover of the same name)
// with veth0 (10.0.0.1/24, fd00::1/64) <-> veth1, both up.
func newBenchNS(ctx context.Context, name string) (*benchNS, error) {
	exec.Command("ip", "netns", "del", name).Run()
	if err := ipCmd(ctx, "netns", "add", name); err != nil {
		return nil, err
	}
	b := &benchNS{name: name}
	// No duplicate address detection: the links' IPv6 link-local routes
	// then appear at once, not as stray notifications during a monitor run.
	for _, k := range []string{"all", "default"} {
		if err := ipCmd(ctx, "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.conf."+k+".accept_dad=0"); err != nil {
			b.remove()
			return nil, err
		}
	}
	for _, args := range [][]string{
		{"link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"link", "set", "veth0", "up"},
		{"link", "set", "veth1", "up"},
		{"addr", "add", "10.0.0.1/24", "dev", "veth0"},
		{"-6", "addr", "add", "fd00::1/64", "dev", "veth0", "nodad"},
	} {
		if err := ipCmd(ctx, append([]string{"-n", name}, args...)...); err != nil {
			b.remove()
			return nil, err
		}
	}
	c, err := route.Open(route.InNamespace(nlsock.NetNSName(name)))
	if err != nil {
		b.remove()
		return nil, err
	}
	b.c = c
	return b, nil
}

// remove deletes the namespace. Its routes go with it.
func (b *benchNS) remove() error {
	if b.c != nil {
		b.c.Close()
	}
	if out, err := exec.Command("ip", "netns", "del", b.name).CombinedOutput(); err != nil {
		return fmt.Errorf("ip netns del %s: %v: %s", b.name, err, strings.TrimSpace(string(out)))
	}
	return nil
}

func ipCmd(ctx context.Context, args ...string) error {
	if out, err := exec.CommandContext(ctx, "ip", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// flush empties a table of the namespace (errors ignored: an empty table is
// the usual case).
func (b *benchNS) flush(table uint32) {
	exec.Command("ip", "-n", b.name, "route", "flush", "table", fmt.Sprint(table)).Run()
}

// populate installs v4 IPv4 routes in the main table (the first half /24s
// from 32.0.0.0, the rest /32s from 64.0.0.0), v6 IPv6 /64s from fd10::,
// and the 10 /24s of smallTable. It returns the number of routes installed.
func (b *benchNS) populate(ctx context.Context, v4, v6 int) (int, error) {
	var batch route.Batch
	n := 0
	flush := func(force bool) error {
		if batch.Len() == 0 || (!force && batch.Len() < 8192) {
			return nil
		}
		n += batch.Len()
		err := b.c.Apply(ctx, &batch)
		batch.Reset()
		return err
	}
	proto := route.Protocol(rtnl.RTPROT_STATIC)
	for i := range v4 {
		var p netip.Prefix
		if i < v4/2 {
			p = netip.PrefixFrom(addr4(32<<24+uint32(i)<<8), 24)
		} else {
			p = netip.PrefixFrom(addr4(64<<24+uint32(i-v4/2)), 32)
		}
		if err := batch.Add(p, gw4, proto); err != nil {
			return n, err
		}
		if err := flush(false); err != nil {
			return n, err
		}
	}
	for i := range v6 {
		a := [16]byte{0: 0xfd, 1: 0x10, 4: byte(i >> 24), 5: byte(i >> 16), 6: byte(i >> 8), 7: byte(i)}
		if err := batch.Add(netip.PrefixFrom(netip.AddrFrom16(a), 64), gw6, proto); err != nil {
			return n, err
		}
		if err := flush(false); err != nil {
			return n, err
		}
	}
	for i := range 10 {
		p := netip.PrefixFrom(addr4(100<<24|64<<16|uint32(i)<<8), 24)
		if err := batch.Add(p, gw4, proto, route.Table(smallTable)); err != nil {
			return n, err
		}
	}
	return n, flush(true)
}

func addr4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// burst is the monitor workload: n /32 routes added to burstTable in
// batches, then deleted: 2n notifications, sent by the parent as fast as
// linx batches go, while the child under test listens.
type burst struct{ add, del route.Batch }

func newBurst(n int) *burst {
	b := &burst{}
	dst := burstBase
	for range n {
		p := netip.PrefixFrom(dst, 32)
		b.add.Add(p, gw4, route.Table(rtnl.Table(burstTable)), route.Protocol(rtnl.RTPROT_STATIC))
		b.del.Delete(p, gw4, route.Table(rtnl.Table(burstTable)))
		dst = dst.Next()
	}
	return b
}

func (u *burst) send(ctx context.Context, ns *benchNS) error {
	if err := ns.c.Apply(ctx, &u.add); err != nil {
		return err
	}
	return ns.c.Apply(ctx, &u.del)
}
