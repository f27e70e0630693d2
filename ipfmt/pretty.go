package ipfmt

import "io"

// prettyWriter lays out the compact JSON written to it (ipfmt's, the one
// JSON writer) as ip -p lays it out (iproute2's json_writer in pretty
// mode), as it streams: every object key on its own line, indented four
// spaces per enclosing array or object; arrays open with "[ " and close
// with " ]" on the line of their last element; elements follow a comma
// directly ("},{", "\"a\",\"b\""); empty containers are "[ ]" and "{}".
// Strings are copied as they are; a newline outside every container (the
// one after a listing) is kept, other white space dropped.
type prettyWriter struct {
	w     io.Writer
	stack []prettyOpen // the open containers
	depth int          // containers around the next byte
	str   bool         // inside a string
	esc   bool         // after a backslash in a string
	buf   []byte
}

// prettyOpen is an open container: an object or an array, and whether it
// has an element yet.
type prettyOpen struct{ object, nonEmpty bool }

// Write lays out src; it reports len(src) written when w took all of the
// laid out bytes.
func (p *prettyWriter) Write(src []byte) (int, error) {
	p.buf = p.appendPretty(p.buf[:0], src)
	if _, err := p.w.Write(p.buf); err != nil {
		return 0, err
	}
	return len(src), nil
}

// AppendPretty appends the compact JSON value src (as Append writes it)
// laid out as ip -j -p lays it out: every object key on its own line,
// indented four spaces per enclosing container, arrays as "[ ... ]".
// Options.Pretty lays out what Append, AppendAddrs and List write so.
func AppendPretty(b, src []byte) []byte {
	var p prettyWriter
	return p.appendPretty(b, src)
}

func (p *prettyWriter) appendPretty(b, src []byte) []byte {
	indent := func() {
		b = append(b, '\n')
		for range p.depth {
			b = append(b, "    "...)
		}
	}
	for _, c := range src {
		if p.str {
			b = append(b, c)
			switch {
			case p.esc:
				p.esc = false
			case c == '\\':
				p.esc = true
			case c == '"':
				p.str = false
			}
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if c == '\n' && len(p.stack) == 0 {
				b = append(b, c)
			}
			continue
		}
		if n := len(p.stack); n > 0 && c != '}' && c != ']' && c != ',' && c != ':' && !p.stack[n-1].nonEmpty {
			p.stack[n-1].nonEmpty = true
			if p.stack[n-1].object {
				indent() // the first key
			}
		}
		switch c {
		case '{', '[':
			p.stack = append(p.stack, prettyOpen{object: c == '{'})
			p.depth++
			b = append(b, c)
			if c == '[' {
				b = append(b, ' ')
			}
		case '}', ']':
			if len(p.stack) == 0 {
				b = append(b, c) // not JSON: copied
				continue
			}
			top := p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			p.depth--
			switch {
			case c == '}' && top.nonEmpty:
				indent()
			case c == ']' && top.nonEmpty:
				b = append(b, ' ')
			}
			b = append(b, c)
		case ',':
			b = append(b, ',')
			if n := len(p.stack); n > 0 && p.stack[n-1].object {
				indent() // the next key
			}
		case ':':
			b = append(b, ": "...)
		case '"':
			p.str = true
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return b
}
