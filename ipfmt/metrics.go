package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// rtaxFeatureECN is RTAX_FEATURE_ECN.
const rtaxFeatureECN = 1 << 0

// maxMetric is the last metric RTAX_LOCK can lock (a u32 of bits).
const maxMetric = 31

// printMetrics is print_rta_metrics: "mtu 1400", "mtu lock 1280",
// "rtt 12ms", "congctl cubic", "features ecn" in text; one object in a
// "metrics" array in JSON (ip -j prints no lock there). The metrics are
// the schema's Metrics set, in the order of their numbers: every RTAX_*
// it names, each valued by the generated FieldValue.
func printMetrics(s *sink, m *rtnl.Metrics) {
	var lock uint32
	if m.Has(rtnl.RTAX_LOCK) {
		lock = m.Lock
	}
	lockWord := rtnl.MetricsFieldName(rtnl.RTAX_LOCK).Text
	s.openArray(rtMetrics.JSON)
	s.open("")
	for id := uint16(rtnl.RTAX_LOCK + 1); id <= maxMetric; id++ {
		f := rtnl.MetricsFieldName(id)
		locked := lock&(1<<id) != 0
		if f.JSON == "" || (!m.Has(id) && !locked) {
			continue
		}
		fv, _ := m.FieldValue(id) // zero when only locked
		v := fv.Uint
		if id == rtnl.RTAX_HOPLIMIT && int32(v) == -1 {
			continue
		}
		s.word(f.Text)
		if locked {
			s.word(lockWord)
		}
		switch id {
		case rtnl.RTAX_FEATURES:
			if v&rtaxFeatureECN != 0 {
				s.nullWord(keyECN)
			}
			if v&^rtaxFeatureECN != 0 {
				// print_0xhex of all the bits, ECN included.
				s.str(field{JSON: f.JSON}, "0x"+strconv.FormatUint(v, 16))
			}
		case rtnl.RTAX_RTT, rtnl.RTAX_RTTVAR, rtnl.RTAX_RTO_MIN:
			switch id {
			case rtnl.RTAX_RTT:
				v /= 8
			case rtnl.RTAX_RTTVAR:
				v /= 4
			}
			t := strconv.FormatUint(v, 10) + "ms"
			if v >= 1000 {
				t = strconv.FormatFloat(float64(v)/1e3, 'g', -1, 64) + "s"
			}
			s.uintText(field{JSON: f.JSON}, v, t)
		case rtnl.RTAX_CC_ALGO:
			s.str(field{JSON: f.JSON}, fv.Text())
		default:
			s.value(field{JSON: f.JSON}, nlwire.FieldValue{Kind: nlwire.FieldUint, Uint: v})
		}
	}
	s.close()
	s.closeArray()
}
