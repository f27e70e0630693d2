package ipfmt

import (
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
	"github.com/linx-go/linx/runtime/nlwire"
)

// ObjectName is the stable name the schema gives msg's object ("route",
// "link", "addr", "neigh", "rule", "nexthop", "netconf"; "" for a value
// that is no generated message). It is the "kind" of a monitor line.
func ObjectName(msg any) string {
	if m, ok := msg.(interface{ MessageInfo() *nlwire.MessageInfo }); ok {
		return m.MessageInfo().Name
	}
	return ""
}

// AppendEvent appends one monitor event and a newline.
//
// Text is what ip monitor prints: the object as Append prints it (an
// address with its "INDEX: DEV" prefix, a link without mode and qlen),
// "Deleted " before a removal, and "Resync needed: REASON" when events were
// lost.
//
// JSON is one object per line: {"event":"new"|"del","kind":KIND, ...} with
// the object's keys after these two, as the list's JSON prints them (a link
// with ip link's keys, an address with "index" and "dev" first), or
// {"event":"resync","reason":REASON}. ip monitor has no JSON form.
//
// An event whose message Append cannot print appends nothing and returns
// false.
func (o Options) AppendEvent(b []byte, ev *monitor.Event) ([]byte, bool) {
	if ev.Kind == monitor.Resync {
		if o.JSON {
			s := newSink(b, &o)
			s.jsonStr("event", ev.Kind.String())
			s.jsonStr("reason", ev.Reason)
			return append(s.done(), '\n'), true
		}
		b = append(b, "Resync needed: "...)
		b = append(b, ev.Reason...)
		return append(b, '\n'), true
	}
	kind := ObjectName(ev.Msg)
	if kind == "" {
		return b, false
	}
	o.Pretty = false // one object per line
	start := len(b)
	s := newSink(b, &o)
	if o.JSON {
		s.jsonStr("event", ev.Kind.String())
		s.jsonStr("kind", kind)
	} else if ev.Kind == monitor.Del {
		s.raw("Deleted ")
	}
	if l, ok := ev.Msg.(*rtnl.Link); ok && !o.JSON {
		walkLinkView(s, l, viewMonitor)
	} else if err := walk(s, ev.Msg); err != nil {
		return b[:start], false
	}
	return append(s.done(), '\n'), true
}
