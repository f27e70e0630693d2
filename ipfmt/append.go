package ipfmt

import (
	"fmt"
	"io"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// Append appends one object as ip prints it: in text its lines and a final
// newline, in JSON one object (no newline). msg is a *rtnl.Route (as
// `ip route` prints it), *rtnl.Link (`ip link`), *rtnl.Addr (as
// `ip monitor` and `ip -o addr` print one address: "INDEX: DEV    inet
// ..."; see AppendAddrs for the `ip addr` form), *rtnl.Neigh, *rtnl.Rule,
// *rtnl.NexthopObj or *rtnl.Netconf (a *rtnl.RouteCompact, as route.List
// returns, prints as its route); for any other type Append returns an
// error naming it and b unchanged.
func (o Options) Append(b []byte, msg any) ([]byte, error) {
	start := len(b)
	s := newSink(b, &o)
	if err := walk(s, msg); err != nil {
		return b, err
	}
	return o.finish(s.done(), start), nil
}

// finish ends one object appended at b[start:]: text's final newline, or
// the JSON laid out when Pretty.
func (o *Options) finish(b []byte, start int) []byte {
	switch {
	case !o.JSON:
		return append(b, '\n')
	case o.Pretty:
		obj := append([]byte(nil), b[start:]...)
		return AppendPretty(b[:start], obj)
	}
	return b
}

// walkers are the objects' walks, keyed by their message type's entry in
// the schema's table (rtnl.Messages): printing a new object is one row.
var walkers = map[*nlwire.MessageInfo]func(*sink, any) error{
	new(rtnl.Route).MessageInfo():      walker(walkRoute),
	new(rtnl.Link).MessageInfo():       walker(walkLink),
	new(rtnl.Addr).MessageInfo():       walker(func(s *sink, a *rtnl.Addr) { walkAddr(s, a, true) }),
	new(rtnl.Neigh).MessageInfo():      walker(walkNeigh),
	new(rtnl.Rule).MessageInfo():       walker(walkRule),
	new(rtnl.NexthopObj).MessageInfo(): walker(walkNexthop),
	new(rtnl.Netconf).MessageInfo():    walker(walkNetconf),
}

// walker adapts an object's walk to the table: a nil message is an error.
func walker[T any](f func(*sink, *T)) func(*sink, any) error {
	return func(s *sink, msg any) error {
		m := msg.(*T)
		if m == nil {
			return fmt.Errorf("ipfmt: cannot print a nil %T", msg)
		}
		f(s, m)
		return nil
	}
}

// walk sends msg through its object's walk. A compact owned route (what
// route.List returns) prints as the rtnl.Route it stands for.
func walk(s *sink, msg any) error {
	if c, ok := msg.(*rtnl.RouteCompact); ok {
		if c == nil {
			return fmt.Errorf("ipfmt: cannot print a nil %T", msg)
		}
		r := c.Route()
		msg = &r
	}
	if d, ok := msg.(nlwire.Described); ok {
		if w := walkers[d.MessageInfo()]; w != nil {
			return w(s, msg)
		}
	}
	var names []string
	for i := range rtnl.Messages {
		if walkers[&rtnl.Messages[i]] != nil {
			names = append(names, rtnl.Messages[i].Name)
		}
	}
	return fmt.Errorf("ipfmt: cannot print a %T: not a %s message", msg, strings.Join(names, ", "))
}

// List writes a listing as ip does: in JSON one array of objects ("[]" when
// empty) and a newline, in text each object's lines. Call Close at the end,
// also after an error, so the JSON array is closed.
type List struct {
	w   io.Writer
	o   Options
	n   int
	buf []byte
}

// NewList returns a List writing to w.
func (o Options) NewList(w io.Writer) *List {
	if o.JSON && o.Pretty {
		w = &prettyWriter{w: w} // it lays out the array as it streams
	}
	o.Pretty = false
	return &List{w: w, o: o}
}

// Add writes one object (see Options.Append for the types).
func (l *List) Add(msg any) error {
	b, err := l.o.Append(l.sep(), msg)
	return l.write(b, err)
}

// AddAddrs writes one interface with its addresses, as `ip addr show`
// lists it (see Options.AppendAddrs).
func (l *List) AddAddrs(link *rtnl.Link, addrs []rtnl.Addr) error {
	return l.write(l.o.AppendAddrs(l.sep(), link, addrs), nil)
}

// sep starts the next object: "[" or "," in JSON.
func (l *List) sep() []byte {
	b := l.buf[:0]
	if l.o.JSON {
		if l.n == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
	}
	return b
}

func (l *List) write(b []byte, err error) error {
	l.buf = b
	if err != nil {
		return err
	}
	l.n++
	_, err = l.w.Write(b)
	return err
}

// Close ends the listing: in JSON it closes the array ("[]" if nothing was
// added); in text it writes nothing.
func (l *List) Close() error {
	if !l.o.JSON {
		return nil
	}
	end := "]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// AppendAddrs appends one interface as `ip addr show` prints it: the link
// (without ip link's "mode" and alias) followed by its addresses (the
// ones whose index is the link's; the others are left out), in text as
// "    inet ..." lines, in JSON as the "addr_info" array of the link's
// object.
func (o Options) AppendAddrs(b []byte, l *rtnl.Link, addrs []rtnl.Addr) []byte {
	start := len(b)
	s := newSink(b, &o)
	walkLinkView(s, l, viewAddr)
	s.openArray(adAddrInfo.JSON)
	for i := range addrs {
		a := &addrs[i]
		if a.Header.Index != uint32(l.Header.Index) {
			continue
		}
		s.open("")
		s.raw("\n")
		walkAddr(s, a, false)
		s.close()
	}
	s.closeArray()
	return o.finish(s.done(), start)
}
