package ipfmt

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// The encapsulations, as lwt_print_encap (ip/iproute_lwtunnel.c) prints
// them: " encap TYPE" and the type's parameters, on a route, on each
// multipath leg and on a nexthop object. ip prints nothing without
// RTA_ENCAP_TYPE, and only the type's name for a type it does not decode.

var encapField = field{Text: "encap", JSON: "encap"}

// encapTypeName is format_encap_type: the type's word, "unknown" past the
// ones ip knows.
func encapTypeName(t rtnl.EncapType) string {
	switch t {
	case rtnl.LWTUNNEL_ENCAP_MPLS, rtnl.LWTUNNEL_ENCAP_IP, rtnl.LWTUNNEL_ENCAP_ILA, rtnl.LWTUNNEL_ENCAP_IP6,
		rtnl.LWTUNNEL_ENCAP_SEG6, rtnl.LWTUNNEL_ENCAP_BPF, rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL, rtnl.LWTUNNEL_ENCAP_RPL,
		rtnl.LWTUNNEL_ENCAP_IOAM6, rtnl.LWTUNNEL_ENCAP_XFRM:
		return t.String()
	}
	return "unknown"
}

// printEncap prints an encapsulation; has says the attribute and its type
// attribute are both present.
func printEncap(s *sink, has bool, t rtnl.EncapType, e *rtnl.LwtEncap) {
	if !has {
		return
	}
	s.raw("  ") // ip's " encap ": two spaces after the word before it
	s.str(encapField, encapTypeName(t))
	switch t {
	case rtnl.LWTUNNEL_ENCAP_MPLS:
		m := &e.MPLS
		if m.Has(rtnl.MPLS_IPTUNNEL_DST) {
			s.raw("  ") // ip's " %s ": two spaces before the labels
			s.str(field{JSON: "dst"}, labelStack(m.Dst))
		}
		if m.Has(rtnl.MPLS_IPTUNNEL_TTL) {
			s.uint(field{Text: "ttl", JSON: "ttl"}, uint64(m.TTL))
		}
	case rtnl.LWTUNNEL_ENCAP_IP:
		ip := &e.IP
		printTunnel(s, ip.Has(rtnl.LWTUNNEL_IP_ID), ip.ID, ip.Has(rtnl.LWTUNNEL_IP_SRC), ip.Src, ip.Has(rtnl.LWTUNNEL_IP_DST), ip.Dst)
		if ip.Has(rtnl.LWTUNNEL_IP_TTL) {
			s.uint(field{Text: "ttl", JSON: "ttl"}, uint64(ip.TTL))
		}
		if ip.Has(rtnl.LWTUNNEL_IP_TOS) {
			s.int(field{Text: "tos", JSON: "tos"}, int64(ip.TOS))
		}
		if ip.Has(rtnl.LWTUNNEL_IP_FLAGS) {
			printTunnelFlags(s, ip.Flags)
		}
	case rtnl.LWTUNNEL_ENCAP_IP6:
		ip := &e.IP6
		printTunnel(s, ip.Has(rtnl.LWTUNNEL_IP6_ID), ip.ID, ip.Has(rtnl.LWTUNNEL_IP6_SRC), ip.Src, ip.Has(rtnl.LWTUNNEL_IP6_DST), ip.Dst)
		if ip.Has(rtnl.LWTUNNEL_IP6_HOPLIMIT) {
			s.uint(field{Text: "hoplimit", JSON: "hoplimit"}, uint64(ip.Hoplimit))
		}
		if ip.Has(rtnl.LWTUNNEL_IP6_TC) {
			s.int(field{Text: "tc", JSON: "tc"}, int64(ip.TC))
		}
		if ip.Has(rtnl.LWTUNNEL_IP6_FLAGS) {
			printTunnelFlags(s, ip.Flags)
		}
	case rtnl.LWTUNNEL_ENCAP_SEG6:
		if e.Seg6.Has(rtnl.SEG6_IPTUNNEL_SRH) {
			var h nlwire.SRH
			mode, err := nlwire.Seg6Encap(e.Seg6.SRH, &h)
			s.str(field{Text: "mode", JSON: "mode"}, seg6ModeName(mode))
			if err == nil {
				printSRH(s, &h)
			}
		}
	case rtnl.LWTUNNEL_ENCAP_SEG6_LOCAL:
		printSeg6Local(s, &e.Seg6Local)
	case rtnl.LWTUNNEL_ENCAP_BPF:
		b := &e.BPF
		for _, p := range []struct {
			id   uint16
			word string
			prog *rtnl.BPFProg
		}{{rtnl.LWT_BPF_IN, "in", &b.In}, {rtnl.LWT_BPF_OUT, "out", &b.Out}, {rtnl.LWT_BPF_XMIT, "xmit", &b.Xmit}} {
			if b.Has(p.id) {
				printBPFProg(s, p.word, p.prog)
			}
		}
		if b.Has(rtnl.LWT_BPF_XMIT_HEADROOM) {
			s.uint(field{Text: "headroom", JSON: "headroom"}, uint64(b.XmitHeadroom))
		}
	case rtnl.LWTUNNEL_ENCAP_ILA:
		if e.ILA.Has(rtnl.ILA_ATTR_LOCATOR) {
			s.str(field{JSON: "locator"}, addr64(e.ILA.Locator))
		}
		if e.ILA.Has(rtnl.ILA_ATTR_CSUM_MODE) {
			s.str(field{Text: "csum-mode", JSON: "csum_mode"}, ilaName(ilaCsumModes, e.ILA.CsumMode))
		}
		if e.ILA.Has(rtnl.ILA_ATTR_IDENT_TYPE) {
			s.str(field{Text: "ident-type", JSON: "ident_type"}, ilaName(ilaIdentTypes, e.ILA.IdentType))
		}
		if e.ILA.Has(rtnl.ILA_ATTR_HOOK_TYPE) {
			s.str(field{Text: "hook-type", JSON: "hook_type"}, ilaName(ilaHookTypes, e.ILA.HookType))
		}
	}
}

// printTunnel is the id, src and dst of an ip or ip6 encapsulation.
func printTunnel(s *sink, hasID bool, id uint64, hasSrc bool, src netip.Addr, hasDst bool, dst netip.Addr) {
	if hasID {
		s.uint(field{Text: "id", JSON: "id"}, id)
	}
	if hasSrc {
		s.str(field{Text: "src", JSON: "src"}, src.String())
	}
	if hasDst {
		s.str(field{Text: "dst", JSON: "dst"}, dst.String())
	}
}

// Tunnel flags (TUNNEL_* in include/net/ip_tunnels.h, as a be16).
const (
	tunnelCsum = 0x01
	tunnelKey  = 0x04
	tunnelSeq  = 0x08
)

func printTunnelFlags(s *sink, f uint16) {
	for _, x := range []struct {
		bit  uint16
		word string
	}{{tunnelKey, "key"}, {tunnelCsum, "csum"}, {tunnelSeq, "seq"}} {
		if f&x.bit != 0 {
			s.jsonBool(x.word, true)
			s.word(x.word)
		}
	}
}

// labelStack is mpls_ntop: the labels joined by "/", up to the bottom of
// the stack.
func labelStack(ls []rtnl.MplsLabel) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(strconv.FormatUint(uint64(l.Entry>>12), 10))
		if l.Entry&(1<<8) != 0 {
			break
		}
	}
	return b.String()
}

// seg6ModeNames is format_seg6mode_type's words, by SEG6_IPTUN_MODE_*.
var seg6ModeNames = []string{
	nlwire.Seg6ModeInline:     "inline",
	nlwire.Seg6ModeEncap:      "encap",
	nlwire.Seg6ModeL2Encap:    "l2encap",
	nlwire.Seg6ModeEncapRed:   "encap.red",
	nlwire.Seg6ModeL2EncapRed: "l2encap.red",
}

// seg6ModeName is format_seg6mode_type.
func seg6ModeName(m int32) string {
	if m >= 0 && int(m) < len(seg6ModeNames) {
		return seg6ModeNames[m]
	}
	return "<unknown>"
}

// printSRH is print_srh: "segs N [ S... ]" (the path in visiting order) and
// the HMAC key id; in JSON the segs array and hmac.
func printSRH(s *sink, h *nlwire.SRH) {
	if s.json {
		s.openArray("segs")
		for i := len(h.Segments) - 1; i >= 0; i-- {
			s.jsonStr("", h.Segments[i].String())
		}
		s.closeArray()
	} else {
		s.word("segs", strconv.Itoa(len(h.Segments)), "[")
		for i := len(h.Segments) - 1; i >= 0; i-- {
			s.word(h.Segments[i].String())
		}
		s.word("]")
	}
	if id, ok := h.HMACKeyID(); ok {
		// print_0xhex: "hmac %llX" in text, "%#llx" in JSON.
		hex := strconv.FormatUint(uint64(id), 16)
		if s.json {
			if id != 0 {
				hex = "0x" + hex
			}
			s.jsonStr("hmac", hex)
		} else {
			s.word("hmac", strings.ToUpper(hex))
		}
	}
}

// printSeg6Local is print_encap_seg6local.
func printSeg6Local(s *sink, l *rtnl.Seg6LocalEncap) {
	if l.Has(rtnl.SEG6_LOCAL_ACTION) {
		name := l.Action.String()
		if l.Action == rtnl.SEG6_LOCAL_ACTION_UNSPEC || name == strconv.FormatUint(uint64(l.Action), 10) {
			name = "<invalid>"
		}
		s.str(field{Text: "action", JSON: "action"}, name)
	}
	if l.Has(rtnl.SEG6_LOCAL_SRH) {
		var h nlwire.SRH
		if h.Decode(l.SRH) == nil {
			s.open("srh") // JSON only: ip -j nests this SRH
			printSRH(s, &h)
			s.close()
		}
	}
	if l.Has(rtnl.SEG6_LOCAL_TABLE) {
		s.str(field{Text: "table", JSON: "table"}, tableName(l.Table, s.o.Numeric))
	}
	if l.Has(rtnl.SEG6_LOCAL_VRFTABLE) {
		s.str(field{Text: "vrftable", JSON: "vrftable"}, tableName(l.VRFTable, s.o.Numeric))
	}
	if l.Has(rtnl.SEG6_LOCAL_NH4) {
		s.str(field{Text: "nh4", JSON: "nh4"}, l.NH4.String())
	}
	if l.Has(rtnl.SEG6_LOCAL_NH6) {
		s.str(field{Text: "nh6", JSON: "nh6"}, l.NH6.String())
	}
	if l.Has(rtnl.SEG6_LOCAL_IIF) {
		s.str(field{Text: "iif", JSON: "iif"}, s.o.devName(l.IIF))
	}
	if l.Has(rtnl.SEG6_LOCAL_OIF) {
		s.str(field{Text: "oif", JSON: "oif"}, s.o.devName(l.OIF))
	}
	if l.Has(rtnl.SEG6_LOCAL_BPF) && l.BPF.Has(rtnl.SEG6_LOCAL_BPF_PROG_NAME) {
		s.str(field{Text: "endpoint", JSON: "endpoint"}, l.BPF.Name.String())
	}
	if l.Has(rtnl.SEG6_LOCAL_FLAVORS) {
		f := &l.Flavors
		if f.Has(rtnl.SEG6_LOCAL_FLV_OPERATION) {
			var names []string
			for bit, name := range seg6FlavorNames {
				if name != "" && f.Operation&(1<<bit) != 0 {
					names = append(names, name)
				}
			}
			if s.json {
				s.words("flavors", names)
			} else {
				s.word("flavors", strings.Join(names, ","))
			}
		}
		if f.Has(rtnl.SEG6_LOCAL_FLV_LCBLOCK_BITS) {
			s.uint(field{Text: "lblen", JSON: "lblen"}, uint64(f.LCBlockBits))
		}
		if f.Has(rtnl.SEG6_LOCAL_FLV_LCNODE_FN_BITS) {
			s.uint(field{Text: "nflen", JSON: "nflen"}, uint64(f.LCNodeFnBits))
		}
	}
}

// printBPFProg is print_encap_bpf_prog: the hook word and the program's
// name.
func printBPFProg(s *sink, word string, p *rtnl.BPFProg) {
	name := ""
	if p.Has(rtnl.LWT_BPF_PROG_NAME) {
		name = p.Name.String()
	}
	s.str(field{Text: word, JSON: word}, name)
}

// addr64 is addr64_n2a: a 64-bit ILA locator as four hex groups.
func addr64(v uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	var out []string
	for i := 0; i < 8; i += 2 {
		out = append(out, strconv.FormatUint(uint64(binary.BigEndian.Uint16(b[i:])), 16))
	}
	return strings.Join(out, ":")
}

// The ILA words of ip/ila_common.h, by value: ila_csum_mode2name,
// ila_ident_type2name and ila_hook_type2name.
var (
	ilaCsumModes  = map[uint8]string{0: "adj-transport", 1: "neutral-map", 2: "no-action", 3: "neutral-map-auto"}
	ilaIdentTypes = map[uint8]string{0: "iid", 1: "luid", 2: "virt-v4", 3: "virt-uni-v6", 4: "virt-multi-v6", 5: "nonlocal-addr", 32: "use-format"}
	ilaHookTypes  = map[uint8]string{0: "output", 1: "input"}
)

func ilaName(names map[uint8]string, v uint8) string {
	if n, ok := names[v]; ok {
		return n
	}
	return "unknown"
}
