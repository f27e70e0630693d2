package main

import (
	"context"
	"io"
	"slices"
	"strings"
)

// object is one object of the command line, in the shape of the go
// command's base.Command: its name, its help, its verbs (each parsing its
// own arguments: filters for the listings) and its printer. linx help and
// linx OBJECT help are generated from these rows.
type object struct {
	name  string
	short string // one line for linx help
	long  string // notes for linx OBJECT help and linx help; may be ""
	verbs []verb // verbs[0] runs when no verb is given
	// implicit: arguments that do not start with a verb are verbs[0]'s
	// (linx link lnx0 = linx link show lnx0); otherwise they are an
	// unknown command.
	implicit bool
	// print is the one seam to the presentation code: every listing,
	// get and monitor event of this object is printed through it.
	print printer
}

// verb is one verb of an object.
type verb struct {
	// names name the verb: any prefix of one selects it, the first row
	// that fits winning, as ip matches "ip route s" to show. nil for an
	// object whose arguments follow it directly (monitor).
	names []string
	usage string // after "linx [OPTIONS] OBJECT "; "" to share the previous row's line
	run   func(c *call, args []string) error
}

// call is one run of a verb: the global options and where output goes.
type call struct {
	ctx            context.Context
	opts           options
	obj            *object
	stdout, stderr io.Writer
}

// objects is the command line's table, in ip's matching order (an object
// word names the first row it fits: "r" route, "ru" rule, "n" neigh, "l"
// link, "a" addr). Its rows are filled in init, from the *_cmd.go files.
var objects []*object

// objectWords are the words, besides its name, that name each object on
// the command line: any prefix of one names it. They are typed here only;
// wordsOf is the seam where the words the schema declares (rtnl.Messages)
// can take their place.
var objectWords = map[string][]string{
	"addr":    {"address"},
	"route":   {"route"},
	"rule":    {"rule"},
	"neigh":   {"neighbour", "neighbor"},
	"link":    {"link"},
	"monitor": {"monitor"},
	"nexthop": {"nexthop", "nh"},
}

// wordsOf is the words naming object name on the command line.
func wordsOf(name string) []string { return objectWords[name] }

func init() {
	objects = []*object{addrObject, routeObject, ruleObject, neighObject, linkObject, monitorObject, nexthopObject}
}

// lookupObject finds the object that word names.
func lookupObject(word string) (*object, bool) {
	if word == "" {
		return nil, false
	}
	for _, o := range objects {
		if word == o.name || matchesAny(word, wordsOf(o.name)) {
			return o, true
		}
	}
	return nil, false
}

// objectNamed is the row of the object called name.
func objectNamed(name string) (*object, bool) {
	for _, o := range objects {
		if o.name == name {
			return o, true
		}
	}
	return nil, false
}

// matchesAny reports whether word is a prefix of one of names (ip's
// matches()).
func matchesAny(word string, names []string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, word) {
			return true
		}
	}
	return false
}

// lookupVerb finds o's verb that word names.
func (o *object) lookupVerb(word string) (*verb, bool) {
	if word == "" {
		return nil, false
	}
	for i := range o.verbs {
		if matchesAny(word, o.verbs[i].names) {
			return &o.verbs[i], true
		}
	}
	return nil, false
}

// verbNames lists o's verbs for an error message: "list, show, get, add".
func (o *object) verbNames() string {
	var ws []string
	for _, v := range o.verbs {
		ws = append(ws, v.names...)
	}
	return strings.Join(append(ws, "help"), ", ")
}

// usage is o's usage lines, "usage: linx [OPTIONS] route ...".
func (o *object) usage() string {
	var b strings.Builder
	first := true
	for _, v := range o.verbs {
		if v.usage == "" {
			continue
		}
		if first {
			b.WriteString("usage: ")
			first = false
		} else {
			b.WriteString("       ")
		}
		b.WriteString("linx [OPTIONS] " + o.name + " " + v.usage + "\n")
	}
	return b.String()
}

// help is linx OBJECT help: the usage and the notes.
func (o *object) help() string {
	s := o.usage()
	if o.long != "" {
		s += "\n" + o.long
	}
	return s
}

// helpUsage is the usage part of linx help: the command's shape and every
// object with its words.
func helpUsage() string {
	var b strings.Builder
	b.WriteString("usage: linx [OPTIONS] OBJECT [VERB] [ARGS]\n       linx [OPTIONS] OBJECT help\n\nobjects:\n")
	for _, o := range objects {
		w := o.name
		if ws := slices.DeleteFunc(slices.Clone(wordsOf(o.name)), func(s string) bool { return s == o.name }); len(ws) > 0 {
			w += " (" + strings.Join(ws, ", ") + ")"
		}
		b.WriteString("  " + w)
		if len(w) < 26 {
			b.WriteString(strings.Repeat(" ", 26-len(w)))
		} else {
			b.WriteString("\n" + strings.Repeat(" ", 28))
		}
		b.WriteString(o.short + "\n")
	}
	b.WriteString("\nAn object word may be abbreviated as ip allows (r: route, ru: rule, a: addr,\nn: neigh, l: link); so may a verb (s: show, d: delete).\n")
	return b.String()
}

// helpText is linx help: the usage, every object's usage, the options and
// the notes.
func helpText() string {
	var b strings.Builder
	b.WriteString(helpUsage())
	for _, o := range objects {
		b.WriteString("\n" + o.usage())
	}
	b.WriteString("\n" + optionsHelp())
	b.WriteString("\n" + exitHelp)
	for _, o := range objects {
		if o.long != "" {
			b.WriteString("\n" + o.long)
		}
	}
	return b.String()
}

const exitHelp = `Exit status, as ip's: 0 on success (monitor: also when ended by Ctrl-C or
SIGTERM), 1 for an argument that names nothing usable (an address, prefix,
interface, family or object) or a failure that is not the kernel's, 2 when
the kernel refused a request (its error and extended-ack message are
printed), 255 for a command line of the wrong shape (unknown option,
command or keyword; a missing or invalid value).
`

// dispatch runs one command line: global options, object, verb.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	opts, rest, err := parseOptions(args)
	if err != nil {
		return err
	}
	if opts.batch != "" {
		return runBatch(ctx, opts, batchOptionWords(args[:len(args)-len(rest)]), stdout, stderr)
	}
	if len(rest) > 0 && rest[0] == "help" {
		opts.help, rest = true, rest[1:]
	}
	if opts.help { // linx help, linx help OBJECT, linx -h [OBJECT]
		text := helpText()
		if len(rest) > 0 {
			o, ok := lookupObject(rest[0])
			if !ok {
				return argErrorf("object %q is unknown, try \"linx help\"", rest[0])
			}
			text = o.help()
		}
		_, err := io.WriteString(stdout, text)
		return err
	}
	if len(rest) == 0 {
		return usageErrorf(helpUsage(), "no object given")
	}
	o, ok := lookupObject(rest[0])
	if !ok {
		// ip: `Object "foo" is unknown, try "ip help".`, exit 1.
		return argErrorf("object %q is unknown, try \"linx help\"", rest[0])
	}
	c := &call{ctx: ctx, opts: opts, obj: o, stdout: stdout, stderr: stderr}
	args = rest[1:]
	if len(args) > 0 && args[0] != "" && strings.HasPrefix("help", args[0]) {
		if _, ok := o.lookupVerb(args[0]); !ok {
			_, err := io.WriteString(stdout, o.help())
			return err
		}
	}
	if o.verbs[0].names == nil {
		return o.verbs[0].run(c, args)
	}
	if len(args) == 0 {
		return o.verbs[0].run(c, nil)
	}
	v, ok := o.lookupVerb(args[0])
	switch {
	case !ok && o.implicit:
		return o.verbs[0].run(c, args)
	case !ok:
		return usageErrorf(o.usage(), "command %q is unknown for %s (want %s)", args[0], o.name, o.verbNames())
	}
	return v.run(c, args[1:])
}
