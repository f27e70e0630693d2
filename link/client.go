package link

import (
	"context"

	"github.com/linx-go/linx/internal/client"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Client issues link requests over one NETLINK_ROUTE socket. It is safe
// for concurrent use: requests are serialized on the socket. It has the
// shape of every resource package's Client (route, link, addr, neigh, rule,
// nexthop): Open, NewClient, InNamespace, Conn, Close and the verbs.
type Client struct {
	conn *nlsock.Conn
}

// OpenOption configures Open. It is the same type in every resource
// package: route.InNamespace(ns) opens this Client as well.
type OpenOption = client.Option

// InNamespace opens the client's socket in ns (see nlsock.NetNSName and
// friends); every request then acts on that namespace.
func InNamespace(ns nlsock.NetNS) OpenOption { return client.InNamespace(ns) }

// Open opens a client in the host namespace, or the one InNamespace names.
func Open(opts ...OpenOption) (*Client, error) {
	conn, err := client.Dial(opts)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn}, nil
}

// NewClient makes a client over an open connection, to share one socket
// between resource packages (e.g. link.NewClient(routeClient.Conn())). Close
// then closes conn.
func NewClient(conn *nlsock.Conn) *Client { return &Client{conn: conn} }

// Conn is the client's connection.
func (c *Client) Conn() *nlsock.Conn { return c.conn }

// Close closes the socket.
func (c *Client) Close() error { return c.conn.Close() }

// NSID returns the id the client's namespace gives the namespace open as
// fd (see the package function NSID).
func (c *Client) NSID(ctx context.Context, fd int) (int32, error) {
	return NSID(ctx, c.conn, fd)
}
