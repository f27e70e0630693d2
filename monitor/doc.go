// Package monitor is the `ip monitor` equivalent: one multicast
// NETLINK_ROUTE socket whose notifications are decoded with the same
// generated codecs the list verbs use, so an event's *rtnl.Route is the
// value route.List would return for that route.
//
// # Events are wake-ups, not deltas
//
// Netlink multicast is lossy by design: when the socket's receive buffer is
// full the kernel drops notifications and reports only that it did
// (ENOBUFS). A consumer must therefore treat every event as a hint that
// state changed, re-read the state it cares about (route.List, link.List,
// ...) and diff it against what it holds — a level-triggered reconciler.
// When events were lost, Events yields one event of kind Resync; the
// consumer re-lists everything (mark and sweep: re-list, diff, apply; not
// flush and reload). The kernel also removes state without telling anyone
// (routes of a link that went down, routes using a deleted nexthop
// object), so a reconciler also re-lists periodically.
//
// A consumer that keeps state subscribes first and lists second (libnl's
// order), so that no change falls between the two.
//
// DefaultGroups come from the schema (the groups marked default = true);
// each rtnl.Messages entry's GroupInfo gives every group's address family,
// for joining one object's groups of one family.
//
// # A notification that does not decode
//
// A notification the schema cannot decode in full (a malformed attribute, a
// family or size it did not foresee) is still an event: Events yields it,
// decoded in part (the malformed attribute kept raw in Unknown), together
// with its *nlwire.DecodeError naming the attribute and offset, and the
// stream goes on. No Resync follows: the event is a wake-up like any other,
// and the consumer re-reads the state it describes as it would for a good
// one. Only errors about the stream itself (a datagram whose framing is
// broken; the socket failing) come with a nil event.
//
// # Why there is no generation counter
//
// Nothing in a notification says which notifications came before it: the
// kernel keeps no per-socket sequence for multicast, and dropped messages
// leave no gap to detect except the ENOBUFS itself. A counter in this
// package could only count what arrived, which is exactly what cannot be
// trusted; so loss is reported as Resync and the consumer's source of truth
// stays the kernel's own tables.
//
// # Never blocking, never growing
//
// A reader goroutine drains the socket into a bounded queue of raw
// datagrams (QueueBytes). It never waits for the consumer: when the queue is
// full, or the kernel reports ENOBUFS, everything pending collapses into one
// Resync, the queue is emptied, and reading goes on. Decoding happens on the
// consumer's side, into one reused value per message type, without
// allocating.
package monitor
