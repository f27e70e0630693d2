package monitor

import (
	"slices"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
)

// DefaultGroups are the groups a monitor joins when Options.Groups is empty,
// in numeric order: those the schema marks `default = true` (links,
// neighbours, IPv4 and IPv6 addresses, routes and rules; not nexthop
// objects, MPLS routes or RTNLGRP_IPV6_IFINFO).
var DefaultGroups = defaultGroups()

func defaultGroups() []rtnl.Group {
	var out []rtnl.Group
	for _, g := range nlwire.DefaultGroups(rtnl.Messages) {
		out = append(out, rtnl.Group(g))
	}
	slices.Sort(out)
	return out
}

// Defaults for Options.
const (
	DefaultReceiveBuffer = 4 << 20 // bytes of kernel socket buffer
	DefaultQueueBytes    = 4 << 20 // bytes of datagrams queued for the consumer
)

// Options configure Start. The zero value monitors the host namespace's
// DefaultGroups.
type Options struct {
	// NetNS is the namespace to watch; the zero value is the host's.
	NetNS nlsock.NetNS
	// Groups are the RTNLGRP_* groups to join (any number, also above 32).
	// Notifications of message types the schema does not describe (e.g.
	// RTNLGRP_IPV4_NETCONF's RTM_NEWNETCONF) are skipped.
	Groups []rtnl.Group
	// ReceiveBuffer is the socket receive buffer to ask for: SO_RCVBUFFORCE
	// where permitted (CAP_NET_ADMIN), else SO_RCVBUF, which the kernel caps
	// at net.core.rmem_max. Monitor.ReceiveBuffer reports what was granted.
	ReceiveBuffer int
	// QueueBytes bounds the datagrams held for a consumer that is behind;
	// past it, pending events collapse into one Resync.
	QueueBytes int
}

func (o *Options) fill() {
	if len(o.Groups) == 0 {
		o.Groups = DefaultGroups
	}
	if o.ReceiveBuffer <= 0 {
		o.ReceiveBuffer = DefaultReceiveBuffer
	}
	if o.QueueBytes <= 0 {
		o.QueueBytes = DefaultQueueBytes
	}
}
