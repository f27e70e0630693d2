package ipfmt

import (
	"strconv"
	"strings"
)

// routeCacheFlags are the RTCF_* bits of a cached IPv4 route's rtm_flags
// (include/uapi/linux/in_route.h) with the words ip's print_cache_flags
// gives them, in its order. They are above the 16 bits the schema's
// RouteFlags name and appear only in route get answers.
var routeCacheFlags = [...]struct {
	bit  uint32
	word string
}{
	{0x80000000, "local"},      // RTCF_LOCAL
	{0x40000000, "reject"},     // RTCF_REJECT
	{0x20000000, "mc"},         // RTCF_MULTICAST
	{0x10000000, "brd"},        // RTCF_BROADCAST
	{0x08000000, "dst-nat"},    // RTCF_DNAT
	{0x00800000, "src-nat"},    // RTCF_SNAT
	{0x00400000, "masq"},       // RTCF_MASQ
	{0x00020000, "dst-direct"}, // RTCF_DIRECTDST
	{0x04000000, "src-direct"}, // RTCF_DIRECTSRC
	{0x00040000, "redirected"}, // RTCF_REDIRECTED
	{0x01000000, "redirect"},   // RTCF_DOREDIRECT
	{0x00200000, "fastroute"},  // RTCF_FAST
	{0x00010000, "notify"},     // RTCF_NOTIFY
	{0x00080000, "tproxy"},     // RTCF_TPROXY
}

// printCacheFlags is print_cache_flags: "\n    cache <local,brd>" in
// text ("cache" alone without flags), "cache":["local","brd"] in JSON; bits
// without a word follow in hex.
func printCacheFlags(s *sink, flags uint32) {
	flags &^= 0xffff
	var ws []string
	for _, f := range routeCacheFlags {
		if flags&f.bit != 0 {
			flags &^= f.bit
			ws = append(ws, f.word)
		}
	}
	if flags != 0 {
		ws = append(ws, strconv.FormatUint(uint64(flags), 16))
	}
	if s.json {
		s.words("cache", ws)
		return
	}
	s.raw("\n    cache")
	if len(ws) > 0 {
		s.word("<" + strings.Join(ws, ",") + ">")
	}
}
