package main

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/runtime/nlwire"
)

// TestParseEncapSeg6Mode: the mode is kept whatever the order of mode, segs
// and hmac (it was lost when mode came before segs, the listing's order).
func TestParseEncapSeg6Mode(t *testing.T) {
	modes := map[string]int32{"inline": nlwire.Seg6ModeInline, "encap": nlwire.Seg6ModeEncap, "l2encap": nlwire.Seg6ModeL2Encap,
		"encap.red": nlwire.Seg6ModeEncapRed, "l2encap.red": nlwire.Seg6ModeL2EncapRed}
	for word, want := range modes {
		for _, line := range []string{
			"encap seg6 mode " + word + " segs 2001:db8::1,2001:db8::2",
			"encap seg6 segs 2001:db8::1,2001:db8::2 mode " + word,
			"encap seg6 mode " + word + " segs 2 [ 2001:db8::1 2001:db8::2 ] hmac 7",
			"encap seg6 hmac 7 mode " + word + " segs 2001:db8::1,2001:db8::2",
		} {
			args := strings.Fields(line)
			c, last, err := parseEncap(args, 0)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			if last != len(args)-1 {
				t.Errorf("%s: took words up to %d, want %d", line, last, len(args)-1)
			}
			if c.typ != rtnl.LWTUNNEL_ENCAP_SEG6 || !c.e.Seg6.Has(rtnl.SEG6_IPTUNNEL_SRH) {
				t.Fatalf("%s: no seg6 SRH", line)
			}
			var h nlwire.SRH
			mode, err := nlwire.Seg6Encap(c.e.Seg6.SRH, &h)
			if err != nil {
				t.Fatalf("%s: the SRH built does not decode: %v", line, err)
			}
			if mode != want {
				t.Errorf("%s: mode %d, want %d", line, mode, want)
			}
			var path []netip.Addr
			for j := len(h.Segments) - 1; j >= 0; j-- {
				path = append(path, h.Segments[j])
			}
			wantPath := []netip.Addr{netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::2")}
			if want == nlwire.Seg6ModeInline {
				wantPath = append(wantPath, netip.IPv6Unspecified())
			}
			if len(path) != len(wantPath) {
				t.Fatalf("%s: segments %v, want %v", line, path, wantPath)
			}
			for j := range path {
				if path[j] != wantPath[j] {
					t.Errorf("%s: segments %v, want %v", line, path, wantPath)
				}
			}
			id, ok := h.HMACKeyID()
			if wantHMAC := strings.Contains(line, "hmac 7"); ok != wantHMAC || wantHMAC && id != 7 {
				t.Errorf("%s: hmac %d (%v), want 7 (%v)", line, id, ok, wantHMAC)
			}
		}
	}
}

// TestEncapListingRoundTrip: every encapsulation word a listing prints
// reads back into the same encapsulation (printed again, the same line).
func TestEncapListingRoundTrip(t *testing.T) {
	for _, line := range []string{
		"encap seg6local action End flavors psp",
		"encap seg6local action End flavors psp,usd",
		"encap seg6local action End flavors next-csid lblen 32 nflen 16",
		"encap seg6local action End.X nh6 2001:db8::9 flavors usp",
		"encap seg6 mode l2encap segs 1 [ 2001:db8::1 ]",
		"encap seg6 mode encap.red segs 2 [ 2001:db8::1 2001:db8::2 ] hmac FF",
		"encap seg6 mode l2encap.red segs 1 [ 2001:db8::1 ]",
		"encap ila 2001:0:0:1 csum-mode neutral-map ident-type luid hook-type input",
		"encap ila 1:2:3:4",
	} {
		args := strings.Fields("2001:db8:9::/64 " + line + " dev lnx0")
		c, last, err := parseEncap(args, 1)
		if err != nil {
			t.Errorf("%s: %v", line, err)
			continue
		}
		if args[last+1] != "dev" {
			t.Errorf("%s: stopped at %q, want the route's dev", line, args[last+1])
		}
		var r rtnl.Route
		r.Header = rtnl.RtMsg{Family: rtnl.AF_INET6, DstLen: 64, Type: rtnl.RTN_UNICAST, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_BOOT}
		r.SetDst(netip.MustParseAddr("2001:db8:9::"))
		r.SetEncapType(c.typ)
		r.Encap = c.e
		r.SetPresent(rtnl.RTA_ENCAP)
		b, err := ipfmt.Options{}.Append(nil, &r)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(string(b)), " ")
		if want := "2001:db8:9::/64 " + line; got != want {
			t.Errorf("read back and printed again:\n got %q\nwant %q", got, want)
		}
	}
}

// TestEncapWordsRefused: words linx cannot write back are refused with
// their reason, not taken for the route's.
func TestEncapWordsRefused(t *testing.T) {
	for line, want := range map[string]string{
		"encap seg6local action End.BPF endpoint fwd": "loads no BPF programs",
		"encap bpf in fwd":                            "loads no BPF programs",
		"encap bpf xmit prog headroom 14":             "loads no BPF programs",
		"encap seg6local action End flavors psp,psp":  "invalid flavors",
		"encap seg6local action End flavors bogus":    "invalid flavors",
		"encap ila 1:2:3:4:5":                         "invalid locator",
		"encap ila 1:2 hook-type sideways":            "invalid hook-type",
	} {
		_, _, err := parseEncap(strings.Fields(line), 0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", line, err, want)
		}
	}
	// ip's "count" asks for counters, which start at zero.
	c, _, err := parseEncap(strings.Fields("encap seg6local action End count"), 0)
	if err != nil || !c.e.Seg6Local.Has(rtnl.SEG6_LOCAL_COUNTERS) {
		t.Errorf("count: %v, counters present %v", err, c.e.Seg6Local.Has(rtnl.SEG6_LOCAL_COUNTERS))
	}
}
