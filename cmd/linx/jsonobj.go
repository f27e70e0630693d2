package main

import (
	"strconv"
	"unicode/utf8"
)

// jsonObj appends one JSON object to b, key by key, in the order the calls
// are made: the link, address, neighbour, rule and nexthop forms need keys
// whose presence depends on the message (ip -j's "secondary": true,
// "router": null, ...), which struct tags cannot express in order.
//
//	o := openObj(b)
//	o.uint("ifindex", 2)
//	o.str("ifname", "eth0")
//	b = o.close()
type jsonObj struct {
	b     []byte
	first bool
}

func openObj(b []byte) jsonObj { return jsonObj{b: append(b, '{'), first: true} }

// close ends the object and returns the buffer.
func (o *jsonObj) close() []byte { return append(o.b, '}') }

func (o *jsonObj) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = appendJSONString(o.b, k)
	o.b = append(o.b, ':')
}

func (o *jsonObj) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonObj) uint(k string, v uint64) {
	o.key(k)
	o.b = strconv.AppendUint(o.b, v, 10)
}

func (o *jsonObj) int(k string, v int64) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, v, 10)
}

func (o *jsonObj) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

// null writes "k":null, ip -j's way of saying a flag is set ("router",
// "proxy", "blackhole", "fdb", "not", "nop").
func (o *jsonObj) null(k string) {
	o.key(k)
	o.b = append(o.b, "null"...)
}

// strs writes an array of strings (always, also when empty).
func (o *jsonObj) strs(k string, vs []string) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendJSONString(o.b, v)
	}
	o.b = append(o.b, ']')
}

// obj starts a nested object under k; close it with its close method and
// store the result back: o.b = sub.close().
func (o *jsonObj) obj(k string) jsonObj {
	o.key(k)
	return openObj(o.b)
}

// raw writes v, which must be valid JSON, under k.
func (o *jsonObj) raw(k string, v []byte) {
	o.key(k)
	o.b = append(o.b, v...)
}

// appendJSONString appends s as a JSON string. Bytes that are not UTF-8
// (interface names and labels are arbitrary bytes to the kernel) become
// U+FFFD, so the output is always valid JSON.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}
