package nlwire

import "net/netip"

// FieldKind says which member of a FieldValue holds the value.
type FieldKind uint8

// The kinds of FieldValue.
const (
	FieldNone   FieldKind = iota // no value
	FieldUint                    // Uint: an unsigned number
	FieldInt                     // Int: a signed number
	FieldAddr                    // Addr: an IP address
	FieldString                  // Bytes: text (nlwire.Text)
	FieldBytes                   // Bytes: binary data
	FieldEnum                    // Uint and Names: a value of a generated enum
	FieldFlags                   // Uint and Names: a value of a generated flag set
	FieldNest                    // Nest: a pointer to a nested attribute set
	FieldStruct                  // Nest: a pointer to a fixed struct
)

// FieldValue is one attribute's value as a generated accessor
// (FieldValue(id) on an attribute set) returns it: a small typed value
// that printers format without knowing the Go field it came from. Scalars,
// addresses and text are returned without allocating: Bytes aliases the
// decoded buffer and Names points to a generated name table.
type FieldValue struct {
	Kind  FieldKind
	Uint  uint64     // FieldUint, FieldEnum, FieldFlags
	Int   int64      // FieldInt
	Addr  netip.Addr // FieldAddr
	Bytes []byte     // FieldString, FieldBytes (aliases the decoded message)
	// Names is the enum's or flag set's generated name table (FieldEnum,
	// FieldFlags); Name prints Uint with it.
	Names *Names
	// Nest points to the nested set or struct (FieldNest, FieldStruct).
	Nest any
}

// Text returns a FieldString's text as a Go string (this allocates).
func (v FieldValue) Text() string { return string(v.Bytes) }

// IsZero says whether the value is zero: 0, the zero address, empty text
// or bytes, or no value at all.
func (v FieldValue) IsZero() bool {
	switch v.Kind {
	case FieldUint, FieldEnum, FieldFlags:
		return v.Uint == 0
	case FieldInt:
		return v.Int == 0
	case FieldAddr:
		return !v.Addr.IsValid() || v.Addr.IsUnspecified()
	case FieldString, FieldBytes:
		return len(v.Bytes) == 0
	case FieldNest, FieldStruct:
		return v.Nest == nil
	}
	return true
}

// Name returns the word of a FieldEnum (its number when it has none) or
// the words of a FieldFlags joined by "|", as the generated String does.
func (v FieldValue) Name() string {
	switch {
	case v.Names == nil:
		return ""
	case v.Kind == FieldFlags:
		return v.Names.FlagsString(v.Uint)
	}
	return v.Names.String(v.Uint)
}
