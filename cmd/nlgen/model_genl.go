package main

import "strings"

// Generic netlink messages (`genl = "NAME"` on a message). Their netlink
// message type is not a constant of the schema but the id the kernel gave
// family NAME, which the runtime resolves by name (nlsock.Conn.GenlFamily).
// Their header starts with struct genlmsghdr (u8 cmd, u8 version,
// u16 reserved), optionally followed by the family's own header, and new,
// del and get name the family's commands (genlmsghdr.cmd), not message
// types.

// genlNameMax is GENL_NAMSIZ (16) less the terminating NUL.
const genlNameMax = 15

// genlMessage checks and records the generic netlink family of message a.
func (r *resolver) genlMessage(a *messageAST, m *Message) {
	if a.Genl == nil {
		return
	}
	name := *a.Genl
	if name == "" || len(name) > genlNameMax || strings.IndexFunc(name, func(c rune) bool { return c <= ' ' || c > '~' }) >= 0 {
		r.errorf(a.Range, "Invalid generic netlink family", "Message %s: genl = %q must be a family name of 1 to %d printable ASCII characters without spaces, as the kernel registers it (GENL_NAMSIZ).", a.Name, name, genlNameMax)
		return
	}
	h := m.Header
	if h.Size < 4 || len(h.Fields) < 2 || h.Fields[0].Scalar.Size != 1 || h.Fields[1].Scalar.Size != 1 || h.Fields[1].Offset != 1 {
		r.errorf(a.Header.Range(), "Invalid generic netlink header", "Message %s: with genl, the header %s must start with struct genlmsghdr: a u8 command, a u8 version and 2 reserved bytes (4 bytes at least).", a.Name, h.GoName)
		return
	}
	for _, c := range []struct {
		v    *EnumValue
		what string
	}{{m.New, "new"}, {m.Del, "del"}, {m.Get, "get"}} {
		if c.v != nil && c.v.Value > 0xff {
			r.errorf(a.Range, "Invalid generic netlink command", "Message %s: %s = %s is %d; a generic netlink command (genlmsghdr.cmd) is a u8.", a.Name, c.what, c.v.CName, c.v.Value)
			return
		}
	}
	m.Genl = name
}
