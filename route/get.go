package route

import (
	"context"
	"errors"
	"net/netip"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// Get asks the kernel which route it would use to reach dst, like
// `ip route get`: RTM_GETROUTE without NLM_F_DUMP, carrying RTA_DST. An
// unroutable destination fails with ENETUNREACH (errors.Is(err,
// unix.ENETUNREACH)). The result is the kernel's answer, including a cloned
// or cached route's RTM_F_CLONED flag and RTA_CACHEINFO where it sends them.
func (c *Client) Get(ctx context.Context, dst netip.Addr) (*rtnl.Route, error) {
	if !dst.IsValid() {
		return nil, errors.New("route: get needs a valid destination address")
	}
	var req rtnl.Route
	req.Header.Family = famOf(dst)
	req.Header.DstLen = uint8(dst.BitLen())
	req.SetDst(dst.WithZone(""))
	var out *rtnl.Route
	var decErr error
	err := c.conn.Query(ctx, "route get "+dst.String(), uint16(rtnl.RTM_GETROUTE), 0, req.Append(nil), func(m nlsock.Message) error {
		if m.Header.Type != uint16(rtnl.RTM_NEWROUTE) || out != nil {
			return nil
		}
		var r rtnl.Route
		if err := r.Decode(m.Payload); err != nil {
			decErr = err
			return nil
		}
		out = &r
		return nil
	})
	if err != nil {
		return nil, err
	}
	if decErr != nil {
		return nil, decErr
	}
	if out == nil {
		return nil, errors.New("route: the kernel answered route get " + dst.String() + " without a route")
	}
	return out, nil
}
