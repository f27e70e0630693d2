package bench

import (
	"context"
	"runtime"
	"testing"

	jnl "github.com/jsimonetti/rtnetlink/v2"
	"github.com/mdlayher/netlink"
	vnl "github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// reportDump records routes per dump and the peak heap growth.
func reportDump(b *testing.B, routes int, heap0 uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(routes), "routes/dump")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e9, "s/dump")
	if ms.HeapInuse > heap0 {
		b.ReportMetric(float64(ms.HeapInuse-heap0)/(1<<20), "MiB-heap-after")
	}
	// Peak RSS of the whole process: meaningful when one sub-benchmark runs
	// per process (-bench 'DumpRoutes/linx-stream$').
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "MiB-maxrss")
	}
}

func heapNow() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// BenchmarkDumpRoutes dumps the main table (routeCount /32 routes plus the
// kernel's) with each library, decoding every route.
func BenchmarkDumpRoutes(b *testing.B) {
	b.Run("raw-floor", func(b *testing.B) {
		needSetup(b)
		conn, err := nlsock.Dial(nlsock.WithNetNS(benchNS))
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		req := make([]byte, unix.SizeofRtMsg)
		req[0] = unix.AF_INET
		heap0 := heapNow()
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for range b.N {
			n = 0
			for m, err := range conn.Dump(context.Background(), "dump", unix.RTM_GETROUTE, 0, req) {
				if err != nil {
					b.Fatal(err)
				}
				if m.Header.Type == unix.RTM_NEWROUTE && m.Payload[4] == unix.RT_TABLE_MAIN {
					n++
				}
			}
		}
		reportDump(b, n, heap0)
	})
	b.Run("linx-stream", func(b *testing.B) {
		needSetup(b)
		c, err := route.Open(route.InNamespace(benchNS))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		heap0 := heapNow()
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for range b.N {
			n = 0
			for r, err := range c.All(context.Background(), route.Filter{Family: rtnl.AF_INET, Table: rtnl.RT_TABLE_MAIN}) {
				if err != nil {
					b.Fatal(err)
				}
				if r.Has(rtnl.RTA_GATEWAY) {
					n++
				}
			}
		}
		reportDump(b, n, heap0)
	})
	b.Run("linx-list", func(b *testing.B) {
		needSetup(b)
		c, err := route.Open(route.InNamespace(benchNS))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		heap0 := heapNow()
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for range b.N {
			rs, err := c.ListFull(context.Background(), route.Filter{Family: rtnl.AF_INET, Table: rtnl.RT_TABLE_MAIN})
			if err != nil {
				b.Fatal(err)
			}
			n = len(rs)
		}
		reportDump(b, n, heap0)
	})
	b.Run("vishvananda", func(b *testing.B) {
		needSetup(b)
		h, err := vishHandle()
		if err != nil {
			b.Fatal(err)
		}
		defer h.Close()
		heap0 := heapNow()
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for range b.N {
			rs, err := h.RouteListFiltered(vnl.FAMILY_V4, &vnl.Route{Table: unix.RT_TABLE_MAIN}, vnl.RT_FILTER_TABLE)
			if err != nil {
				b.Fatal(err)
			}
			n = len(rs)
		}
		reportDump(b, n, heap0)
	})
	b.Run("jsimonetti", func(b *testing.B) {
		needSetup(b)
		conn, err := jsimDial()
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		heap0 := heapNow()
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for range b.N {
			rs, err := conn.Route.List()
			if err != nil {
				b.Fatal(err)
			}
			n = 0
			for _, r := range rs {
				if r.Family == unix.AF_INET && r.Table == unix.RT_TABLE_MAIN {
					n++
				}
			}
		}
		reportDump(b, n, heap0)
	})
}

func vishHandle() (*vnl.Handle, error) {
	h, err := netns.GetFromName(nsName)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return vnl.NewHandleAt(h)
}

func jsimDial() (*jnl.Conn, error) {
	h, err := netns.GetFromName(nsName)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return jnl.Dial(&netlink.Config{NetNS: int(h)})
}
