// Package client is what the resource packages (route, link, addr, neigh,
// rule, nexthop) share to open their Client: one option type, so that an
// option made by any of them (route.InNamespace, addr.InNamespace, ...)
// opens any other's, and one way of dialing.
package client

import "github.com/linx-go/linx/runtime/nlsock"

// Option configures the opening of a resource package's Client.
type Option func(*Options)

// Options are what an Option sets.
type Options struct {
	NS nlsock.NetNS // the namespace the socket is opened in; nil: the caller's
}

// InNamespace opens the socket in ns.
func InNamespace(ns nlsock.NetNS) Option {
	return func(o *Options) { o.NS = ns }
}

// Dial opens a NETLINK_ROUTE socket as opts say. A nil option is ignored.
func Dial(opts []Option) (*nlsock.Conn, error) {
	var o Options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return nlsock.Dial(nlsock.WithNetNS(o.NS))
}
