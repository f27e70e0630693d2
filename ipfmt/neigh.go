package ipfmt

import (
	"github.com/linx-go/linx/gen/rtnl"
)

// The neighbour fields the schema names (NDA_*), and the ndmsg ones it
// does not (print_neigh in ip/ipneigh.c).
var (
	ndDst      = rtnl.NeighAttrsFieldName(rtnl.NDA_DST)
	ndLLAddr   = rtnl.NeighAttrsFieldName(rtnl.NDA_LLADDR)
	ndProtocol = rtnl.NeighAttrsFieldName(rtnl.NDA_PROTOCOL)

	ndDev   = field{Text: "dev", JSON: "dev"}
	ndState = field{Text: "", JSON: "state"}
)

// ntfExtManaged is NTF_EXT_MANAGED, a bit of NDA_FLAGS_EXT.
const ntfExtManaged = 1 << 0

// neighStateBits are the NUD_* states in the schema's order, which is ip's.
var neighStateBits = flagBits(^rtnl.NeighState(0), rtnl.ParseNeighState)

// walkNeigh is print_neigh.
func walkNeigh(s *sink, n *rtnl.Neigh) {
	o := s.o
	h := &n.Header
	if n.Has(rtnl.NDA_DST) {
		s.str(ndDst, n.Dst.String())
	}
	if h.Ifindex != 0 && !o.HideDev {
		s.str(ndDev, o.devName(uint32(h.Ifindex)))
	}
	if n.Has(rtnl.NDA_LLADDR) {
		// ip formats by the link's type (ll_index_to_type); the types of
		// other links are not known here, so tunnels' addresses print as
		// hex bytes.
		s.str(ndLLAddr, llAddr(n.LLAddr, 0))
	}
	// ip prints these flags only, each a bare word or a key with null;
	// "managed" (NDA_FLAGS_EXT) sits between proxy and extern_learn.
	for _, f := range [...]rtnl.NeighFlags{rtnl.NTF_ROUTER, rtnl.NTF_PROXY, 0, rtnl.NTF_EXT_LEARNED, rtnl.NTF_OFFLOADED} {
		switch {
		case f == 0:
			if n.Has(rtnl.NDA_FLAGS_EXT) && n.FlagsExt&ntfExtManaged != 0 {
				s.nullWord("managed")
			}
		case h.Flags&f != 0:
			s.nullWord(f.String())
		}
	}
	if h.State != 0 {
		var words []string
		for _, b := range neighStateBits {
			if uint64(h.State)&b.bit != 0 {
				words = append(words, b.word)
			}
		}
		s.words(ndState.JSON, words)
	}
	if n.Has(rtnl.NDA_PROTOCOL) && n.Protocol != 0 {
		s.name(ndProtocol, uint64(n.Protocol), n.Protocol.String())
	}
}
