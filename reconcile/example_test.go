package reconcile_test

import (
	"context"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/examplens"
	"github.com/linx-go/linx/reconcile"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// The example runs against the real kernel, in a namespace TestMain makes:
// veth0 with 10.0.0.1/24 and 2001:db8::1/64. Without root it is skipped.
var exampleNSName = examplens.Name("linx-reconcile-example")

func TestMain(m *testing.M) {
	flag.Parse()
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "reconcile: not root, skipping the examples (they need a network namespace)")
		flag.Set("test.skip", "^Example")
		os.Exit(m.Run())
	}
	examplens.RemoveStale("linx-reconcile-example") // leftovers of killed runs, never another's
	for _, args := range [][]string{
		{"netns", "add", exampleNSName},
		{"-n", exampleNSName, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1"},
		{"-n", exampleNSName, "link", "set", "veth0", "up"},
		{"-n", exampleNSName, "link", "set", "veth1", "up"},
		{"-n", exampleNSName, "addr", "add", "10.0.0.1/24", "dev", "veth0"},
		{"-n", exampleNSName, "addr", "add", "2001:db8::1/64", "dev", "veth0", "nodad"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "ip %v: %v\n%s", args, err, out)
			os.Exit(1)
		}
	}
	code := m.Run()
	exec.Command("ip", "netns", "del", exampleNSName).Run()
	os.Exit(code)
}

// A program owns the routes tagged with its protocol number: it states
// what it wants, converges once, then keeps converging while someone else
// deletes one of its routes.
func Example() {
	r, err := reconcile.New(reconcile.Config{
		NetNS:    nlsock.NetNSName(exampleNSName), // the zero value: the host
		Protocol: rtnl.Protocol(200),
	})
	if err != nil {
		panic(err)
	}
	defer r.Close()

	web, _ := reconcile.Route(netip.MustParsePrefix("192.0.2.0/24"), netip.MustParseAddr("10.0.0.2"))
	db, _ := reconcile.Route(netip.MustParsePrefix("2001:db8:5::/64"), netip.MustParseAddr("2001:db8::5"), route.Metric(100))
	if err := r.Set([]reconcile.Desired{web, db}); err != nil {
		panic(err)
	}
	ctx := context.Background()
	plan, err := r.Plan(ctx) // a dry run
	if err != nil {
		panic(err)
	}
	fmt.Print(plan.String())
	if _, err := r.Apply(ctx); err != nil {
		panic(err)
	}
	plan, _ = r.Plan(ctx)
	fmt.Println("after apply, empty plan:", plan.Empty())

	// Keep converging in the background: someone deletes a route...
	ctx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	if err := r.WaitConverged(ctx); err != nil {
		panic(err)
	}
	exec.Command("ip", "-n", exampleNSName, "route", "del", "192.0.2.0/24").Run()
	for r.Stats().RepairedMissing < 3 { // ...and the route is back
		time.Sleep(10 * time.Millisecond)
	}
	if err := r.WaitConverged(ctx); err != nil {
		panic(err)
	}
	st, _ := r.Status(web.Key())
	fmt.Println(web.Key().Dst, st.Status, "missing routes repaired:", r.Stats().RepairedMissing)
	stop()
	<-done
	// Output:
	// add 192.0.2.0/24 table 254 metric 0 via 10.0.0.2 (missing)
	// add 2001:db8:5::/64 table 254 metric 100 via 2001:db8::5 (missing)
	// after apply, empty plan: true
	// 192.0.2.0/24 programmed missing routes repaired: 3
}

// ExampleParseRoutes reads a desired-routes file; the line parser is the
// command line's (here a toy one taking "DST via GW").
func ExampleParseRoutes() {
	file := `# routes for the lab
192.0.2.0/24 via 10.0.0.2
198.51.100.0/24 via 10.0.0.3   # backup path
`
	parse := func(words []string) (reconcile.Desired, error) {
		if len(words) != 3 || words[1] != "via" {
			return reconcile.Desired{}, fmt.Errorf("want DST via GW, got %q", words)
		}
		dst, err := netip.ParsePrefix(words[0])
		if err != nil {
			return reconcile.Desired{}, err
		}
		gw, err := netip.ParseAddr(words[2])
		if err != nil {
			return reconcile.Desired{}, err
		}
		return reconcile.Route(dst, gw)
	}
	routes, err := reconcile.ParseRoutes("lab.routes", stringsReader(file), parse)
	fmt.Println(len(routes), err)
	_, err = reconcile.ParseRoutes("lab.routes", stringsReader(file+"203.0.113.0/24 dev eth0\n"), parse)
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// lab.routes:4: want DST via GW, got ["203.0.113.0/24" "dev" "eth0"]
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
