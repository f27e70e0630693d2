// Command linx is the command-line face of linx: `ip route`, `ip link`,
// `ip addr`, `ip neigh`, `ip rule`, `ip nexthop` and `ip monitor` over the
// library, in any network namespace, with a stable JSON form.
//
//	linx [OPTIONS] OBJECT [VERB] [ARGS]
//	linx [OPTIONS] OBJECT help
//	linx help
//
// The objects, their verbs, their usage and their printers are one table
// (objects, in commands.go); linx help prints it. The global options are
// ip's: -j/-json, -p/-pretty, -N/-Numeric, -d/-details, -4, -6,
// -f/-family, -n/-netns NETNS, each also as any prefix of its long name.
//
// Exit status, as ip's: 0 on success (and for monitor, when interrupted
// by Ctrl-C or SIGTERM), 1 for an argument naming nothing usable (an
// address, prefix, interface, family, object) or a failure that is not the
// kernel's, 2 when the kernel refuses a request (its error, with its
// extended-ack message, is printed to standard error), 255 for a command
// line of the wrong shape (unknown option, command or keyword, a missing
// or invalid value).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/linx-go/linx/runtime/nlsock"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code. Output goes to
// stdout, errors to stderr as "linx: ..." lines, a usage error's usage
// after it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		fmt.Fprintln(stderr, "linx: interrupted")
		return exitError
	}
	fmt.Fprintf(stderr, "linx: %s\n", errorText(err))
	var ce *cliError
	if errors.As(err, &ce) && ce.usage != "" {
		io.WriteString(stderr, ce.usage)
	}
	return exitCode(err)
}

// errorText is err's message without the library's package prefixes: the
// kernel's errors read "route add 10.0.0.0/8: file exists (kernel: ...)".
//
// A kernel error naming only a message type ("RTM_GETROUTE", as a dump
// names itself) reads as ip's: "Error: EXTACK." when the kernel said why,
// else "RTNETLINK answers: Errno".
func errorText(err error) string {
	s := err.Error()
	var ke *nlsock.Error
	if errors.As(err, &ke) && strings.HasPrefix(ke.Op, "RTM_") {
		s = strings.Replace(s, ke.Error(), ipKernelText(ke), 1)
	}
	s = enumLabel.ReplaceAllString(s, `invalid $1 "`)
	for _, p := range []string{"netlink: ", "route: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// enumLabel is "KEY: invalid LABEL [flag] \"" of a value the schema's name
// tables refused, LABEL being an enum's internal name (route_type,
// neigh_state; not the plain words protocol, scope): the message names
// the keyword the user typed instead.
var enumLabel = regexp.MustCompile(`\b([a-z_]+): invalid [a-z]+_[a-z_]+(?: flag)? "`)

// ipKernelText is how ip reports a kernel error: its extended-ack message,
// or the errno as strerror words.
func ipKernelText(e *nlsock.Error) string {
	if e.Message != "" {
		return "Error: " + strings.TrimSuffix(e.Message, ".") + "."
	}
	msg := e.Errno.Error()
	r, n := utf8.DecodeRuneInString(msg)
	return "RTNETLINK answers: " + string(unicode.ToUpper(r)) + msg[n:]
}
