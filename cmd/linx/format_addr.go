package main

import (
	"strconv"

	ifaddr "github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
)

// infinityLifeTime is INFINITY_LIFE_TIME: a lifetime that never ends.
const infinityLifeTime = 0xffffffff

// addrFlagOrder are the IFA_F_* flags ip prints, in its order (the
// IFA_F_PERMANENT entry is printed inverted, as "dynamic", and
// IFA_F_SECONDARY is "temporary" for IPv6).
var addrFlagOrder = [...]struct {
	bit  rtnl.AddrFlags
	name string
}{
	{rtnl.IFA_F_SECONDARY, "secondary"},
	{rtnl.IFA_F_NODAD, "nodad"},
	{rtnl.IFA_F_OPTIMISTIC, "optimistic"},
	{rtnl.IFA_F_DADFAILED, "dadfailed"},
	{rtnl.IFA_F_HOMEADDRESS, "home"},
	{rtnl.IFA_F_DEPRECATED, "deprecated"},
	{rtnl.IFA_F_TENTATIVE, "tentative"},
	{rtnl.IFA_F_PERMANENT, "dynamic"},
	{rtnl.IFA_F_MANAGETEMPADDR, "mngtmpaddr"},
	{rtnl.IFA_F_NOPREFIXROUTE, "noprefixroute"},
	{rtnl.IFA_F_MCAUTOJOIN, "autojoin"},
	{rtnl.IFA_F_STABLE_PRIVACY, "stable-privacy"},
}

// addrFlagWords are the flag words ip prints for an address (each is also
// a JSON key with the value true), and the bits it has no name for.
func addrFlagWords(a *rtnl.Addr) (words []string, rest rtnl.AddrFlags) {
	f := ifaddr.Flags(a)
	for _, n := range addrFlagOrder {
		switch {
		case n.bit == rtnl.IFA_F_PERMANENT:
			if f&n.bit == 0 {
				words = append(words, n.name)
			}
		case f&n.bit == 0:
		case n.bit == rtnl.IFA_F_SECONDARY && a.Header.Family == rtnl.AF_INET6:
			words = append(words, "temporary")
		default:
			words = append(words, n.name)
		}
		f &^= n.bit
	}
	return words, f
}

// addrProtoName is ip's name for IFA_PROTO: the IFAPROT_* names, else hex.
func addrProtoName(p rtnl.AddrProto) string {
	if p <= rtnl.IFAPROT_KERNEL_LL {
		return p.String()
	}
	return "0x" + strconv.FormatUint(uint64(p), 16)
}

// appendAddrText appends a as `ip addr show` prints it under its link,
// without the trailing newline:
//
//	inet 10.0.0.1/24 brd 10.0.0.255 scope global eth0
//	   valid_lft forever preferred_lft forever
//
// With withDev it starts with "INDEX: NAME" as `ip monitor` prints
// addresses ("2: eth0    inet ..."). names resolves the index.
func appendAddrText(b []byte, a *rtnl.Addr, names linkNamer, withDev bool) []byte {
	h := &a.Header
	start := len(b)
	if withDev {
		b = strconv.AppendUint(b, uint64(h.Index), 10)
		b = append(b, ": "...)
		b = append(b, devName(names, h.Index)...)
	}
	b = append(b, "    "...)
	b = append(b, h.Family.String()...)
	t := textLine{b: b, start: start}
	switch {
	case a.Has(rtnl.IFA_LOCAL):
		t.word(a.Local.String())
		if p, ok := ifaddr.Peer(a); ok {
			t.word("peer", p.String())
		}
	case a.Has(rtnl.IFA_ADDRESS):
		t.word(a.Address.String())
	}
	t.b = append(t.b, '/')
	t.b = strconv.AppendUint(t.b, uint64(h.PrefixLen), 10)
	if a.Has(rtnl.IFA_RT_PRIORITY) {
		t.uint("metric", uint64(a.RtPriority))
	}
	if a.Has(rtnl.IFA_BROADCAST) {
		t.word("brd", a.Broadcast.String())
	}
	if a.Has(rtnl.IFA_ANYCAST) {
		t.word("any", a.Anycast.String())
	}
	t.word("scope", h.Scope.String())
	words, rest := addrFlagWords(a)
	t.word(words...)
	if rest != 0 {
		t.word("flags", hex2pad(uint64(rest)))
	}
	if a.Has(rtnl.IFA_PROTO) && a.Proto != 0 {
		t.word("proto", addrProtoName(a.Proto))
	}
	if a.Has(rtnl.IFA_LABEL) {
		t.word(a.Label.String())
	}
	if a.Has(rtnl.IFA_CACHEINFO) {
		ci := &a.CacheInfo
		t.b = append(t.b, "\n       valid_lft "...)
		t.b = appendLifetime(t.b, ci.Valid, false)
		t.b = append(t.b, " preferred_lft "...)
		t.b = appendLifetime(t.b, ci.Prefered, ifaddr.Flags(a)&rtnl.IFA_F_DEPRECATED != 0)
	}
	return t.b
}

// appendLifetime prints a lifetime as ip does: "forever" or "Nsec"
// (signed for the preferred lifetime of a deprecated address).
func appendLifetime(b []byte, v uint32, signed bool) []byte {
	switch {
	case v == infinityLifeTime:
		return append(b, "forever"...)
	case signed:
		b = strconv.AppendInt(b, int64(int32(v)), 10)
	default:
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	return append(b, "sec"...)
}

// hex2pad is "%02x".
func hex2pad(v uint64) string {
	s := strconv.FormatUint(v, 16)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

// appendAddrJSON appends a as one element of ip -j's "addr_info" array:
// family, local (the interface address), address (the peer, when there is
// one), prefixlen, metric, broadcast, anycast, scope (a number, as
// ip -N), the flags as true-valued keys, protocol (a number), label,
// valid_life_time and preferred_life_time (4294967295 for forever).
func appendAddrJSON(b []byte, a *rtnl.Addr) []byte {
	o := openObj(b)
	addrJSONFields(&o, a)
	return o.close()
}

func addrJSONFields(o *jsonObj, a *rtnl.Addr) {
	h := &a.Header
	o.str("family", h.Family.String())
	// As ip: "local" is IFA_LOCAL, else IFA_ADDRESS (IPv6 sends only
	// that); "address" only for a peer that differs.
	if a.Has(rtnl.IFA_LOCAL) || a.Has(rtnl.IFA_ADDRESS) {
		o.str("local", ifaddr.Prefix(a).Addr().String())
	}
	if p, ok := ifaddr.Peer(a); ok {
		o.str("address", p.String())
	}
	o.uint("prefixlen", uint64(h.PrefixLen))
	if a.Has(rtnl.IFA_RT_PRIORITY) {
		o.uint("metric", uint64(a.RtPriority))
	}
	if a.Has(rtnl.IFA_BROADCAST) {
		o.str("broadcast", a.Broadcast.String())
	}
	if a.Has(rtnl.IFA_ANYCAST) {
		o.str("anycast", a.Anycast.String())
	}
	o.uint("scope", uint64(h.Scope))
	words, rest := addrFlagWords(a)
	for _, w := range words {
		o.bool(w, true)
	}
	if rest != 0 {
		o.str("ifa_flags", hex2pad(uint64(rest)))
	}
	if a.Has(rtnl.IFA_PROTO) {
		o.uint("protocol", uint64(a.Proto))
	}
	if a.Has(rtnl.IFA_LABEL) {
		o.str("label", a.Label.String())
	}
	if a.Has(rtnl.IFA_CACHEINFO) {
		o.uint("valid_life_time", uint64(a.CacheInfo.Valid))
		o.uint("preferred_life_time", uint64(a.CacheInfo.Prefered))
	}
}

// appendAddrEventJSON is an address as a monitor event carries it: the
// addr_info keys after the interface's "ifindex" and (when known)
// "ifname".
func addrEventJSONFields(o *jsonObj, a *rtnl.Addr, names linkNamer) {
	o.uint("ifindex", uint64(a.Header.Index))
	if n := knownName(names, a.Header.Index); n != "" {
		o.str("ifname", n)
	}
	addrJSONFields(o, a)
}
