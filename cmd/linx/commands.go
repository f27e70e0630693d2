package main

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// object is one object of the command line, in the shape of the go
// command's base.Command: its name (the schema's object name, whose words
// name it on the command line), its help and its verbs (each parsing its
// own arguments: filters for the listings). linx help and linx OBJECT help
// are generated from these rows. Every object is printed by ipfmt, which
// knows each message type.
type object struct {
	name  string
	short string // one line for linx help
	long  string // notes for linx OBJECT help and linx help; may be ""
	verbs []verb // verbs[0] runs when no verb is given
	// list parses a listing object's filters (its first verb, list);
	// nil for the others.
	list listParser
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
	netns          *netnsTable // names the namespaces of links' peers
}

// objects is the command line's table, in ip's matching order (an object
// word names the first row it fits: "r" route, "ru" rule, "n" neigh, "l"
// link, "a" addr). Its rows are filled in init, from the *_cmd.go files.
var objects []*object

// wordsOf is the words naming object name on the command line: any prefix
// of one names it. For a message type they are the schema's
// (rtnl.Messages: Words and the monitor word); an object that is no
// message (monitor) is named by its name.
func wordsOf(name string) []string {
	m := messageOf(name)
	if m == nil {
		return []string{name}
	}
	ws := m.Words
	if m.Monitor != "" && !slices.Contains(ws, m.Monitor) {
		ws = append(ws[:len(ws):len(ws)], m.Monitor)
	}
	return ws
}

// messageOf is the schema's metadata of the message type whose object is
// called name, or nil.
func messageOf(name string) *nlwire.MessageInfo {
	if m := nlwire.FindMessage(rtnl.Messages, name); m != nil && m.Name == name {
		return m
	}
	return nil
}

func init() {
	objects = []*object{addrObject, routeObject, ruleObject, neighObject, linkObject, monitorObject, nexthopObject, netconfObject}
}

// lookupObject finds the object that word names.
func lookupObject(word string) (*object, bool) {
	if word == "" {
		return nil, false
	}
	if m := nlwire.FindMessage(rtnl.Messages, word); m != nil { // a whole word
		if o, ok := objectNamed(m.Name); ok {
			return o, true
		}
	}
	for _, o := range objects { // an abbreviation, in ip's order
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
		if ws := otherWords(o.name); len(ws) > 0 {
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

// otherWords are the words naming object name in linx help: its words
// but its name and the abbreviations of another word ("a" of "address").
func otherWords(name string) []string {
	all := wordsOf(name)
	var out []string
	for _, w := range all {
		abbrev := slices.ContainsFunc(all, func(o string) bool { return o != w && strings.HasPrefix(o, w) })
		if w != name && !abbrev && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
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
	if err := checkDevWords(args); err != nil {
		return err
	}
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
	case !ok:
		return usageErrorf(o.usage(), "command %q is unknown for %s (want %s)", args[0], o.name, o.verbNames())
	}
	return v.run(c, args[1:])
}
