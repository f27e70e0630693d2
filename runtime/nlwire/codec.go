package nlwire

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

// MessageInfo describes one generated message type, so tools (fuzzers, the
// monitor, the command line) can treat all of them alike.
type MessageInfo struct {
	Name    string   // e.g. "route"
	NewType uint16   // RTM_NEW* (0 if none)
	DelType uint16   // RTM_DEL* (0 if none)
	GetType uint16   // RTM_GET* (0 if none)
	Groups  []uint32 // multicast groups that carry it
	// Make returns a new zero value of the generated type.
	Make func() Codec
	// Equal compares two values made by Make: headers, presence and the
	// present attributes, ignoring the attribute order a decode recorded.
	Equal func(a, b Codec) bool
}
