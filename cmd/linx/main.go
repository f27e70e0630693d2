// Command linx is the command-line face of linx: `ip route` over the
// library, in any network namespace, with a stable JSON form.
//
//	linx [-n NETNS] [-json] [-4|-6] route [list|show] [table N|all] [proto P] [type T] [dev IF]
//	linx [-n NETNS] [-json] [-4|-6] route get ADDR
//	linx [-n NETNS] [-4|-6] route add|replace|del [TYPE] PREFIX|default [via GW] [dev IF]
//	        [table N] [proto P] [metric M] [src ADDR] [scope S]
//
// `route` alone lists. list shows the main table (table all: every table),
// both families unless -4 or -6 narrows it. -json prints one JSON array,
// one route object per line.
//
// Exit status: 0 on success, 1 when the operation fails (the kernel's
// error, with its extended-ack message, is printed to standard error), 2
// for a command line that cannot be understood.
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

options:
  -n NETNS   act in network namespace NETNS: a name as ` + "`ip netns`" + ` knows it
             (/run/netns/NETNS), or a path when it contains a '/'
  -json, -j  print routes as one JSON array
  -4, -6     only IPv4 / IPv6 routes (list), or the family of "default"

TYPE is unicast, local, broadcast, multicast, throw, unreachable, prohibit,
blackhole, nat, anycast or xresolve. show = list, delete = del.
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
	err := dispatch(ctx, args, stdout)
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

func dispatch(ctx context.Context, args []string, stdout io.Writer) error {
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
	case "help":
		return flag.ErrHelp
	default:
		return usageErrorf(usageText, "unknown object %q (want route)", obj)
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
