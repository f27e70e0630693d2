// Command linx is the command-line face of linx: `ip route`, `ip link`,
// `ip addr`, `ip neigh`, `ip rule`, `ip nexthop` and `ip monitor` over the
// library, in any network namespace, with a stable JSON form.
//
//	linx [-n NETNS] [-json] [-4|-6] route [list|show] [table N|all] [proto P] [type T] [dev IF]
//	linx [-n NETNS] [-json] [-4|-6] route get ADDR
//	linx [-n NETNS] [-4|-6] route add|replace|del [TYPE] PREFIX|default [via GW] [dev IF]
//	        [table N] [proto P] [metric M] [src ADDR] [scope S] [mtu N] [advmss N] [pref P] [onlink]
//	linx [-n NETNS] [-json] link [list|show] [[dev] IF] [master DEV] [type KIND]
//	linx [-n NETNS] [-json] [-4|-6] addr [list|show] [[dev] IF] [-4|-6]
//	linx [-n NETNS] [-json] [-4|-6] neigh [list|show] [dev IF] [proxy] [nud all] [-4|-6]
//	linx [-n NETNS] [-json] [-4|-6] rule [list|show] [-4|-6]
//	linx [-n NETNS] [-json] [-4|-6] nexthop [list|show] [dev IF] [groups] [fdb] [-4|-6]
//	linx [-n NETNS] [-json] [-4|-6] monitor [all|link|addr|route|neigh|rule|nexthop ...]
//
// `route` alone lists. list shows the main table (table all: every table),
// both families unless -4 or -6 narrows it. -json prints one JSON array,
// one object per line; monitor -json prints one JSON object per event
// line. The usage text (linx help) says what each form prints.
//
// Exit status: 0 on success (and for monitor, when interrupted by Ctrl-C or
// SIGTERM), 1 when the operation fails (the kernel's error, with its
// extended-ack message, is printed to standard error), 2 for a command line
// that cannot be understood.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

const usageText = `usage: ` + usageList + `
       ` + usageGet + `
       ` + usageModify + `
       ` + usageLink + `
       ` + usageAddr + `
       ` + usageNeigh + `
       ` + usageRule + `
       ` + usageNexthop + `
       ` + usageMonitor + `

options:
  -n NETNS   act in network namespace NETNS: a name as ` + "`ip netns`" + ` knows it
             (/run/netns/NETNS), or a path when it contains a '/'
  -json, -j  print one JSON array (list, show, get), or one JSON object per
             line (monitor)
  -4, -6     only IPv4 / IPv6 (routes, addresses, neighbours, rules,
             nexthops, and monitor's address, route and rule groups), or
             the family of "default"

Objects: route (r), link (l), address (addr, a), neighbour (neigh, n),
rule (ru), nexthop (nh). With no verb they list; show = list,
delete = del. Route TYPE is unicast, local, broadcast, multicast, throw,
unreachable, prohibit, blackhole, nat, anycast or xresolve.

Listings print what ip prints (ip link, ip addr: links with their
addresses; ip neigh: not NOARP entries unless "nud all"). Without -4/-6,
route, rule and the rest list both families (ip lists IPv4 routes and
rules only). -json for link, addr, neigh, rule and nexthop uses ip -j's
keys, with numbers where ip -N prints numbers (protocol, scope, table,
rule action, group), and flags that ip -j marks with null likewise
("router": null); addr lists links with an "addr_info" array, as ip -j
addr does. Route objects have their own keys: family, type, protocol,
scope, table (numbers), dst (always ADDR/LEN), gateway, oif, dev, ...

monitor prints one line per kernel notification until Ctrl-C or SIGTERM
(exit 0), each written at once. Its objects choose the multicast groups:
link, addr (IPv4 and IPv6 addresses), route (IPv4 and IPv6), neigh, rule
(IPv4 and IPv6), nexthop; all: every one; none given: link, neigh, addr,
route and rule. Text lines are ip monitor's: the object as its listing
prints it (an address prefixed "INDEX: IFNAME"), "Deleted " before a
removal, and "Resync needed: REASON" when notifications were lost (re-read
the state you keep). With -json each line is one object:
  {"event":"new"|"del","kind":"route"|"link"|"addr"|"neigh"|"rule"|"nexthop",
   ...the object's own keys, as that object's -json listing prints them}
(an address: "ifindex", "ifname" and its addr_info keys), and for lost
notifications {"event":"resync","reason":"..."}. Messages that cannot be
decoded are reported on standard error; monitoring goes on.
`

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the operation failed
	exitUsage = 2 // the command line is wrong
)

// globals are the options before the object.
type globals struct {
	ns     nlsock.NetNS
	json   bool
	family rtnl.Family // 0 for both
}

// usageError is a command line that cannot be understood; usage is the line
// to show with it.
type usageError struct {
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(usage, format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...), usage: usage}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code. Output goes to
// stdout, errors to stderr as "linx: ..." lines.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		io.WriteString(stdout, usageText)
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "linx: %s\n", ue.msg)
		u := ue.usage
		if !strings.HasPrefix(u, "usage:") {
			u = "usage: " + u + "\n"
		}
		io.WriteString(stderr, u)
		return exitUsage
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		fmt.Fprintln(stderr, "linx: interrupted")
		return exitError
	}
	fmt.Fprintf(stderr, "linx: %s\n", errorText(err))
	return exitError
}

// errorText is err's message without the library's package prefixes: the
// kernel's errors read "route add 10.0.0.0/8: file exists (kernel: ...)".
func errorText(err error) string {
	s := err.Error()
	for _, p := range []string{"netlink: ", "route: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("linx", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by run, with the usage
	var (
		nsArg  string
		g      globals
		v4, v6 bool
	)
	fs.StringVar(&nsArg, "n", "", "network namespace name or path")
	fs.StringVar(&nsArg, "netns", "", "network namespace name or path")
	fs.BoolVar(&g.json, "json", false, "print JSON")
	fs.BoolVar(&g.json, "j", false, "print JSON")
	fs.BoolVar(&v4, "4", false, "IPv4 only")
	fs.BoolVar(&v6, "6", false, "IPv6 only")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageErrorf(usageText, "%v", err)
	}
	switch {
	case v4 && v6:
		return usageErrorf(usageText, "-4 and -6 exclude each other")
	case v4:
		g.family = rtnl.AF_INET
	case v6:
		g.family = rtnl.AF_INET6
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "n" || f.Name == "netns" {
			g.ns = namespaceArg(nsArg)
		}
	})
	if err := g.ns.Err(); err != nil {
		return usageErrorf(usageText, "-n %q: not a namespace name (names contain no '/', use a path for a file)", nsArg)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return usageErrorf(usageText, "no command given")
	}
	switch obj := rest[0]; obj {
	case "route", "r", "ro":
		return runRoute(ctx, g, rest[1:], stdout)
	case "monitor", "mon":
		c, err := parseMonitor(rest[1:], g.family)
		if err != nil {
			return err
		}
		return c.run(ctx, g, stdout, stderr)
	case "help":
		return flag.ErrHelp
	default:
		if name, ok := objectName(obj); ok {
			return runObject(ctx, g, name, rest[1:], stdout)
		}
		return usageErrorf(usageText, "unknown object %q (want route, link, addr, neigh, rule, nexthop or monitor)", obj)
	}
}

// namespaceArg turns -n's value into a namespace: a path when it contains a
// '/', else a name under /run/netns as `ip netns` makes.
func namespaceArg(s string) nlsock.NetNS {
	if strings.Contains(s, "/") {
		return nlsock.NetNSPath(s)
	}
	return nlsock.NetNSName(s)
}
