package link_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/addr"
	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The examples run in a namespace of their own (veth0 <-> veth1); a
// program would call link.Open().
var nsName = examplens.Name("linx-link-examples")

func TestMain(m *testing.M) { examplens.Main(m, nsName, examplens.Veth...) }

func ExampleClient_GetByName() {
	c, err := link.Open(link.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	defer c.Close()
	ctx := context.Background()

	l, err := c.GetByName(ctx, "veth0")
	fmt.Println(l.IfName, l.LinkInfo.Kind, err)
	_, err = c.GetByName(ctx, "nosuch0")
	fmt.Println("no such device:", errors.Is(err, unix.ENODEV))
	// Output:
	// veth0 veth <nil>
	// no such device: true
}

// One socket, shared by the clients of every resource package; the
// interface index of link.Index is the type they all take.
func ExampleNewClient() {
	rc, err := route.Open(route.InNamespace(nlsock.NetNSName(nsName)))
	if err != nil {
		panic(err)
	}
	defer rc.Close() // closes the shared socket
	lc, ac := link.NewClient(rc.Conn()), addr.NewClient(rc.Conn())
	ctx := context.Background()

	l, _ := lc.GetByName(ctx, "veth0")
	as, _ := ac.List(ctx, addr.Filter{Index: link.Index(l), Family: rtnl.AF_INET})
	for _, a := range as {
		fmt.Println(l.IfName, addr.Prefix(&a))
	}
	// Output:
	// veth0 10.0.0.1/24
}
