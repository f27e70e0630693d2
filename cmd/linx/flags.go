package main

import (
	"errors"
	"os"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// options are the global options, those before the object, parsed once
// and handed to every command and printer (a printer may ignore what it
// does not support yet).
type options struct {
	ns      nlsock.NetNS
	json    bool        // -j: JSON
	pretty  bool        // -p: JSON laid out as ip -p does (listings)
	numeric bool        // -N: numbers, not names (printers may ignore it)
	details bool        // -d: details (printers may ignore it)
	family  rtnl.Family // -4, -6, -f: 0 for any
	help    bool        // -h
	batch   string      // -batch FILE: run FILE's commands ("-": standard input)
	force   bool        // -force: with -batch, go on after a failed line
}

// globalFlag is one global option. As ip does, an option is given by its
// short name or by any prefix of its long name (-j, -js, -json); the
// table's order settles a prefix that fits several, as ip's order does.
type globalFlag struct {
	short, long string
	value       string // the value's name in usage; "" for a flag without one
	help        string
	set         func(o *options, v string) error
}

var globalFlags = []globalFlag{
	{"4", "", "", "IPv4 only: lists, monitor's groups, the family of \"default\"", func(o *options, _ string) error { return o.setFamily(rtnl.AF_INET, "-4") }},
	{"6", "", "", "IPv6 only", func(o *options, _ string) error { return o.setFamily(rtnl.AF_INET6, "-6") }},
	{"f", "family", "FAMILY", "inet or inet6: as -4 or -6", func(o *options, v string) error {
		switch v {
		case "inet", "4":
			return o.setFamily(rtnl.AF_INET, "-family inet")
		case "inet6", "6":
			return o.setFamily(rtnl.AF_INET6, "-family inet6")
		}
		return errors.New(`-family "` + v + `": want inet or inet6`)
	}},
	{"force", "", "", "with -batch: go on after a failed command", func(o *options, _ string) error { o.force = true; return nil }},
	{"b", "batch", "FILE", "run the commands of FILE, one per line (- for standard input), route changes many per message write", func(o *options, v string) error { o.batch = v; return nil }},
	{"d", "details", "", "print details", func(o *options, _ string) error { o.details = true; return nil }},
	{"j", "json", "", "print JSON: one array (list, show, get), one object per line (monitor)", func(o *options, _ string) error { o.json = true; return nil }},
	{"p", "pretty", "", "lay JSON out as ip -p does (monitor keeps one object per line)", func(o *options, _ string) error { o.pretty = true; return nil }},
	{"n", "netns", "NETNS", "act in network namespace NETNS: a name as `ip netns` knows it (/run/netns/NETNS), or a path when it contains a '/'", func(o *options, v string) error {
		o.ns = namespaceArg(v)
		if o.ns.Err() != nil {
			why := "names contain no NUL"
			switch v {
			case "":
				why = "empty"
			case ".", "..":
				why = `"." and ".." are directories, not names; a path with a '/' ("./..") names a file`
			}
			return errors.New("-n " + quote(v) + ": not a namespace name (" + why + ")")
		}
		return nil
	}},
	{"N", "Numeric", "", "print protocols, scopes, tables ... as numbers (also -numeric)", func(o *options, _ string) error { o.numeric = true; return nil }},
	{"h", "help", "", "print this help", func(o *options, _ string) error { o.help = true; return nil }},
}

// setFamily records a family option; two that disagree are an error.
func (o *options) setFamily(f rtnl.Family, word string) error {
	if o.family != 0 && o.family != f {
		return errors.New(famFlag(o.family) + " and " + word + " exclude each other")
	}
	o.family = f
	return nil
}

// famFlag is the option that selects family f.
func famFlag(f rtnl.Family) string {
	if f == rtnl.AF_INET6 {
		return "-6"
	}
	return "-4"
}

// lookupFlag finds the global option word names ("json" for -json).
func lookupFlag(word string) (*globalFlag, bool) {
	if word == "numeric" { // ip spells it -Numeric; both are accepted
		word = "Numeric"
	}
	for i := range globalFlags {
		if f := &globalFlags[i]; word == f.short {
			return f, true
		}
	}
	for i := range globalFlags {
		if f := &globalFlags[i]; f.long != "" && strings.HasPrefix(f.long, word) {
			return f, true
		}
	}
	return nil, false
}

// parseOptions parses the global options at the start of args and returns
// the rest, which starts with the object.
func parseOptions(args []string) (options, []string, error) {
	var o options
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		arg := args[0]
		args = args[1:]
		if arg == "--" {
			break
		}
		f, ok := lookupFlag(strings.TrimLeft(arg, "-"))
		if !ok {
			return o, nil, usageErrorf(helpUsage(), "option %q is unknown, try \"linx help\"", arg)
		}
		var v string
		if f.value != "" {
			if len(args) == 0 {
				return o, nil, usageErrorf(helpUsage(), "option %s needs a value (%s)", arg, f.value)
			}
			v, args = args[0], args[1:]
		}
		if err := f.set(&o, v); err != nil {
			return o, nil, usageErrorf(helpUsage(), "%v", err)
		}
	}
	if !o.ns.IsHost() {
		// As ip does, fail before the command when the namespace cannot
		// be opened.
		if _, err := os.Stat(o.ns.Path()); err != nil {
			return o, nil, &cliError{code: exitUsage, msg: "cannot open " + o.ns.String() + ": " + errText(err)}
		}
	}
	return o, args, nil
}

// errText is a file error without its operation and path (the caller
// names them).
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// namespaceArg turns -n's value into a namespace: a path when it contains a
// '/', else a name under /run/netns as `ip netns` makes.
func namespaceArg(s string) nlsock.NetNS {
	if strings.Contains(s, "/") {
		return nlsock.NetNSPath(s)
	}
	return nlsock.NetNSName(s)
}

func quote(s string) string { return `"` + s + `"` }

// optionsHelp is the options part of linx help, from globalFlags.
func optionsHelp() string {
	var b strings.Builder
	b.WriteString("options:\n")
	for _, f := range globalFlags {
		w := "-" + f.short
		if f.long != "" {
			w += ", -" + f.long
		}
		if f.value != "" {
			w += " " + f.value
		}
		b.WriteString("  " + w)
		if len(w) < 20 {
			b.WriteString(strings.Repeat(" ", 20-len(w)))
		} else {
			b.WriteString("\n" + strings.Repeat(" ", 22))
		}
		b.WriteString(f.help + "\n")
	}
	return b.String()
}
