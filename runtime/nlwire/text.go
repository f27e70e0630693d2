package nlwire

// Text is a string attribute decoded without allocation: its bytes live in
// a buffer that is reused when the value is decoded again. Convert with
// String when a Go string is needed.
type Text []byte

// String returns the text as a Go string (this allocates).
func (t Text) String() string { return string(t) }

// MarshalText implements encoding.TextMarshaler, so Text prints as a JSON
// string rather than base64.
func (t Text) MarshalText() ([]byte, error) { return t, nil }

// Set replaces the text with s, reusing the buffer.
func (t *Text) Set(s string) { *t = append((*t)[:0], s...) }
