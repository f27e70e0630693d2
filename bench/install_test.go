package bench

import (
	"context"
	"net"
	"testing"

	vnl "github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

const installCount = 100000

// BenchmarkInstallRoutes installs installCount /32 routes into an empty
// table and deletes them again (the delete is not timed).
func BenchmarkInstallRoutes(b *testing.B) {
	gw := "10.0.0.254"
	b.Run("linx-batch", func(b *testing.B) {
		needSetup(b)
		c, err := route.Open(route.InNamespace(benchNS))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		ctx := context.Background()
		var add, del route.Batch
		for i := range installCount {
			dst := hostRoute(20<<24, i)
			add.Add(dst, mustAddr(gw), route.Table(2000), route.Protocol(rtnl.RTPROT_STATIC))
			del.Delete(dst, mustAddr(gw), route.Table(2000))
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if err := c.Apply(ctx, &add); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if err := c.Apply(ctx, &del); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/install")
	})
	b.Run("linx-one-by-one", func(b *testing.B) {
		needSetup(b)
		c, err := route.Open(route.InNamespace(benchNS))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		ctx := context.Background()
		gwa := mustAddr(gw)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for i := range installCount {
				if err := c.Add(ctx, hostRoute(20<<24, i), gwa, route.Table(2001), route.Protocol(rtnl.RTPROT_STATIC)); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			for i := range installCount {
				c.Delete(ctx, hostRoute(20<<24, i), gwa, route.Table(2001))
			}
			b.StartTimer()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/install")
	})
	b.Run("vishvananda", func(b *testing.B) {
		needSetup(b)
		h, err := vishHandle()
		if err != nil {
			b.Fatal(err)
		}
		defer h.Close()
		link, err := h.LinkByName("veth0")
		if err != nil {
			b.Fatal(err)
		}
		gwip := net.ParseIP(gw)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			for i := range installCount {
				p := hostRoute(20<<24, i)
				r := &vnl.Route{LinkIndex: link.Attrs().Index, Dst: &net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(32, 32)},
					Gw: gwip, Table: 2002, Protocol: unix.RTPROT_STATIC}
				if err := h.RouteAdd(r); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			h.RouteListFiltered(vnl.FAMILY_V4, &vnl.Route{Table: 2002}, vnl.RT_FILTER_TABLE)
			exec2002(b)
			b.StartTimer()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/install")
	})
}

func exec2002(b *testing.B) {
	if err := ip("-n", nsName, "route", "flush", "table", "2002"); err != nil {
		b.Fatal(err)
	}
}
