package main

import (
	"io"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlsock"
)

// A listing object is one row: its name, help, usage and the filter parser
// that returns its lister (listObject). The rows are in the files named
// for their objects (link_list.go, addr_list.go, ...); adding an object is
// adding one. ipfmt prints every object.

// listParser parses an object's list filters and returns what lists them.
type listParser func(p *filterArgs) (lister, error)

// lister lists one object, filtered, into a listing: the filters an
// object's parser read (linkList, addrList, ...).
type lister interface {
	list(e *listEnv) error
}

// listObject is the row of a listing object: its first verb is list,
// which parses its filters with parse and runs the lister parse returns.
func listObject(name, short, usage string, parse listParser) *object {
	o := &object{name: name, short: short}
	o.list = parse
	o.verbs = []verb{{
		names: []string{"list", "show", "lst"},
		usage: usage,
		run: func(c *call, args []string) error {
			l, err := parseObjList(name, args, c.opts.family)
			if err != nil {
				return err
			}
			return runLister(c, l)
		},
	}}
	return o
}

// parseObjList parses the list filters of object obj; fam is -4/-6 from
// before the object.
func parseObjList(obj string, args []string, fam rtnl.Family) (lister, error) {
	o, ok := objectNamed(obj)
	if !ok || o.list == nil {
		return nil, argErrorf("object %q has no listing", obj)
	}
	p := &filterArgs{obj: obj, usage: o.usage(), args: args, family: fam, seen: map[string]bool{}}
	if fam != 0 {
		p.famWord = famFlag(fam)
	}
	return o.list(p)
}

// runLister runs l over one socket in the call's namespace.
func runLister(c *call, l lister) error {
	conn, err := nlsock.Dial(nlsock.WithNetNS(c.opts.ns))
	if err != nil {
		return err
	}
	defer conn.Close()
	return l.list(&listEnv{cl: c, conn: conn})
}

// filterArgs walks the filter words of a listing: each parser asks for
// the next word and takes the value it needs.
type filterArgs struct {
	obj, usage string
	args       []string
	i          int
	family     rtnl.Family // -4/-6, before the object or among the filters
	famWord    string
	seen       map[string]bool
}

// next returns the next word; ok is false at the end.
func (p *filterArgs) next() (word string, ok bool) {
	if p.i >= len(p.args) {
		return "", false
	}
	p.i++
	return p.args[p.i-1], true
}

// once fails when key was given already.
func (p *filterArgs) once(key string) error {
	if p.seen[key] {
		return usageErrorf(p.usage, "%s given twice", key)
	}
	p.seen[key] = true
	return nil
}

// value is key's value (key given once).
func (p *filterArgs) value(key string) (string, error) {
	if err := p.once(key); err != nil {
		return "", err
	}
	v, ok := p.next()
	if !ok {
		return "", usageErrorf(p.usage, "%s needs a value", key)
	}
	return v, nil
}

// dev is key's interface name: never "", which names no interface.
func (p *filterArgs) dev(key string) (string, error) {
	v, err := p.value(key)
	if err == nil && v == "" {
		err = emptyDevError(key)
	}
	return v, err
}

// setFamily takes -4 or -6 (ok false for any other word).
func (p *filterArgs) setFamily(key string) (ok bool, err error) {
	f := rtnl.AF_INET
	switch key {
	case "-4":
	case "-6":
		f = rtnl.AF_INET6
	default:
		return false, nil
	}
	if p.family != 0 && p.family != f {
		return true, usageErrorf(p.usage, "%s and %s exclude each other", p.famWord, key)
	}
	p.family, p.famWord = f, key
	return true, nil
}

// unknown is the error for a word the object's filters do not know.
func (p *filterArgs) unknown(key string) error {
	return usageErrorf(p.usage, "unknown %s list argument %q", p.obj, key)
}

// listEnv is what a lister runs with: the call, its socket, and the
// namespace's links once read.
type listEnv struct {
	cl    *call
	conn  *nlsock.Conn
	links *linkSet
}

// linkSet reads the namespace's links (once), reporting those that did not
// decode on warn (nil: not reported).
func (e *listEnv) linkSet(warn io.Writer) (*linkSet, error) {
	if e.links == nil {
		ls, err := readLinks(e.cl.ctx, e.conn, e.cl.opts.ns, warn)
		if err != nil {
			return nil, err
		}
		e.links = ls
	}
	return e.links, nil
}

// index is the index of interface dev ("" : 0, no interface asked for).
func (e *listEnv) index(links *linkSet, dev string) (uint32, error) {
	if dev == "" {
		return 0, nil
	}
	return links.index(dev)
}

// listing starts the output of a listing: links names interfaces (nil:
// none), hide the columns the filter fixed.
func (e *listEnv) listing(links *linkSet, hide textOptions) (*listing, error) {
	return newListing(e.cl, e.cl.fmtOptions(links, hide)), nil
}
