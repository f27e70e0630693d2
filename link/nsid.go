package link

import (
	"context"
	"fmt"
	"os"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/dump"
	"github.com/linx-go/linx/runtime/nlsock"
)

// NSID returns the id that conn's namespace gives the namespace open as
// fd (a /run/netns/NAME or /proc/PID/ns/net file): the IFLA_LINK_NETNSID a
// link whose peer is there carries, as RTM_GETNSID answers it. -1 means
// the namespace has no id there (the kernel assigns one when a link
// first needs it).
func NSID(ctx context.Context, conn *nlsock.Conn, fd int) (int32, error) {
	if fd < 0 {
		return 0, fmt.Errorf("link: NSID of fd %d: not a file descriptor", fd)
	}
	var req rtnl.Nsid
	req.SetFD(uint32(fd))
	rep, err := dump.One[rtnl.Nsid](ctx, conn, req.MessageInfo().GetName, req.Append(nil))
	if err != nil {
		return 0, err
	}
	if !rep.Has(rtnl.NETNSA_NSID) {
		return 0, fmt.Errorf("link: %s answered without NETNSA_NSID", req.MessageInfo().GetName)
	}
	return rep.NSID, nil
}

// NSIDOf is NSID of the namespace file at path.
func NSIDOf(ctx context.Context, conn *nlsock.Conn, path string) (int32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return NSID(ctx, conn, int(f.Fd()))
}
