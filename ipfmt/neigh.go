package ipfmt

import (
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// ndState is ndm_state as the schema names it (print_neigh in
// ip/ipneigh.c).
var ndState = rtnl.NdMsgStateField

// ntfExtManaged is NTF_EXT_MANAGED, a bit of NDA_FLAGS_EXT.
const ntfExtManaged = 1 << 0

// neighStateBits are the NUD_* states in the schema's order, which is ip's.
var neighStateBits = flagBits(^rtnl.NeighState(0), rtnl.ParseNeighState)

// neighTable is print_neigh (ip/ipneigh.c), field by field.
var neighTable = table[rtnl.Neigh]{
	names: rtnl.NeighAttrsFieldName,
	value: (*rtnl.Neigh).FieldValue,
	header: func(n *rtnl.Neigh, f *rtnl.FieldName) (nlwire.FieldValue, bool) {
		return n.Header.FieldValue(f)
	},
	rows: []row[rtnl.Neigh]{
		{attr: rtnl.NDA_DST},
		{hdr: &rtnl.NdMsgIfindexField, nonZero: true, form: formDev, hide: func(o *Options) bool { return o.HideDev }},
		// ip formats by the link's type (ll_index_to_type); the types of
		// other links are not known here, so tunnels' addresses print as
		// hex bytes.
		{attr: rtnl.NDA_LLADDR},
		{hook: neighFlags},
		{hook: neighState},
		{attr: rtnl.NDA_PROTOCOL, nonZero: true},
	},
}

// walkNeigh is print_neigh.
func walkNeigh(s *sink, n *rtnl.Neigh) { neighTable.walk(s, n) }

// neighFlags: ip prints these flags only, each a bare word or a key with
// null; "managed" (NDA_FLAGS_EXT) sits between proxy and extern_learn.
func neighFlags(s *sink, n *rtnl.Neigh) {
	for _, f := range [...]rtnl.NeighFlags{rtnl.NTF_ROUTER, rtnl.NTF_PROXY, 0, rtnl.NTF_EXT_LEARNED, rtnl.NTF_OFFLOADED} {
		switch {
		case f == 0:
			if n.Has(rtnl.NDA_FLAGS_EXT) && n.FlagsExt&ntfExtManaged != 0 {
				s.nullWord(keyManaged)
			}
		case n.Header.Flags&f != 0:
			s.nullWord(f.String())
		}
	}
}

// neighState: the NUD_* words, the "state" array.
func neighState(s *sink, n *rtnl.Neigh) {
	if n.Header.State == 0 {
		return
	}
	var words []string
	for _, b := range neighStateBits {
		if uint64(n.Header.State)&b.bit != 0 {
			words = append(words, b.word)
		}
	}
	s.words(ndState.JSON, words)
}
