package main

import (
	"context"
	"fmt"
	"io"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

// linkSet is a namespace's links from one RTM_GETLINK dump, in the
// kernel's order: names and flags by index (its ipfmt.LinkTable, the
// printer's Links), indexes by name and alternative name (the command
// line's interface arguments). The commands read it over their own socket.
type linkSet struct {
	ipfmt.LinkTable
	ns     nlsock.NetNS
	list   []rtnl.Link
	byName map[string]uint32
}

func newLinkSet(ns nlsock.NetNS) *linkSet {
	return &linkSet{ns: ns, byName: map[string]uint32{}}
}

// loadLinks dumps the links of conn's namespace (ns names it in errors),
// for their names. A link that did not decode is kept, as far as it did;
// only an error that ended the dump fails.
func loadLinks(ctx context.Context, conn *nlsock.Conn, ns nlsock.NetNS) (*linkSet, error) {
	return readLinks(ctx, conn, ns, nil)
}

// devIndex is dev's ifindex, read from a dump of the links on conn; 0
// (and no dump) when dev is "". It is for a command that names one
// device; one that names several loads the links once.
func devIndex(cl *call, conn *nlsock.Conn, dev string) (uint32, error) {
	if dev == "" {
		return 0, nil
	}
	links, err := loadLinks(cl.ctx, conn, cl.opts.ns)
	if err != nil {
		return 0, err
	}
	return links.index(dev)
}

// readLinks is loadLinks reporting links that did not decode on warn (nil:
// not reported), for the listings that print them.
func readLinks(ctx context.Context, conn *nlsock.Conn, ns nlsock.NetNS, warn io.Writer) (*linkSet, error) {
	ls, err := collect(link.All(ctx, conn, link.Filter{}), warn)
	if err != nil {
		return nil, fmt.Errorf("list interfaces in %s: %w", ns, err)
	}
	s := newLinkSet(ns)
	s.list = ls
	for i := range s.list {
		s.learn(&s.list[i])
	}
	return s, nil
}

// learn records l's name and flags (a monitor keeps the set current with
// every link event).
func (s *linkSet) learn(l *rtnl.Link) {
	i := uint32(l.Header.Index)
	name := l.IfName.String()
	if old, ok := s.LinkName(i); ok && old != name && s.byName[old] == i {
		delete(s.byName, old)
	}
	s.Learn(l)
	s.byName[name] = i
	for _, a := range altNames(l) {
		if _, taken := s.byName[a]; !taken {
			s.byName[a] = i
		}
	}
}

// forget removes l (after an RTM_DELLINK): its index and its names.
func (s *linkSet) forget(l *rtnl.Link) {
	i := uint32(l.Header.Index)
	s.Forget(i)
	for name, idx := range s.byName {
		if idx == i {
			delete(s.byName, name)
		}
	}
}

// index returns the index of the interface called name (or with that
// alternative name).
func (s *linkSet) index(name string) (uint32, error) {
	if i, ok := s.byName[name]; ok {
		return i, nil
	}
	return 0, fmt.Errorf("dev %q: no such interface in %s", name, s.ns)
}

// altNames are the link's alternative names (IFLA_PROP_LIST).
func altNames(l *rtnl.Link) []string {
	if !l.Has(rtnl.IFLA_PROP_LIST) {
		return nil
	}
	var ns []string
	for _, n := range l.PropList.AltNames {
		ns = append(ns, n.String())
	}
	return ns
}
