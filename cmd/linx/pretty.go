package main

// appendPretty appends the compact JSON value src to b laid out as ip -p
// lays it out (iproute2's json_writer in pretty mode): every object key on
// its own line, indented four spaces per enclosing array or object; arrays
// open with "[ " and close with " ]" on the line of their last element;
// elements follow a comma directly ("},{", "\"a\",\"b\""); empty
// containers are "[ ]" and "{}". depth is the number of containers around
// src. src must be valid JSON (the printers' output); strings are copied
// as they are.
func appendPretty(b, src []byte, depth int) []byte {
	// stack holds, per open container, whether it is an object and
	// whether it has an element yet.
	type open struct{ object, nonEmpty bool }
	var stack []open
	indent := func() {
		b = append(b, '\n')
		for range depth {
			b = append(b, "    "...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if n := len(stack); n > 0 && c != '}' && c != ']' && c != ',' && c != ':' && !stack[n-1].nonEmpty {
			stack[n-1].nonEmpty = true
			if stack[n-1].object {
				indent() // the first key
			}
		}
		switch c {
		case '{', '[':
			stack = append(stack, open{object: c == '{'})
			depth++
			b = append(b, c)
			if c == '[' {
				b = append(b, ' ')
			}
		case '}', ']':
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			depth--
			switch {
			case c == '}' && top.nonEmpty:
				indent()
			case c == ']' && top.nonEmpty:
				b = append(b, ' ')
			}
			b = append(b, c)
		case ',':
			b = append(b, ',')
			if n := len(stack); n > 0 && stack[n-1].object {
				indent() // the next key
			}
		case ':':
			b = append(b, ": "...)
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				j = len(src) - 1
			}
			b = append(b, src[i:j+1]...)
			i = j
		default:
			b = append(b, c)
		}
	}
	return b
}
