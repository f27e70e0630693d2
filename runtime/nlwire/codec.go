package nlwire

import "slices"

// Codec is what every generated message type implements: decode in place,
// size, append.
type Codec interface {
	// Decode replaces the value with the message payload b (the bytes after
	// struct nlmsghdr), reusing the value's buffers.
	Decode(b []byte) error
	// Size is the length Append will add.
	Size() int
	// Append appends the message payload to b.
	Append(b []byte) []byte
	// Reset clears the value, keeping its buffers for reuse.
	Reset()
}

// Described is a generated message type that knows its own metadata
// without a table scan: (*rtnl.Route).MessageInfo() is &rtnl.Messages[i].
type Described interface {
	MessageInfo() *MessageInfo
}

// MessageInfo describes one generated message type, so tools (fuzzers, the
// monitor, the command line) can treat all of them alike. Everything in it
// comes from the schema.
type MessageInfo struct {
	// Name is the stable object name ("route", "link", "addr", "neigh",
	// "rule", "nexthop"): in decode errors, events and output.
	Name string
	// Words are the command-line words that name the object, Name first
	// ("address", "addr", "a" for addr).
	Words []string
	// Monitor is the word `ip monitor` selects the object's groups with.
	Monitor   string
	NewType   uint16 // RTM_NEW* (0 if none)
	DelType   uint16 // RTM_DEL* (0 if none)
	GetType   uint16 // RTM_GET* (0 if none)
	GetName   string // GetType's C name ("RTM_GETROUTE"), naming dumps in errors
	DumpFlags uint16 // nlmsg_flags of a dump request besides NLM_F_REQUEST
	// Groups are the multicast groups that carry it.
	Groups []uint32
	// GroupInfo details Groups, in the same order.
	GroupInfo []GroupInfo
	// Make returns a new zero value of the generated type.
	Make func() Codec
	// Equal compares two values made by Make: headers, presence and the
	// present attributes, ignoring the attribute order a decode recorded.
	Equal func(a, b Codec) bool
}

// GroupInfo is a multicast group that carries a message type.
type GroupInfo struct {
	Group uint32
	Name  string // the schema's name, e.g. "RTNLGRP_IPV4_ROUTE"
	// Family is the address family of the notifications it carries
	// (AF_INET for RTNLGRP_IPV4_ROUTE); 0 when it carries any.
	Family uint8
	// Default: a monitor joins it unless told which groups to join.
	Default bool
}

// HasWord reports whether word names the object: its Name, one of its
// Words or its Monitor word.
func (m *MessageInfo) HasWord(word string) bool {
	if word == "" {
		return false
	}
	return word == m.Name || word == m.Monitor || slices.Contains(m.Words, word)
}

// GroupsFor returns the groups carrying notifications of family fam: all
// of them when fam is 0, else those of that family and those of none.
func (m *MessageInfo) GroupsFor(fam uint8) []uint32 {
	var out []uint32
	for _, g := range m.GroupInfo {
		if fam == 0 || g.Family == 0 || g.Family == fam {
			out = append(out, g.Group)
		}
	}
	return out
}

// DefaultGroups returns the groups of infos a monitor joins by default, in
// table order, each once.
func DefaultGroups(infos []MessageInfo) []uint32 {
	var out []uint32
	for i := range infos {
		for _, g := range infos[i].GroupInfo {
			if g.Default && !slices.Contains(out, g.Group) {
				out = append(out, g.Group)
			}
		}
	}
	return out
}

// FindMessage returns the message type of infos that word names (see
// HasWord), or nil.
func FindMessage(infos []MessageInfo, word string) *MessageInfo {
	for i := range infos {
		if infos[i].HasWord(word) {
			return &infos[i]
		}
	}
	return nil
}

// MessageOfType returns the message type of infos whose new, del or get
// type is typ, or nil.
func MessageOfType(infos []MessageInfo, typ uint16) *MessageInfo {
	if typ == 0 {
		return nil
	}
	for i := range infos {
		if m := &infos[i]; m.NewType == typ || m.DelType == typ || m.GetType == typ {
			return m
		}
	}
	return nil
}
