package monitor

import (
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// Kind says what an event reports.
type Kind uint8

// Event kinds.
const (
	// New: an object was created or changed (RTM_NEW*).
	New Kind = iota + 1
	// Del: an object was removed (RTM_DEL*).
	Del
	// Resync: notifications were lost (the kernel's ENOBUFS, or a consumer
	// that fell behind the queue); re-read all state.
	Resync
)

func (k Kind) String() string {
	switch k {
	case New:
		return "new"
	case Del:
		return "del"
	case Resync:
		return "resync"
	}
	return "unknown"
}

// Event is one notification. Msg (and the typed accessor that matches
// Resource) is decoded into a value the monitor reuses: it is valid until
// the next iteration; Clone what must outlive it.
type Event struct {
	Kind Kind
	// Resource is the message type's name ("route", "link", "addr",
	// "neigh", "rule", "nexthop"): rtnl.Messages[i].Name; empty for Resync.
	Resource string
	// Type is the rtnetlink message type (RTM_NEWROUTE, ...); 0 for Resync.
	Type rtnl.MsgType
	// Msg is the decoded object: a *rtnl.Route, *rtnl.Link, *rtnl.Addr,
	// *rtnl.Neigh, *rtnl.Rule or *rtnl.NexthopObj.
	Msg nlwire.Codec
	// Reason says why a Resync happened.
	Reason string
}

// Route is the event's route, or nil.
func (e *Event) Route() *rtnl.Route { r, _ := e.Msg.(*rtnl.Route); return r }

// Link is the event's link, or nil.
func (e *Event) Link() *rtnl.Link { l, _ := e.Msg.(*rtnl.Link); return l }

// Addr is the event's address, or nil.
func (e *Event) Addr() *rtnl.Addr { a, _ := e.Msg.(*rtnl.Addr); return a }

// Neigh is the event's neighbour entry, or nil.
func (e *Event) Neigh() *rtnl.Neigh { n, _ := e.Msg.(*rtnl.Neigh); return n }

// Rule is the event's rule, or nil.
func (e *Event) Rule() *rtnl.Rule { r, _ := e.Msg.(*rtnl.Rule); return r }

// Nexthop is the event's nexthop object, or nil.
func (e *Event) Nexthop() *rtnl.NexthopObj { n, _ := e.Msg.(*rtnl.NexthopObj); return n }
