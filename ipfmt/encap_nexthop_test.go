package ipfmt

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

func appendOne(t *testing.T, o Options, msg any) string {
	t.Helper()
	b, err := o.Append(nil, msg)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeg6HMAC: print_0xhex prints the key id "%llX" in text (hmac FF, no
// 0x) and "%#llx" in JSON ("0xff").
func TestSeg6HMAC(t *testing.T) {
	for _, c := range []struct {
		id         uint32
		text, json string
	}{{7, " hmac 7\n", `"hmac":"0x7"`}, {255, " hmac FF\n", `"hmac":"0xff"`}, {0x1aB2, " hmac 1AB2\n", `"hmac":"0x1ab2"`}} {
		var r rtnl.Route
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, DstLen: 64, Type: rtnl.RTN_UNICAST, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_BOOT}
		r.SetDst(netip.MustParseAddr("2001:db8:1::"))
		r.SetEncapType(rtnl.LWTUNNEL_ENCAP_SEG6)
		h := nlwire.NewSRH([]netip.Addr{netip.MustParseAddr("2001:db8::1")}, true, c.id)
		r.Encap.Seg6.SetSRH(nlwire.AppendSeg6Encap(nil, nlwire.Seg6ModeEncap, &h))
		r.SetPresent(rtnl.RTA_ENCAP)
		text := appendOne(t, Options{}, &r)
		if want := "2001:db8:1::/64  encap seg6 mode encap segs 1 [ 2001:db8::1 ]" + c.text; !strings.Contains(text, want) {
			t.Errorf("hmac %d: text %q, want it to hold %q", c.id, text, want)
		}
		js := appendOne(t, Options{JSON: true}, &r)
		if !strings.Contains(js, c.json) {
			t.Errorf("hmac %d: JSON %s, want it to hold %s", c.id, js, c.json)
		}
	}
}

// TestNexthopResilientArgs: a resilient group's parameters, as
// print_nh_res_group prints them (timers in seconds from clock_t).
func TestNexthopResilientArgs(t *testing.T) {
	var n rtnl.NexthopObj
	n.Header.Family = rtnl.AF_UNSPEC
	n.SetID(12)
	n.SetGroup([]rtnl.NexthopGrp{{ID: 1}, {ID: 2}})
	n.SetGroupType(rtnl.NEXTHOP_GRP_TYPE_RES)
	var g rtnl.NexthopResGroup
	g.SetBuckets(8)
	g.SetIdleTimer(6000)
	g.SetUnbalancedTimer(12050)
	g.SetUnbalancedTime(0)
	n.SetResGroup(g)
	if got, want := appendOne(t, Options{}, &n), "id 12 group 1/2 type resilient buckets 8 idle_timer 60 unbalanced_timer 120.5 unbalanced_time 0\n"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	want := `{"id":12,"group":[{"id":1},{"id":2}],"type":"resilient","resilient_args":{"buckets":8,"idle_timer":60,"unbalanced_timer":120.5,"unbalanced_time":0},"flags":[]}`
	if got := appendOne(t, Options{JSON: true}, &n); got != want {
		t.Errorf("JSON %s, want %s", got, want)
	}
}

// TestEncapWordsParseBack: every seg6 mode, seg6local flavor and ILA word
// the printer uses parses back to its value.
func TestEncapWordsParseBack(t *testing.T) {
	for m := int32(0); m < int32(len(seg6ModeNames)); m++ {
		if got, err := ParseSeg6Mode(seg6ModeName(m)); err != nil || got != m {
			t.Errorf("ParseSeg6Mode(%q) = %d, %v; want %d", seg6ModeName(m), got, err, m)
		}
	}
	if got, err := ParseSeg6Flavors("psp,NEXT-CSID"); err != nil || got != 1<<1|1<<4 {
		t.Errorf("ParseSeg6Flavors(psp,NEXT-CSID) = %#x, %v; want 0x12", got, err)
	}
	for _, bad := range []string{"", "psp,psp", "psp,", "bogus"} {
		if _, err := ParseSeg6Flavors(bad); err == nil {
			t.Errorf("ParseSeg6Flavors(%q): no error", bad)
		}
	}
	for word, names := range map[string]map[uint8]string{"csum-mode": ilaCsumModes, "ident-type": ilaIdentTypes, "hook-type": ilaHookTypes} {
		for v, n := range names {
			if got, err := ParseILAWord(word, n); err != nil || got != v {
				t.Errorf("ParseILAWord(%s, %s) = %d, %v; want %d", word, n, got, err, v)
			}
		}
		if _, err := ParseILAWord(word, "unknown"); err == nil {
			t.Errorf("ParseILAWord(%s, unknown): no error", word)
		}
	}
}
