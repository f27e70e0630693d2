package ipfmt

import (
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// field is a presentation name: rtnl.FieldName from the schema for
// attributes, or one written here for the header fields the schema does
// not name (protocol, scope, ...).
type field = rtnl.FieldName

// sink is where one walk over an object goes: either text (words separated
// by single spaces, no trailing space) or JSON (one object, keys in the
// order of the walk). Every method does the right thing for both; the
// text-only and JSON-only ones say so in their names.
type sink struct {
	b     []byte
	json  bool
	start int // text: where the object began (no separator before it)
	// JSON: one entry per open container, true until its first member.
	first []bool
	o     *Options
	view  linkView // which command's form of a link
}

func newSink(b []byte, o *Options) *sink {
	s := &sink{b: b, json: o.JSON, start: len(b), o: o}
	if s.json {
		s.b = append(s.b, '{')
		s.first = append(s.first[:0], true)
	}
	return s
}

// done closes the JSON object and returns the buffer.
func (s *sink) done() []byte {
	if s.json {
		for range s.first {
			s.b = append(s.b, '}')
		}
		s.first = s.first[:0]
	}
	return s.b
}

// --- text ---

// word appends text words, each after a single space.
func (s *sink) word(ws ...string) {
	if s.json {
		return
	}
	for _, w := range ws {
		if w == "" {
			continue
		}
		if n := len(s.b); n > s.start {
			switch s.b[n-1] {
			case ' ', '\n', '\t', '/':
			default:
				s.b = append(s.b, ' ')
			}
		}
		s.b = append(s.b, w...)
	}
}

// raw appends text as is (line breaks, punctuation).
func (s *sink) raw(t string) {
	if !s.json {
		s.b = append(s.b, t...)
	}
}

// --- JSON ---

func (s *sink) key(k string) {
	i := len(s.first) - 1
	if !s.first[i] {
		s.b = append(s.b, ',')
	}
	s.first[i] = false
	if k != "" {
		s.b = appendJSONString(s.b, k)
		s.b = append(s.b, ':')
	}
}

// jsonStr writes "k":"v" (JSON only).
func (s *sink) jsonStr(k, v string) {
	if s.json {
		s.key(k)
		s.b = appendJSONString(s.b, v)
	}
}

// jsonUint writes "k":v (JSON only).
func (s *sink) jsonUint(k string, v uint64) {
	if s.json {
		s.key(k)
		s.b = strconv.AppendUint(s.b, v, 10)
	}
}

// jsonInt writes "k":v (JSON only).
func (s *sink) jsonInt(k string, v int64) {
	if s.json {
		s.key(k)
		s.b = strconv.AppendInt(s.b, v, 10)
	}
}

// jsonBool writes "k":true|false (JSON only).
func (s *sink) jsonBool(k string, v bool) {
	if s.json {
		s.key(k)
		s.b = strconv.AppendBool(s.b, v)
	}
}

// jsonNull writes "k":null, ip -j's way of saying a flag is set.
func (s *sink) jsonNull(k string) {
	if s.json {
		s.key(k)
		s.b = append(s.b, "null"...)
	}
}

// open starts a JSON object under k ("" inside an array); close ends it.
func (s *sink) open(k string) {
	if s.json {
		s.key(k)
		s.b = append(s.b, '{')
		s.first = append(s.first, true)
	}
}

// openArray starts a JSON array under k.
func (s *sink) openArray(k string) {
	if s.json {
		s.key(k)
		s.b = append(s.b, '[')
		s.first = append(s.first, true)
	}
}

// close ends the innermost open object; closeArray the innermost array.
func (s *sink) close() { s.end('}') }

func (s *sink) closeArray() { s.end(']') }

func (s *sink) end(c byte) {
	if s.json {
		s.b = append(s.b, c)
		s.first = s.first[:len(s.first)-1]
	}
}

// --- both ---

// str prints "TEXT v" or "JSON":"v".
func (s *sink) str(f field, v string) {
	if s.json {
		s.jsonStr(f.JSON, v)
		return
	}
	s.word(f.Text, v)
}

// uint prints "TEXT v" or "JSON":v.
func (s *sink) uint(f field, v uint64) {
	if s.json {
		s.jsonUint(f.JSON, v)
		return
	}
	s.word(f.Text, strconv.FormatUint(v, 10))
}

// int prints "TEXT v" or "JSON":v.
func (s *sink) int(f field, v int64) {
	if s.json {
		s.jsonInt(f.JSON, v)
		return
	}
	s.word(f.Text, strconv.FormatInt(v, 10))
}

// name prints an enum: its name, or with Numeric its number; a JSON
// string either way, as ip -j -N prints ("protocol":"4").
func (s *sink) name(f field, n uint64, name string) {
	if s.o.Numeric {
		name = strconv.FormatUint(n, 10)
	}
	s.str(f, name)
}

// words prints flag words: bare words in text, an array of strings under
// key in JSON (also when empty, as ip -j prints "flags":[]).
func (s *sink) words(key string, ws []string) {
	if !s.json {
		s.word(ws...)
		return
	}
	s.openArray(key)
	for _, w := range ws {
		s.elem(w)
	}
	s.closeArray()
}

// elem prints one string of an open JSON array, or a word in text.
func (s *sink) elem(v string) {
	if !s.json {
		s.word(v)
		return
	}
	s.key("")
	s.b = appendJSONString(s.b, v)
}

// flagWord prints a flag that ip shows as a bare word in text and as a
// key with the value true in JSON ("dynamic", "noprefixroute").
func (s *sink) flagWord(w string) {
	s.jsonBool(w, true)
	s.word(w)
}

// nullWord prints a flag that ip shows as a bare word in text and as a
// key with the value null in JSON ("router", "proxy").
func (s *sink) nullWord(w string) {
	s.jsonNull(w)
	s.word(w)
}

// value prints a generated FieldValue under f by its kind: numbers as
// JSON numbers, addresses and text as strings, enums by name (numbers
// with -N), flags as words, bytes as ip prints a link-layer address.
func (s *sink) value(f field, v nlwire.FieldValue) {
	switch v.Kind {
	case nlwire.FieldUint:
		s.uint(f, v.Uint)
	case nlwire.FieldInt:
		s.int(f, v.Int)
	case nlwire.FieldAddr:
		s.str(f, v.Addr.String())
	case nlwire.FieldString:
		s.str(f, v.Text())
	case nlwire.FieldBytes:
		s.str(f, llAddr(v.Bytes, 0))
	case nlwire.FieldEnum:
		s.name(f, v.Uint, v.Name())
	case nlwire.FieldFlags:
		s.words(f.JSON, flagWords(v.Name()))
	}
}

// onOff is print_on_off: "TEXT on|off" in text, "JSON":true|false.
func (s *sink) onOff(f field, on bool) { s.boolText(f, on, "on", "off") }

// The ...As methods print one value in both forms with one call, for the
// fields ip glues to their neighbours: "key":value in JSON, and in text
// the given text as is (ip's punctuation included: "0:\t", "/24", "-2000").

// strAs prints "key":"v" or text.
func (s *sink) strAs(key, v, text string) {
	if s.json {
		s.jsonStr(key, v)
		return
	}
	s.b = append(s.b, text...)
}

// uintAs prints "key":v or text.
func (s *sink) uintAs(key string, v uint64, text string) {
	if s.json {
		s.jsonUint(key, v)
		return
	}
	s.b = append(s.b, text...)
}

// intAs prints "key":v or text.
func (s *sink) intAs(key string, v int64, text string) {
	if s.json {
		s.jsonInt(key, v)
		return
	}
	s.b = append(s.b, text...)
}

// nullAs prints "key":null (ip -j's way of saying a flag is set) or text.
func (s *sink) nullAs(key, text string) {
	if s.json {
		s.jsonNull(key)
		return
	}
	s.b = append(s.b, text...)
}

// text appends ip's punctuation and a value to the text only. New code
// prints a value in both forms with one call (strAs, uintAs, ...); text
// stays for the printers that still pair it with a JSON-only call.
func (s *sink) text(parts ...string) {
	if s.json {
		return
	}
	for _, p := range parts {
		s.b = append(s.b, p...)
	}
}

// uintText prints "JSON":v, or in text the word TEXT and text: one value
// that ip writes as a number in JSON and another way in text ("forever",
// "100sec", "0x1f").
func (s *sink) uintText(f field, v uint64, text string) {
	if s.json {
		s.jsonUint(f.JSON, v)
		return
	}
	s.word(f.Text, text)
}

// intText is uintText for a signed number.
func (s *sink) intText(f field, v int64, text string) {
	if s.json {
		s.jsonInt(f.JSON, v)
		return
	}
	s.word(f.Text, text)
}

// boolText prints "JSON":true|false, or in text TEXT and the word for v.
func (s *sink) boolText(f field, v bool, yes, no string) {
	switch {
	case s.json:
		s.jsonBool(f.JSON, v)
	case v:
		s.word(f.Text, yes)
	default:
		s.word(f.Text, no)
	}
}

// strWord prints "key":"v" in JSON, or the word text (after a space, as
// word does) in text.
func (s *sink) strWord(key, v, text string) {
	if s.json {
		s.jsonStr(key, v)
		return
	}
	s.word(text)
}
