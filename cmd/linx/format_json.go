package main

import (
	"encoding/json"
	"io"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
)

// jsonRoute is the JSON form of a route. Field order is the key order. A
// key whose attribute the kernel did not send is left out (pointer or empty
// string + omitempty), so "metric 0" and "no metric" stay distinct. The
// header fields (family, type, protocol, scope) and the effective table are
// always present; type, protocol, scope and table are numbers so that
// consumers need no name tables (the names are what the text form prints).
type jsonRoute struct {
	Family   string        `json:"family"`
	Type     uint8         `json:"type"`
	Protocol uint8         `json:"protocol"`
	Scope    uint8         `json:"scope"`
	Table    uint32        `json:"table"`
	Dst      string        `json:"dst,omitempty"` // CIDR, also for host and default routes
	Gateway  string        `json:"gateway,omitempty"`
	OIF      *uint32       `json:"oif,omitempty"`
	Dev      string        `json:"dev,omitempty"` // left out when the index names no known interface
	PrefSrc  string        `json:"prefsrc,omitempty"`
	Metric   *uint32       `json:"metric,omitempty"`
	Pref     string        `json:"pref,omitempty"`
	Metrics  *jsonMetrics  `json:"metrics,omitempty"`
	Nexthops []jsonNexthop `json:"nexthops,omitempty"`
}

// jsonMetrics is RTA_METRICS keyed by ip's names. lock is the RTAX_LOCK
// bitmask (bit N locks metric N). rtt and rttvar are in milliseconds as ip
// shows them (the kernel keeps them scaled by 8 and 4); every other value is
// the kernel's.
type jsonMetrics struct {
	Lock             *uint32 `json:"lock,omitempty"`
	MTU              *uint32 `json:"mtu,omitempty"`
	Window           *uint32 `json:"window,omitempty"`
	RTT              *uint32 `json:"rtt,omitempty"`
	RTTVar           *uint32 `json:"rttvar,omitempty"`
	SSThresh         *uint32 `json:"ssthresh,omitempty"`
	Cwnd             *uint32 `json:"cwnd,omitempty"`
	AdvMSS           *uint32 `json:"advmss,omitempty"`
	Reordering       *uint32 `json:"reordering,omitempty"`
	HopLimit         *uint32 `json:"hoplimit,omitempty"`
	InitCwnd         *uint32 `json:"initcwnd,omitempty"`
	Features         *uint32 `json:"features,omitempty"`
	RTOMin           *uint32 `json:"rto_min,omitempty"`
	InitRwnd         *uint32 `json:"initrwnd,omitempty"`
	QuickAck         *uint32 `json:"quickack,omitempty"`
	CongCtl          *string `json:"congctl,omitempty"`
	FastOpenNoCookie *uint32 `json:"fastopen_no_cookie,omitempty"`
}

// jsonNexthop is one RTA_MULTIPATH entry; weight is rtnh_hops + 1.
type jsonNexthop struct {
	Gateway string  `json:"gateway,omitempty"`
	OIF     *uint32 `json:"oif,omitempty"`
	Dev     string  `json:"dev,omitempty"`
	Weight  int     `json:"weight"`
}

func u32p(v uint32) *uint32 { return &v }

// newJSONRoute converts r; names resolves interface indexes (nil: no dev
// keys).
func newJSONRoute(r *rtnl.Route, names linkNamer) jsonRoute {
	h := &r.Header
	j := jsonRoute{
		Family:   h.Family.String(),
		Type:     uint8(h.Type),
		Protocol: uint8(h.Protocol),
		Scope:    uint8(h.Scope),
		Table:    route.TargetTable(r),
	}
	if d := route.Destination(r); d.IsValid() {
		j.Dst = d.String()
	}
	if r.Has(rtnl.RTA_GATEWAY) {
		j.Gateway = r.Gateway.String()
	}
	if r.Has(rtnl.RTA_OIF) {
		j.OIF = u32p(r.OIF)
		j.Dev = knownName(names, r.OIF)
	}
	if r.Has(rtnl.RTA_PREFSRC) {
		j.PrefSrc = r.PrefSrc.String()
	}
	if r.Has(rtnl.RTA_PRIORITY) {
		j.Metric = u32p(r.Priority)
	}
	if r.Has(rtnl.RTA_PREF) {
		j.Pref = r.Pref.String()
	}
	if r.Has(rtnl.RTA_METRICS) {
		j.Metrics = newJSONMetrics(&r.Metrics)
	}
	if r.Has(rtnl.RTA_MULTIPATH) {
		j.Nexthops = make([]jsonNexthop, len(r.Multipath))
		for i := range r.Multipath {
			nh := &r.Multipath[i]
			jn := &j.Nexthops[i]
			if nh.Has(rtnl.RTA_GATEWAY) {
				jn.Gateway = nh.Gateway.String()
			}
			if nh.Header.Ifindex != 0 {
				jn.OIF = u32p(uint32(nh.Header.Ifindex))
				jn.Dev = knownName(names, uint32(nh.Header.Ifindex))
			}
			jn.Weight = route.Weight(nh)
		}
	}
	return j
}

func knownName(names linkNamer, ifindex uint32) string {
	if names == nil {
		return ""
	}
	n, _ := names.linkName(ifindex)
	return n
}

func newJSONMetrics(m *rtnl.Metrics) *jsonMetrics {
	j := &jsonMetrics{}
	if m.Has(rtnl.RTAX_LOCK) {
		j.Lock = u32p(m.Lock)
	}
	for _, f := range []struct {
		id  uint16
		dst **uint32
	}{
		{rtnl.RTAX_MTU, &j.MTU},
		{rtnl.RTAX_WINDOW, &j.Window},
		{rtnl.RTAX_RTT, &j.RTT},
		{rtnl.RTAX_RTTVAR, &j.RTTVar},
		{rtnl.RTAX_SSTHRESH, &j.SSThresh},
		{rtnl.RTAX_CWND, &j.Cwnd},
		{rtnl.RTAX_ADVMSS, &j.AdvMSS},
		{rtnl.RTAX_REORDERING, &j.Reordering},
		{rtnl.RTAX_HOPLIMIT, &j.HopLimit},
		{rtnl.RTAX_INITCWND, &j.InitCwnd},
		{rtnl.RTAX_FEATURES, &j.Features},
		{rtnl.RTAX_RTO_MIN, &j.RTOMin},
		{rtnl.RTAX_INITRWND, &j.InitRwnd},
		{rtnl.RTAX_QUICKACK, &j.QuickAck},
		{rtnl.RTAX_FASTOPEN_NO_COOKIE, &j.FastOpenNoCookie},
	} {
		if v, ok := metricValue(m, f.id); ok {
			*f.dst = u32p(metricMillis(f.id, v))
		}
	}
	if m.Has(rtnl.RTAX_CC_ALGO) {
		s := m.CCAlgo.String()
		j.CongCtl = &s
	}
	return j
}

// appendRouteJSON appends r as one JSON object (no newline).
func appendRouteJSON(b []byte, r *rtnl.Route, names linkNamer) []byte {
	j := newJSONRoute(r, names)
	out, err := json.Marshal(&j)
	if err != nil {
		// Every field is a string, a number or a slice of such: Marshal
		// cannot fail. Keep the output valid JSON all the same.
		return append(b, "null"...)
	}
	return append(b, out...)
}

// jsonArray streams objects as one JSON array, one element per line:
//
//	[
//	{...},
//	{...}
//	]
//
// Nothing is written until the first element or close, so a command that
// fails before producing anything leaves its output empty; one that fails
// midway leaves the array unterminated (invalid JSON) rather than passing a
// partial list off as complete.
type jsonArray struct {
	w     io.Writer
	n     int
	buf   []byte
	names linkNamer
}

func (a *jsonArray) route(r *rtnl.Route) error {
	return a.add(func(b []byte) []byte { return appendRouteJSON(b, r, a.names) })
}

// add writes one element, which appendElem appends to the buffer it is
// given.
func (a *jsonArray) add(appendElem func([]byte) []byte) error {
	a.buf = a.buf[:0]
	if a.n == 0 {
		a.buf = append(a.buf, "[\n"...)
	} else {
		a.buf = append(a.buf, ",\n"...)
	}
	a.n++
	a.buf = appendElem(a.buf)
	_, err := a.w.Write(a.buf)
	return err
}

// close ends the array ("[]" when it is empty).
func (a *jsonArray) close() error {
	var err error
	if a.n == 0 {
		_, err = io.WriteString(a.w, "[]\n")
	} else {
		_, err = io.WriteString(a.w, "\n]\n")
	}
	return err
}
