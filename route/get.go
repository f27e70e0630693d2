package route

import (
	"context"
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
)

// Get asks the kernel which route it would use to reach dst, like
// `ip route get`: RTM_GETROUTE without NLM_F_DUMP, carrying RTA_DST. An
// unroutable destination fails with ENETUNREACH (errors.Is(err,
// unix.ENETUNREACH)). The result is the kernel's answer, including a cloned
// or cached route's RTM_F_CLONED flag and RTA_CACHEINFO where it sends them.
// A reply that does not decode is returned, decoded in part, with its
// *nlwire.DecodeError.
func (c *Client) Get(ctx context.Context, dst netip.Addr) (*rtnl.Route, error) {
	if !dst.IsValid() {
		return nil, errors.New("route: get needs a valid destination address")
	}
	if dst.Is4In6() {
		return nil, errors.New("route: get " + dst.String() + ": an IPv4-mapped IPv6 address; use " + dst.Unmap().String() + " (Addr.Unmap) for IPv4")
	}
	var req rtnl.Route
	req.Header.Family = famOf(dst)
	req.Header.DstLen = uint8(dst.BitLen())
	req.SetDst(dst.WithZone(""))
	return dump.One[rtnl.Route](ctx, c.conn, "route get "+dst.String(), req.Append(nil))
}
