package main

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
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
