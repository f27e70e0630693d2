package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
)

// batchRouteVerbs are the route verbs -batch sends many per sendmsg
// through route.Batch; every other line runs as its own command.
var batchRouteVerbs = map[string]bool{"add": true, "replace": true, "append": true, "change": true, "prepend": true, "delete": true}

// batchLine is one queued route change and its line number.
type batchLine struct {
	n    int
	spec routeSpec
}

// batchRun is one `linx -batch FILE`: lines in linx's words without
// "linx" (objects of any kind), as ip -batch reads them. As ip does, a
// failed line is reported ("Command failed FILE:LINE" after its error)
// and ends the run unless -force is given; the exit status is then 1, as
// ip's. Unlike ip, a line that does not parse is such a failure too (ip
// exits at once). Consecutive route
// changes are sent together, many per sendmsg: the kernel then processes
// every change of the write, so without -force a failure stops the run
// after the write that held it (each failed line of it is reported), not
// at the line itself.
type batchRun struct {
	ctx            context.Context
	opts           options
	optWords       []string // the global options, for the lines run as commands
	name           string   // FILE, or "-" for standard input
	force          bool
	stdout, stderr io.Writer
	pending        []batchLine
	failed         error // the last failure
}

func runBatch(ctx context.Context, opts options, optWords []string, stdout, stderr io.Writer) error {
	var in io.Reader = os.Stdin
	if opts.batch != "-" {
		f, err := os.Open(opts.batch)
		if err != nil {
			return argErrorf("cannot open batch file: %s", errText(err))
		}
		defer f.Close()
		in = f
	}
	b := &batchRun{ctx: ctx, opts: opts, optWords: optWords, name: opts.batch, force: opts.force, stdout: stdout, stderr: stderr}
	if b.name == "-" {
		b.name = "<stdin>"
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		words := strings.Fields(sc.Text())
		for i, w := range words {
			if strings.HasPrefix(w, "#") {
				words = words[:i]
				break
			}
		}
		if len(words) == 0 {
			continue
		}
		if !b.line(n, words) {
			return b.failed
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", b.name, n+1, err)
	}
	if !b.flush() {
		return b.failed
	}
	return b.failed
}

// line handles one command line; false means stop.
func (b *batchRun) line(n int, words []string) bool {
	if spec, ok, err := b.routeChange(words); ok {
		if err != nil {
			if !b.flush() {
				return false
			}
			return b.fail(n, err)
		}
		b.pending = append(b.pending, batchLine{n, spec})
		if len(b.pending) >= 4096 {
			return b.flush()
		}
		return true
	}
	if !b.flush() {
		return false
	}
	args := append(b.optWords[:len(b.optWords):len(b.optWords)], words...)
	if err := dispatch(b.ctx, args, b.stdout, b.stderr); err != nil {
		return b.fail(n, err)
	}
	return true
}

// routeChange parses words when they are a route change (route add, del,
// ...; any prefix of the words, as on the command line).
func (b *batchRun) routeChange(words []string) (routeSpec, bool, error) {
	if len(words) < 2 {
		return routeSpec{}, false, nil
	}
	if o, ok := lookupObject(words[0]); !ok || o != routeObject {
		return routeSpec{}, false, nil
	}
	v, ok := routeObject.lookupVerb(words[1])
	if !ok || !batchRouteVerbs[v.names[0]] {
		return routeSpec{}, false, nil
	}
	spec, err := parseRouteWords(v.names[0], words[2:], b.opts.family)
	return spec, true, err
}

// fail reports line n's error as ip does; false means stop.
func (b *batchRun) fail(n int, err error) bool {
	fmt.Fprintf(b.stderr, "linx: %s\n", errorText(err))
	var ce *cliError
	if errors.As(err, &ce) && ce.usage != "" {
		io.WriteString(b.stderr, ce.usage)
	}
	fmt.Fprintf(b.stderr, "Command failed %s:%d\n", b.name, n)
	b.failed = &cliError{code: exitError, msg: fmt.Sprintf("%s: commands failed (the last at line %d)", b.name, n)}
	return b.force
}

// flush sends the queued route changes in one route.Batch and reports
// every failed one by its line; false means stop.
func (b *batchRun) flush() bool {
	if len(b.pending) == 0 {
		return true
	}
	pending := b.pending
	b.pending = b.pending[:0]
	client, err := route.Open(route.InNamespace(b.opts.ns))
	if err != nil {
		return b.fail(pending[0].n, err)
	}
	defer client.Close()
	var links *linkSet
	index := func(name string) (uint32, error) {
		if links == nil {
			l, err := loadLinks(b.ctx, client.Conn(), b.opts.ns)
			if err != nil {
				return 0, err
			}
			links = l
		}
		return links.index(name)
	}
	var rb route.Batch
	lines := make([]int, 0, len(pending)) // batch index -> line
	specs := make([]routeSpec, 0, len(pending))
	ok := true
	for _, p := range pending {
		dst, gw, opts, err := p.spec.options(index)
		if err == nil {
			err = rb.Queue(p.spec.verb, dst, gw, opts...)
		}
		if err != nil {
			if ok = b.fail(p.n, err); !ok {
				break
			}
			continue
		}
		lines = append(lines, p.n)
		specs = append(specs, p.spec)
	}
	if rb.Len() == 0 {
		return ok
	}
	err = client.Apply(b.ctx, &rb)
	var be *nlsock.BatchError
	switch {
	case err == nil:
		return ok
	case errors.As(err, &be):
		for _, f := range be.Failures {
			var ke *nlsock.Error
			if errors.As(f.Err, &ke) { // name the change, as the single verbs do
				ke.Op = "route " + specs[f.Index].verb + " " + specs[f.Index].dstText()
			}
			if !b.fail(lines[f.Index], f.Err) {
				ok = false
			}
		}
		if be.Incomplete || len(be.Failures) == 0 {
			return b.fail(lines[len(lines)-1], err) && ok
		}
		return ok
	default:
		return b.fail(lines[0], err) && ok
	}
}

// batchOptionWords are the global option words of a -batch command line
// without -batch FILE and -force, for the lines run as commands.
func batchOptionWords(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		f, ok := lookupFlag(strings.TrimLeft(words[i], "-"))
		switch {
		case ok && f.short == "b":
			i++
		case ok && f.short == "force":
		default:
			out = append(out, words[i])
		}
	}
	return out
}
