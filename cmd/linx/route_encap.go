package main

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/runtime/nlwire"
)

// encapSpec is an "encap TYPE ..." of route add, or of a multipath leg:
// the words a listing prints for it (ipfmt's printEncap) read back. The
// interface names of seg6local's iif and oif wait for the namespace.
type encapSpec struct {
	typ      rtnl.EncapType
	e        rtnl.LwtEncap
	iif, oif string

	// The SRH's words so far (seg6, or seg6local's End.B6 SRH): the SRH is
	// rebuilt from them after each, never read back from a half-built one.
	srhSet  bool
	srhMode int32
	srhPath []netip.Addr
	srhHMAC uint32
}

// parseEncap reads "encap TYPE ARGS..." at args[i] ("encap"); it returns the
// index of the last word it took. It stops at the first word that is not
// the type's, for the route's keywords to go on.
func parseEncap(args []string, i int) (encapSpec, int, error) {
	var c encapSpec
	usage := routeObject.usage()
	if i+1 >= len(args) {
		return c, i, usageErrorf(usage, "encap needs a type: mpls, ip, ip6, seg6 or seg6local")
	}
	i++
	t, err := rtnl.ParseEncapType(args[i])
	if err != nil {
		return c, i, usageErrorf(usage, "encap: %v", err)
	}
	c.typ = t
	val := func(w string) (string, error) {
		if i+1 >= len(args) {
			return "", usageErrorf(usage, "encap %s: %s needs a value", t, w)
		}
		i++
		return args[i], nil
	}
	u8 := func(w string) (uint8, error) {
		v, err := val(w)
		if err != nil {
			return 0, err
		}
		n, err := strconv.ParseUint(v, 0, 8)
		if err != nil {
			return 0, usageErrorf(usage, "encap %s: invalid %s %q: want 0..255", t, w, v)
		}
		return uint8(n), nil
	}
	addr := func(w string) (netip.Addr, error) {
		v, err := val(w)
		if err != nil {
			return netip.Addr{}, err
		}
		return parseAddr("encap "+w+" address", v)
	}
	for i+1 < len(args) {
		w := args[i+1]
		var err error
		switch {
		case t == rtnl.LWTUNNEL_ENCAP_MPLS && w != "ttl" && c.e.MPLS.Dst == nil && !c.e.MPLS.Has(rtnl.MPLS_IPTUNNEL_DST):
			i++
			var ls []rtnl.MplsLabel
			ls, err = parseLabels(w)
			c.e.MPLS.SetDst(ls)
		case t == rtnl.LWTUNNEL_ENCAP_MPLS && w == "ttl":
			i++
			var n uint8
			n, err = u8(w)
			c.e.MPLS.SetTTL(n)
		case (t == rtnl.LWTUNNEL_ENCAP_IP || t == rtnl.LWTUNNEL_ENCAP_IP6) && encapIPWord(t, w):
			i++
			err = c.ipWord(w, val, u8, addr)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6 && (w == "mode" || w == "segs" || w == "hmac"):
			i++
			err = c.seg6Words(args, &i)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && w == "srh":
			i++ // ip's "srh segs A,B": the listing prints the segs alone
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && (w == "segs" || w == "hmac"):
			i++
			err = c.seg6Words(args, &i)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && seg6LocalWord(w):
			i++
			err = c.seg6LocalWord(w, val, addr)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && w == "flavors":
			i++
			err = c.flavors(val, u8, args, &i)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && w == "count":
			i++ // ip's "count": counters the kernel starts at zero
			var n rtnl.Seg6LocalCounters
			n.SetPackets(0)
			n.SetBytes(0)
			n.SetErrors(0)
			c.e.Seg6Local.SetCounters(n)
		case t == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL && w == "endpoint",
			t == rtnl.LWTUNNEL_ENCAP_BPF && (w == "in" || w == "out" || w == "xmit" || w == "headroom"):
			// The kernel takes a program by file descriptor, loaded from an
			// object file (ip's "obj FILE section S"); a listing's program
			// name cannot be written back.
			return c, i, argErrorf("encap %s %s: linx loads no BPF programs (ip's \"%s obj FILE [section S]\" does); the program named in a listing cannot be written back", t, w, w)
		case t == rtnl.LWTUNNEL_ENCAP_ILA && !c.e.ILA.Has(rtnl.ILA_ATTR_LOCATOR):
			i++
			var loc uint64
			loc, err = parseAddr64(w)
			c.e.ILA.SetLocator(loc)
		case t == rtnl.LWTUNNEL_ENCAP_ILA && (w == "csum-mode" || w == "ident-type" || w == "hook-type"):
			i++
			err = c.ilaWord(w, val)
		default:
			return c, i, nil
		}
		if err != nil {
			return c, i, err
		}
	}
	return c, i, nil
}

// parseLabels is an MPLS label stack "100/200/300" (bottom of stack last).
func parseLabels(s string) ([]rtnl.MplsLabel, error) {
	parts := strings.Split(s, "/")
	ls := make([]rtnl.MplsLabel, len(parts))
	for j, p := range parts {
		n, err := strconv.ParseUint(p, 10, 20)
		if err != nil {
			return nil, argErrorf("invalid MPLS label stack %q: want labels 0..1048575 joined by /", s)
		}
		ls[j].Entry = uint32(n) << 12
	}
	ls[len(ls)-1].Entry |= 1 << 8 // bottom of stack
	return ls, nil
}

func encapIPWord(t rtnl.EncapType, w string) bool {
	switch w {
	case "id", "src", "dst", "key", "csum", "seq":
		return true
	case "ttl", "tos":
		return t == rtnl.LWTUNNEL_ENCAP_IP
	case "hoplimit", "tc":
		return t == rtnl.LWTUNNEL_ENCAP_IP6
	}
	return false
}

func (c *encapSpec) ipWord(w string, val func(string) (string, error), u8 func(string) (uint8, error), addr func(string) (netip.Addr, error)) error {
	ip, ip6 := &c.e.IP, &c.e.IP6
	v6 := c.typ == rtnl.LWTUNNEL_ENCAP_IP6
	flag := map[string]uint16{"csum": 0x01, "key": 0x04, "seq": 0x08}
	switch w {
	case "id":
		v, err := val(w)
		if err != nil {
			return err
		}
		n, err := strconv.ParseUint(v, 0, 64)
		if err != nil {
			return usageErrorf(routeObject.usage(), "encap: invalid id %q", v)
		}
		ip.SetID(n)
		ip6.SetID(n)
	case "src", "dst":
		a, err := addr(w)
		if err != nil {
			return err
		}
		if v6 != a.Is6() {
			return argErrorf("encap %s %s %s: wrong address family", c.typ, w, a)
		}
		if w == "src" {
			ip.SetSrc(a)
			ip6.SetSrc(a)
		} else {
			ip.SetDst(a)
			ip6.SetDst(a)
		}
	case "ttl", "hoplimit":
		n, err := u8(w)
		if err != nil {
			return err
		}
		ip.SetTTL(n)
		ip6.SetHoplimit(n)
	case "tos", "tc":
		n, err := u8(w)
		if err != nil {
			return err
		}
		ip.SetTOS(n)
		ip6.SetTC(n)
	default:
		ip.SetFlags(ip.Flags | flag[w])
		ip6.SetFlags(ip6.Flags | flag[w])
	}
	return nil
}

// seg6Words reads "mode M", "segs N [ A B ]" or "segs A,B,C", "hmac K" at
// args[*i]; the SRH is rebuilt from them each time.
func (c *encapSpec) seg6Words(args []string, i *int) error {
	usage := routeObject.usage()
	local := c.typ == rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL // a bare SRH (SEG6_LOCAL_SRH, End.B6)
	if !c.srhSet {
		c.srhSet, c.srhMode = true, nlwire.Seg6ModeEncap // ip's default mode
	}
	mode, path, hmac := c.srhMode, c.srhPath, c.srhHMAC
	w := args[*i]
	next := func() (string, error) {
		if *i+1 >= len(args) {
			return "", usageErrorf(usage, "encap seg6: %s needs a value", w)
		}
		*i++
		return args[*i], nil
	}
	v, err := next()
	if err != nil {
		return err
	}
	switch w {
	case "mode":
		if local {
			return usageErrorf(usage, "encap seg6local: no mode")
		}
		m, err := ipfmt.ParseSeg6Mode(v)
		if err != nil {
			return usageErrorf(usage, "encap seg6: %v", err)
		}
		mode = m
	case "segs":
		path = nil
		if _, err := strconv.Atoi(v); err == nil && *i+1 < len(args) && args[*i+1] == "[" {
			// The listing's "segs N [ A B ... ]".
			*i++
			for *i+1 < len(args) && args[*i+1] != "]" {
				*i++
				a, err := parseAddr("segment", args[*i])
				if err != nil {
					return err
				}
				path = append(path, a)
			}
			if *i+1 >= len(args) {
				return usageErrorf(usage, "encap seg6: segs [ ... without ]")
			}
			*i++
		} else {
			for _, s := range strings.Split(v, ",") {
				a, err := parseAddr("segment", s)
				if err != nil {
					return err
				}
				path = append(path, a)
			}
		}
	case "hmac":
		// As ip's get_u32(..., 0): decimal, 0x hex or 0 octal. A listing
		// prints the id in hex without 0x (print_0xhex's "%llX"): one with
		// a letter in it ("FF") reads as hex, one of digits only as ip
		// reads it, decimal.
		n, err := strconv.ParseUint(v, 0, 32)
		if err != nil {
			n, err = strconv.ParseUint(v, 16, 32)
		}
		if err != nil {
			return usageErrorf(usage, "encap seg6: invalid hmac key id %q: want a number (decimal, 0x hex, or hex as a listing prints it)", v)
		}
		hmac = uint32(n)
	}
	c.srhMode, c.srhPath, c.srhHMAC = mode, path, hmac
	if mode == nlwire.Seg6ModeInline && len(path) > 0 && path[len(path)-1] == netip.IPv6Unspecified() {
		path = path[:len(path)-1]
	}
	h := nlwire.NewSRH(path, mode != nlwire.Seg6ModeInline, hmac)
	if local {
		c.e.Seg6Local.SetSRH(h.Append(nil))
		return nil
	}
	c.e.Seg6.SetSRH(nlwire.AppendSeg6Encap(nil, mode, &h))
	return nil
}

func seg6LocalWord(w string) bool {
	switch w {
	case "action", "table", "vrftable", "nh4", "nh6", "iif", "oif":
		return true
	}
	return false
}

func (c *encapSpec) seg6LocalWord(w string, val func(string) (string, error), addr func(string) (netip.Addr, error)) error {
	l := &c.e.Seg6Local
	switch w {
	case "action":
		v, err := val(w)
		if err != nil {
			return err
		}
		a, err := rtnl.ParseSeg6LocalAction(v)
		if err != nil {
			return usageErrorf(routeObject.usage(), "encap seg6local: %v", err)
		}
		l.SetAction(a)
	case "table", "vrftable":
		v, err := val(w)
		if err != nil {
			return err
		}
		t, err := parseTable(v)
		if err != nil {
			return usageErrorf(routeObject.usage(), "encap seg6local: %v", err)
		}
		if w == "table" {
			l.SetTable(uint32(t))
		} else {
			l.SetVRFTable(uint32(t))
		}
	case "nh4", "nh6":
		a, err := addr(w)
		if err != nil {
			return err
		}
		if w == "nh4" {
			l.SetNH4(a)
		} else {
			l.SetNH6(a)
		}
	case "iif", "oif":
		v, err := val(w)
		if err != nil {
			return err
		}
		if w == "iif" {
			c.iif = v
		} else {
			c.oif = v
		}
	}
	return nil
}

// flavors reads seg6local's "flavors F[,F...]" at args[*i] ("flavors") and
// the "lblen N" and "nflen N" that follow it (next-csid's lengths).
func (c *encapSpec) flavors(val func(string) (string, error), u8 func(string) (uint8, error), args []string, i *int) error {
	v, err := val("flavors")
	if err != nil {
		return err
	}
	var f rtnl.Seg6LocalFlavors
	mask, err := ipfmt.ParseSeg6Flavors(v)
	if err != nil {
		return usageErrorf(routeObject.usage(), "encap seg6local: %v", err)
	}
	f.SetOperation(mask)
	for *i+1 < len(args) && (args[*i+1] == "lblen" || args[*i+1] == "nflen") {
		*i++
		w := args[*i]
		n, err := u8(w)
		if err != nil {
			return err
		}
		if w == "lblen" {
			f.SetLCBlockBits(n)
		} else {
			f.SetLCNodeFnBits(n)
		}
	}
	c.e.Seg6Local.SetFlavors(f)
	return nil
}

// parseAddr64 is get_addr64: an ILA locator as up to four hex groups
// "2001:0:0:1", the first group the most significant.
func parseAddr64(s string) (uint64, error) {
	parts := strings.Split(s, ":")
	if len(parts) > 4 {
		return 0, argErrorf("encap ila: invalid locator %q: want up to four hex groups joined by :", s)
	}
	var v uint64
	for j, p := range parts {
		n, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return 0, argErrorf("encap ila: invalid locator %q: want up to four hex groups joined by :", s)
		}
		v |= n << (48 - 16*j)
	}
	return v, nil
}

// ilaWord reads ila's "csum-mode M", "ident-type T" or "hook-type H".
func (c *encapSpec) ilaWord(w string, val func(string) (string, error)) error {
	v, err := val(w)
	if err != nil {
		return err
	}
	n, err := ipfmt.ParseILAWord(w, v)
	if err != nil {
		return usageErrorf(routeObject.usage(), "encap ila: %v", err)
	}
	switch w {
	case "csum-mode":
		c.e.ILA.SetCsumMode(n)
	case "ident-type":
		c.e.ILA.SetIdentType(n)
	default:
		c.e.ILA.SetHookType(n)
	}
	return nil
}

// resolve names seg6local's interfaces.
func (c *encapSpec) resolve(index func(string) (uint32, error)) error {
	for _, x := range []struct {
		name string
		set  func(uint32)
	}{{c.iif, c.e.Seg6Local.SetIIF}, {c.oif, c.e.Seg6Local.SetOIF}} {
		if x.name == "" {
			continue
		}
		i, err := index(x.name)
		if err != nil {
			return fmt.Errorf("encap seg6local: %w", err)
		}
		x.set(i)
	}
	return nil
}
