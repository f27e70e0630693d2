package link

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
)

// TestIntegrationNSID: the nsid NSID reads for a namespace is the one the
// kernel puts in IFLA_LINK_NETNSID of a link whose peer is there, and the
// one ip netns list-id shows; a namespace without one is -1.
func TestIntegrationNSID(t *testing.T) {
	ns, peer, other := nstest.New(t), nstest.New(t), nstest.New(t)
	nstest.IP(t, ns, "link", "add", "vx0", "type", "veth", "peer", "name", "vx1", "netns", peer.Name())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	l, err := c.GetByName(ctx, "vx0")
	if err != nil {
		t.Fatal(err)
	}
	if !l.Has(rtnl.IFLA_LINK_NETNSID) {
		t.Fatal("vx0 has no IFLA_LINK_NETNSID")
	}
	id, err := NSIDOf(ctx, c.Conn(), "/run/netns/"+peer.Name())
	if err != nil {
		t.Fatal(err)
	}
	if id != l.LinkNetNSID {
		t.Errorf("NSID of %s = %d, the link's IFLA_LINK_NETNSID %d", peer.Name(), id, l.LinkNetNSID)
	}
	// ip netns list-id: "nsid 0 (iproute2 netns name: NAME)".
	if out := nstest.IP(t, ns, "netns", "list-id"); !strings.Contains(out, "nsid "+strconv.Itoa(int(id))+" ") || !strings.Contains(out, peer.Name()) {
		t.Errorf("ip netns list-id:\n%s\nwant nsid %d for %s", out, id, peer.Name())
	}
	if id, err := NSIDOf(ctx, c.Conn(), "/run/netns/"+other.Name()); err != nil || id != -1 {
		t.Errorf("NSID of a namespace without an id: %d, %v; want -1", id, err)
	}
	if _, err := NSID(ctx, c.Conn(), -1); err == nil {
		t.Error("NSID(-1) did not fail")
	}
	if _, err := NSIDOf(ctx, c.Conn(), "/run/netns/linx-no-such-ns"); err == nil {
		t.Error("NSIDOf a missing file did not fail")
	}
}
