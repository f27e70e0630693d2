package route

import (
	"github.com/linx-go/linx/runtime/nlsock"
)

// Client issues route requests over one NETLINK_ROUTE socket. It is safe for
// concurrent use: requests are serialized on the socket.
type Client struct {
	conn *nlsock.Conn
}

// OpenOption configures Open.
type OpenOption func(*openOptions)

type openOptions struct {
	ns nlsock.NetNS
}

// InNamespace opens the client's socket in ns (see nlsock.NetNSName and
// friends); every request then acts on that namespace.
func InNamespace(ns nlsock.NetNS) OpenOption {
	return func(o *openOptions) { o.ns = ns }
}

// Open opens a client in the host namespace, or the one InNamespace names.
func Open(opts ...OpenOption) (*Client, error) {
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	conn, err := nlsock.Dial(nlsock.WithNetNS(o.ns))
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn}, nil
}

// NewClient makes a client over an open connection, for programs that share
// one socket between the route verbs and the other resource packages. Close
// then closes conn.
func NewClient(conn *nlsock.Conn) *Client { return &Client{conn: conn} }

// Conn is the client's connection, for the other resource packages (link,
// addr, ...) to list over the same socket.
func (c *Client) Conn() *nlsock.Conn { return c.conn }

// Close closes the socket.
func (c *Client) Close() error { return c.conn.Close() }
