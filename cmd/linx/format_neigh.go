package main

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
)

// neighStateOrder are the NUD_* states in ip's order.
var neighStateOrder = [...]struct {
	bit  rtnl.NeighState
	name string
}{
	{rtnl.NUD_INCOMPLETE, "INCOMPLETE"},
	{rtnl.NUD_REACHABLE, "REACHABLE"},
	{rtnl.NUD_STALE, "STALE"},
	{rtnl.NUD_DELAY, "DELAY"},
	{rtnl.NUD_PROBE, "PROBE"},
	{rtnl.NUD_FAILED, "FAILED"},
	{rtnl.NUD_NOARP, "NOARP"},
	{rtnl.NUD_PERMANENT, "PERMANENT"},
}

// neighStateWords are the words ip prints for ndm_state (nothing for
// NUD_NONE), unnamed bits as hex.
func neighStateWords(s rtnl.NeighState) []string {
	var w []string
	for _, n := range neighStateOrder {
		if s&n.bit != 0 {
			w = append(w, n.name)
			s &^= n.bit
		}
	}
	if s != 0 {
		w = append(w, "0x"+strconv.FormatUint(uint64(s), 16))
	}
	return w
}

// neighFlagWords are the ndm_flags ip prints, with their JSON keys (which
// ip sets to null).
var neighFlagWords = [...]struct {
	bit  rtnl.NeighFlags
	text string
	key  string
}{
	{rtnl.NTF_ROUTER, "router", "router"},
	{rtnl.NTF_PROXY, "proxy", "proxy"},
	{rtnl.NTF_EXT_LEARNED, "extern_learn", "extern_learn"},
	{rtnl.NTF_OFFLOADED, "offload", "offload"},
}

// ntfExtManaged is NTF_EXT_MANAGED, a bit of NDA_FLAGS_EXT.
const ntfExtManaged = 1 << 0

// appendNeighText appends n as `ip neigh show` prints it, without the
// trailing newline:
//
//	10.0.0.2 dev eth0 lladdr 02:00:00:00:00:0a PERMANENT
//
// hideDev leaves out "dev IF" (the listing is narrowed to one device, as
// ip does). names resolves the index.
func appendNeighText(b []byte, n *rtnl.Neigh, names linkNamer, hideDev bool) []byte {
	t := textLine{b: b, start: len(b)}
	h := &n.Header
	if n.Has(rtnl.NDA_DST) {
		t.word(n.Dst.String())
	}
	if !hideDev && h.Ifindex != 0 {
		t.word("dev", devName(names, uint32(h.Ifindex)))
	}
	if n.Has(rtnl.NDA_LLADDR) && len(n.LLAddr) > 0 {
		t.word("lladdr", llAddr(n.LLAddr, 0))
	}
	for _, f := range neighFlagWords {
		if h.Flags&f.bit != 0 {
			t.word(f.text)
		}
	}
	if n.Has(rtnl.NDA_FLAGS_EXT) && n.FlagsExt&ntfExtManaged != 0 {
		t.word("managed")
	}
	t.word(neighStateWords(h.State)...)
	if n.Has(rtnl.NDA_PROTOCOL) {
		t.word("proto", n.Protocol.String())
	}
	return t.b
}

// appendNeighJSON appends n as one JSON object with ip -j's keys: dst,
// dev, lladdr, the flags router/proxy/extern_learn/offload/managed (null
// when set, absent otherwise, as ip -j), state (an array of
// names), protocol (a number). ifindex is added (ip has no such key) so
// that an entry on an unknown interface still says where it is; dev is
// left out when the index names no known interface.
func appendNeighJSON(b []byte, n *rtnl.Neigh, names linkNamer) []byte {
	o := openObj(b)
	neighJSONFields(&o, n, names)
	return o.close()
}

func neighJSONFields(o *jsonObj, n *rtnl.Neigh, names linkNamer) {
	h := &n.Header
	if n.Has(rtnl.NDA_DST) {
		o.str("dst", n.Dst.String())
	}
	if h.Ifindex != 0 {
		o.uint("ifindex", uint64(uint32(h.Ifindex)))
		if d := knownName(names, uint32(h.Ifindex)); d != "" {
			o.str("dev", d)
		}
	}
	if n.Has(rtnl.NDA_LLADDR) && len(n.LLAddr) > 0 {
		o.str("lladdr", llAddr(n.LLAddr, 0))
	}
	for _, f := range neighFlagWords {
		if h.Flags&f.bit != 0 {
			o.null(f.key)
		}
	}
	if n.Has(rtnl.NDA_FLAGS_EXT) && n.FlagsExt&ntfExtManaged != 0 {
		o.null("managed")
	}
	if h.State != 0 {
		o.strs("state", neighStateWords(h.State))
	}
	if n.Has(rtnl.NDA_PROTOCOL) {
		o.uint("protocol", uint64(n.Protocol))
	}
}
