package main

import (
	"net/netip"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// textOptions says which fields the text form leaves out because the
// listing is already narrowed by them, as ip does (`ip route show table
// 1000` does not print "table 1000" on every line).
type textOptions struct {
	hideTable bool // listing one table: never print "table N"
	hideProto bool // filtered by protocol: no "proto P"
	hideDev   bool // filtered by output device: no "dev IF"
}

// userHZ is the kernel's USER_HZ, the unit of rta_cacheinfo.rta_expires.
const userHZ = 100

// textLine appends space-separated words to b after index start.
type textLine struct {
	b     []byte
	start int
}

func (t *textLine) word(ws ...string) {
	for _, w := range ws {
		if n := len(t.b); n > t.start && t.b[n-1] != '\n' && t.b[n-1] != '\t' && t.b[n-1] != ' ' {
			t.b = append(t.b, ' ')
		}
		t.b = append(t.b, w...)
	}
}

func (t *textLine) uint(key string, v uint64) {
	t.word(key)
	t.b = append(t.b, ' ')
	t.b = strconv.AppendUint(t.b, v, 10)
}

// appendRouteText appends r as `ip route` prints it, without the trailing
// newline. A multipath route continues on lines of the form
// "\n\tnexthop via ... dev ... weight N"; a cached route (route get) ends
// with a line "\n    cache". Words are separated by single spaces and lines
// carry no trailing space (ip leaves one; that is the only difference
// intended). names resolves interface indexes (nil: every index prints as
// "ifN").
//
// It does not print the "Deleted " prefix ip monitor puts before a
// RTM_DELROUTE: that is the caller's business.
func appendRouteText(b []byte, r *rtnl.Route, names linkNamer, o textOptions) []byte {
	t := textLine{b: b, start: len(b)}
	h := &r.Header
	hostLen := 32
	if h.Family == rtnl.AF_INET6 {
		hostLen = 128
	}

	if h.Type != rtnl.RTN_UNICAST {
		t.word(h.Type.String())
	}
	t.word(dstText(r.Has(rtnl.RTA_DST), r.Dst, int(h.DstLen), hostLen))
	if r.Has(rtnl.RTA_SRC) {
		s := r.Src.String()
		if n := int(h.SrcLen); n != 0 && n != hostLen {
			s += "/" + strconv.Itoa(n)
		}
		t.word("from", s)
	} else if h.SrcLen != 0 {
		t.word("from", "0/"+strconv.Itoa(int(h.SrcLen)))
	}
	if r.Has(rtnl.RTA_NH_ID) {
		t.uint("nhid", uint64(r.NHID))
	}
	if h.Tos != 0 {
		t.word("tos", "0x"+hex2(h.Tos))
	}
	if r.Has(rtnl.RTA_GATEWAY) {
		t.word("via", r.Gateway.String())
	}
	if r.Has(rtnl.RTA_VIA) {
		t.word("via", viaFamily(r.Via), r.Via.String())
	}
	if r.Has(rtnl.RTA_OIF) && !o.hideDev {
		t.word("dev", devName(names, r.OIF))
	}
	cloned := h.Flags&rtnl.RTM_F_CLONED != 0
	if !cloned {
		if tb := route.TargetTable(r); tb != uint32(rtnl.RT_TABLE_MAIN) && !o.hideTable {
			t.word("table", rtnl.Table(tb).String())
		}
		if h.Protocol != rtnl.RTPROT_BOOT && !o.hideProto {
			t.word("proto", h.Protocol.String())
		}
		if h.Scope != rtnl.RT_SCOPE_UNIVERSE {
			t.word("scope", h.Scope.String())
		}
	}
	if r.Has(rtnl.RTA_PREFSRC) {
		t.word("src", r.PrefSrc.String())
	}
	if r.Has(rtnl.RTA_PRIORITY) {
		t.uint("metric", uint64(r.Priority))
	}
	appendFlagsText(&t, uint32(h.Flags))
	if r.Has(rtnl.RTA_MARK) && r.Mark != 0 {
		t.word("mark", "0x"+strconv.FormatUint(uint64(r.Mark), 16))
	}
	if r.Has(rtnl.RTA_FLOW) {
		to, from := r.Flow&0xffff, r.Flow>>16
		if from != 0 {
			t.word("realms", strconv.Itoa(int(from))+"/"+strconv.Itoa(int(to)))
		} else {
			t.uint("realm", uint64(to))
		}
	}
	if r.Has(rtnl.RTA_UID) {
		t.uint("uid", uint64(r.UID))
	}
	if cloned {
		t.b = append(t.b, "\n    cache"...)
	}
	if r.Has(rtnl.RTA_CACHEINFO) && (cloned || h.Family != rtnl.AF_INET) {
		if ci := r.CacheInfo; ci.Expires != 0 {
			t.word("expires", strconv.Itoa(int(ci.Expires/userHZ))+"sec")
		}
		if ci := r.CacheInfo; ci.Error != 0 {
			t.uint("error", uint64(ci.Error))
		}
	}
	if r.Has(rtnl.RTA_METRICS) {
		appendMetricsText(&t, &r.Metrics)
	}
	if r.Has(rtnl.RTA_IIF) {
		t.word("iif", devName(names, r.IIF))
	}
	if r.Has(rtnl.RTA_PREF) {
		t.word("pref", r.Pref.String())
	}
	if r.Has(rtnl.RTA_MULTIPATH) {
		for i := range r.Multipath {
			nh := &r.Multipath[i]
			t.b = append(t.b, "\n\tnexthop"...)
			if nh.Has(rtnl.RTA_GATEWAY) {
				t.word("via", nh.Gateway.String())
			}
			if nh.Has(rtnl.RTA_VIA) {
				t.word("via", viaFamily(nh.Via), nh.Via.String())
			}
			if nh.Header.Ifindex != 0 {
				t.word("dev", devName(names, uint32(nh.Header.Ifindex)))
			}
			t.uint("weight", uint64(route.Weight(nh)))
			appendFlagsText(&t, uint32(nh.Header.Flags))
		}
	}
	return t.b
}

// dstText is the destination as ip prints it: "default", "ADDR" for a host
// route, "ADDR/LEN" otherwise.
func dstText(has bool, a netip.Addr, n, hostLen int) string {
	switch {
	case has && n == hostLen:
		return a.String()
	case has:
		return a.String() + "/" + strconv.Itoa(n)
	case n != 0:
		return "0/" + strconv.Itoa(n)
	}
	return "default"
}

func viaFamily(a netip.Addr) string {
	if a.Is4() {
		return "inet"
	}
	return "inet6"
}

func hex2(v uint8) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>4], digits[v&15]})
}

// routeFlagWords are the rtm_flags / rtnh_flags bits ip prints, in ip's
// order (RTNH_F_* in the low byte, RTM_F_* above).
var routeFlagWords = [...]struct {
	bit  uint32
	word string
}{
	{uint32(rtnl.RTNH_F_DEAD), "dead"},
	{uint32(rtnl.RTNH_F_ONLINK), "onlink"},
	{uint32(rtnl.RTNH_F_PERVASIVE), "pervasive"},
	{uint32(rtnl.RTNH_F_OFFLOAD), "offload"},
	{uint32(rtnl.RTNH_F_TRAP), "trap"},
	{uint32(rtnl.RTM_F_NOTIFY), "notify"},
	{uint32(rtnl.RTNH_F_LINKDOWN), "linkdown"},
	{uint32(rtnl.RTNH_F_UNRESOLVED), "unresolved"},
	{uint32(rtnl.RTM_F_OFFLOAD), "rt_offload"},
	{uint32(rtnl.RTM_F_TRAP), "rt_trap"},
	{uint32(rtnl.RTM_F_OFFLOAD_FAILED), "rt_offload_failed"},
}

func appendFlagsText(t *textLine, flags uint32) {
	for _, f := range routeFlagWords {
		if flags&f.bit != 0 {
			t.word(f.word)
		}
	}
}

// metricNames are ip's names for RTAX_* (index = attribute type).
var metricNames = [...]string{
	rtnl.RTAX_MTU:                "mtu",
	rtnl.RTAX_WINDOW:             "window",
	rtnl.RTAX_RTT:                "rtt",
	rtnl.RTAX_RTTVAR:             "rttvar",
	rtnl.RTAX_SSTHRESH:           "ssthresh",
	rtnl.RTAX_CWND:               "cwnd",
	rtnl.RTAX_ADVMSS:             "advmss",
	rtnl.RTAX_REORDERING:         "reordering",
	rtnl.RTAX_HOPLIMIT:           "hoplimit",
	rtnl.RTAX_INITCWND:           "initcwnd",
	rtnl.RTAX_FEATURES:           "features",
	rtnl.RTAX_RTO_MIN:            "rto_min",
	rtnl.RTAX_INITRWND:           "initrwnd",
	rtnl.RTAX_QUICKACK:           "quickack",
	rtnl.RTAX_CC_ALGO:            "congctl",
	rtnl.RTAX_FASTOPEN_NO_COOKIE: "fastopen_no_cookie",
}

// metricValue returns the u32 value of metric id and whether it is present.
// RTAX_CC_ALGO (text) is not handled here.
func metricValue(m *rtnl.Metrics, id uint16) (uint32, bool) {
	if !m.Has(id) {
		return 0, false
	}
	switch id {
	case rtnl.RTAX_MTU:
		return m.MTU, true
	case rtnl.RTAX_WINDOW:
		return m.Window, true
	case rtnl.RTAX_RTT:
		return m.RTT, true
	case rtnl.RTAX_RTTVAR:
		return m.RTTVar, true
	case rtnl.RTAX_SSTHRESH:
		return m.SSThresh, true
	case rtnl.RTAX_CWND:
		return m.Cwnd, true
	case rtnl.RTAX_ADVMSS:
		return m.AdvMSS, true
	case rtnl.RTAX_REORDERING:
		return m.Reordering, true
	case rtnl.RTAX_HOPLIMIT:
		return m.HopLimit, true
	case rtnl.RTAX_INITCWND:
		return m.InitCwnd, true
	case rtnl.RTAX_FEATURES:
		return m.Features, true
	case rtnl.RTAX_RTO_MIN:
		return m.RTOMin, true
	case rtnl.RTAX_INITRWND:
		return m.InitRwnd, true
	case rtnl.RTAX_QUICKACK:
		return m.QuickAck, true
	case rtnl.RTAX_FASTOPEN_NO_COOKIE:
		return m.FastOpenNoCookie, true
	}
	return 0, false
}

// metricMillis converts the time metrics to milliseconds as ip shows them:
// the kernel keeps rtt scaled by 8 and rttvar by 4.
func metricMillis(id uint16, v uint32) uint32 {
	switch id {
	case rtnl.RTAX_RTT:
		return v / 8
	case rtnl.RTAX_RTTVAR:
		return v / 4
	}
	return v
}

// rtaxFeatureECN is RTAX_FEATURE_ECN.
const rtaxFeatureECN = 1 << 0

// appendMetricsText prints RTA_METRICS as ip does: "mtu 1400",
// "mtu lock 1280", "rtt 12ms", "congctl cubic", "features ecn".
func appendMetricsText(t *textLine, m *rtnl.Metrics) {
	var lock uint32
	if m.Has(rtnl.RTAX_LOCK) {
		lock = m.Lock
	}
	for id := uint16(rtnl.RTAX_MTU); id < uint16(len(metricNames)); id++ {
		name := metricNames[id]
		locked := id < 32 && lock&(1<<id) != 0
		if id == rtnl.RTAX_CC_ALGO {
			if m.Has(id) {
				t.word(name)
				if locked {
					t.word("lock")
				}
				t.word(m.CCAlgo.String())
			}
			continue
		}
		v, ok := metricValue(m, id)
		if !ok || (id == rtnl.RTAX_HOPLIMIT && int32(v) == -1) {
			continue
		}
		t.word(name)
		if locked {
			t.word("lock")
		}
		switch id {
		case rtnl.RTAX_RTT, rtnl.RTAX_RTTVAR, rtnl.RTAX_RTO_MIN:
			ms := metricMillis(id, v)
			if ms >= 1000 {
				t.word(strconv.FormatFloat(float64(ms)/1e3, 'g', -1, 64) + "s")
			} else {
				t.word(strconv.FormatUint(uint64(ms), 10) + "ms")
			}
		case rtnl.RTAX_FEATURES:
			if v&rtaxFeatureECN != 0 {
				t.word("ecn")
				v &^= rtaxFeatureECN
			}
			if v != 0 {
				t.word("0x" + strconv.FormatUint(uint64(v), 16))
			}
		default:
			t.word(strconv.FormatUint(uint64(v), 10))
		}
	}
}
