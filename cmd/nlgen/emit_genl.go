package main

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// genGenl prints what a generic netlink message adds: the name of its
// family, which the runtime resolves to the message type.
func genGenl(f *jen.File, m *Message) {
	if m.Genl == "" {
		return
	}
	f.Comment(fmt.Sprintf("GenlFamily returns %q, the generic netlink family of %s. Its", m.Genl, m.GoName))
	f.Comment("netlink message type is that family's id, which the kernel assigns when the")
	f.Comment("family registers: resolve it at run time (nlsock.Conn.GenlFamily). The")
	f.Comment("header's first byte is the command (genlmsghdr.cmd).")
	f.Func().Params(jen.Op("*").Id(m.GoName)).Id("GenlFamily").Params().String().Block(
		jen.Return(jen.Lit(m.Genl)),
	)
}
