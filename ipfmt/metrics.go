package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// rtaxFeatureECN is RTAX_FEATURE_ECN.
const rtaxFeatureECN = 1 << 0

// metricU32 returns the value of the u32 metric id (RTAX_LOCK .. the last
// one the schema knows), nil for RTAX_CC_ALGO and unknown ids.
func metricU32(m *rtnl.Metrics, id uint16) *uint32 {
	byID := [...]*uint32{
		rtnl.RTAX_LOCK: &m.Lock, rtnl.RTAX_MTU: &m.MTU, rtnl.RTAX_WINDOW: &m.Window,
		rtnl.RTAX_RTT: &m.RTT, rtnl.RTAX_RTTVAR: &m.RTTVar, rtnl.RTAX_SSTHRESH: &m.SSThresh,
		rtnl.RTAX_CWND: &m.Cwnd, rtnl.RTAX_ADVMSS: &m.AdvMSS, rtnl.RTAX_REORDERING: &m.Reordering,
		rtnl.RTAX_HOPLIMIT: &m.HopLimit, rtnl.RTAX_INITCWND: &m.InitCwnd, rtnl.RTAX_FEATURES: &m.Features,
		rtnl.RTAX_RTO_MIN: &m.RTOMin, rtnl.RTAX_INITRWND: &m.InitRwnd, rtnl.RTAX_QUICKACK: &m.QuickAck,
		rtnl.RTAX_FASTOPEN_NO_COOKIE: &m.FastOpenNoCookie,
	}
	if int(id) < len(byID) {
		return byID[id]
	}
	return nil
}

// printMetrics is print_rta_metrics: "mtu 1400", "mtu lock 1280",
// "rtt 12ms", "congctl cubic", "features ecn" in text; one object in a
// "metrics" array in JSON (ip -j prints no lock there).
func printMetrics(s *sink, m *rtnl.Metrics) {
	var lock uint32
	if m.Has(rtnl.RTAX_LOCK) {
		lock = m.Lock
	}
	s.openArray(rtMetrics.JSON)
	s.open("")
	for id := uint16(rtnl.RTAX_MTU); id <= rtnl.RTAX_FASTOPEN_NO_COOKIE; id++ {
		locked := lock&(1<<id) != 0
		if !m.Has(id) && !locked {
			continue
		}
		f := rtnl.MetricsFieldName(id)
		var v uint32
		if p := metricU32(m, id); p != nil && m.Has(id) {
			v = *p
		}
		if id == rtnl.RTAX_HOPLIMIT && int32(v) == -1 {
			continue
		}
		s.word(f.Text)
		if locked {
			s.word("lock")
		}
		switch id {
		case rtnl.RTAX_FEATURES:
			if v&rtaxFeatureECN != 0 {
				s.jsonNull("ecn")
				s.word("ecn")
			}
			if v&^rtaxFeatureECN != 0 {
				// print_0xhex of all the bits, ECN included.
				s.str(field{JSON: f.JSON}, "0x"+strconv.FormatUint(uint64(v), 16))
			}
		case rtnl.RTAX_RTT, rtnl.RTAX_RTTVAR, rtnl.RTAX_RTO_MIN:
			switch id {
			case rtnl.RTAX_RTT:
				v /= 8
			case rtnl.RTAX_RTTVAR:
				v /= 4
			}
			switch {
			case s.json:
				s.jsonUint(f.JSON, uint64(v))
			case v >= 1000:
				s.word(strconv.FormatFloat(float64(v)/1e3, 'g', -1, 64) + "s")
			default:
				s.word(strconv.FormatUint(uint64(v), 10) + "ms")
			}
		case rtnl.RTAX_CC_ALGO:
			s.str(field{JSON: f.JSON}, m.CCAlgo.String())
		default:
			if s.json {
				s.jsonUint(f.JSON, uint64(v))
			} else {
				s.word(strconv.FormatUint(uint64(v), 10))
			}
		}
	}
	s.close()
	s.closeArray()
}
