package route

import (
	"context"
	"errors"
	"net/netip"
	"strconv"

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
//
// opts describe the packet looked up, as ip route get's words: From (the
// source, a /32 or /128), IIF (input interface; needs From), Dev (output
// interface), Mark, UID, TOS, IPProto, SourcePort, DestPort and FibMatch;
// other options are an error. Table is one of them: the kernel refuses a
// table in a get request (header or RTA_TABLE) and looks the packet up
// through the rules; for a VRF's table give the VRF device as Dev.
func (c *Client) Get(ctx context.Context, dst netip.Addr, opts ...Option) (*rtnl.Route, error) {
	if !dst.IsValid() {
		return nil, errors.New("route: get needs a valid destination address")
	}
	// An IPv4-mapped address (::ffff:10.0.0.1) is looked up as the IPv6
	// address it is, as the kernel and ip do.
	var req rtnl.Route
	q := request{msg: &req, get: true}
	for i, o := range opts {
		if o == nil {
			return nil, errors.New("route: get: option " + strconv.Itoa(i) + " is nil")
		}
		if err := o(&q); err != nil {
			return nil, err
		}
	}
	const allowed = 1<<rtnl.RTA_SRC | 1<<rtnl.RTA_IIF | 1<<rtnl.RTA_OIF | 1<<rtnl.RTA_MARK | 1<<rtnl.RTA_UID |
		1<<rtnl.RTA_IP_PROTO | 1<<rtnl.RTA_SPORT | 1<<rtnl.RTA_DPORT
	if req.Header.Table != 0 || req.Has(rtnl.RTA_TABLE) {
		return nil, errors.New("route: get takes no Table: the kernel looks a packet up through the rules (for a VRF's table give the VRF device as Dev)")
	}
	for id := uint16(1); id <= rtnl.RTA_FLOWLABEL; id++ {
		if req.Has(id) && allowed&(uint64(1)<<id) == 0 {
			return nil, errors.New("route: get takes From, IIF, Dev, Mark, UID, TOS, IPProto, SourcePort, DestPort and FibMatch only")
		}
	}
	if q.given != 0 {
		return nil, errors.New("route: get takes From, IIF, Dev, Mark, UID, TOS, IPProto, SourcePort, DestPort and FibMatch only")
	}
	if req.Has(rtnl.RTA_SRC) && famOf(req.Src) != famOf(dst) {
		return nil, errors.New("route: get " + dst.String() + " from " + req.Src.String() + ": the families differ")
	}
	if req.Has(rtnl.RTA_IIF) && !req.Has(rtnl.RTA_SRC) {
		return nil, errors.New("route: get with an input interface (IIF) needs the source address (From)")
	}
	req.Header.Family = famOf(dst)
	req.Header.DstLen = uint8(dst.BitLen())
	req.SetDst(dst.WithZone(""))
	return dump.One[rtnl.Route](ctx, c.conn, "route get "+dst.String(), req.Append(nil))
}
