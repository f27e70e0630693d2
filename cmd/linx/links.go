package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

// linkNamer maps an interface index to its name for the formatters. ok is
// false when the index names no known interface; formatters then print
// "ifN" (text) or leave the name out (JSON), as ip does for the text form.
//
// The formatters take a linkNamer rather than a concrete table so that
// callers choose the cache policy: the commands load a linkSet once (one
// link dump), the monitor keeps one current from link events, and tests
// pass a fixed map (staticLinks).
type linkNamer interface {
	linkName(ifindex uint32) (name string, ok bool)
}

// staticLinks is a fixed index -> name table.
type staticLinks map[uint32]string

func (s staticLinks) linkName(i uint32) (string, bool) {
	n, ok := s[i]
	return n, ok
}

// devName is the name the text form prints for ifindex: the interface's
// name, or "ifN" when it is unknown (as ip's ll_index_to_name does).
func devName(names linkNamer, ifindex uint32) string {
	if names != nil {
		if n, ok := names.linkName(ifindex); ok {
			return n
		}
	}
	return "if" + strconv.FormatUint(uint64(ifindex), 10)
}

// linkSet is a namespace's links from one RTM_GETLINK dump, in the
// kernel's order: names and flags by index (the formatters' linkNamer and
// linkFlagsLookup), indexes by name and alternative name. The list
// commands other than route read it over the command's own socket.
type linkSet struct {
	ns      nlsock.NetNS
	list    []rtnl.Link
	byIndex map[uint32]linkBrief
	byName  map[string]uint32
}

// linkBrief is what the formatters need to know about another link.
type linkBrief struct {
	name  string
	flags rtnl.LinkFlags
}

func newLinkSet(ns nlsock.NetNS) *linkSet {
	return &linkSet{ns: ns, byIndex: map[uint32]linkBrief{}, byName: map[string]uint32{}}
}

// loadLinks dumps the links of conn's namespace (ns names it in errors).
func loadLinks(ctx context.Context, conn *nlsock.Conn, ns nlsock.NetNS) (*linkSet, error) {
	ls, err := link.List(ctx, conn, link.Filter{})
	if err != nil {
		return nil, fmt.Errorf("list interfaces in %s: %w", ns, err)
	}
	s := newLinkSet(ns)
	s.list = ls
	for i := range ls {
		s.learn(&ls[i])
	}
	return s, nil
}

// learn records l's name and flags (a monitor keeps the set current with
// every link event).
func (s *linkSet) learn(l *rtnl.Link) {
	i := uint32(l.Header.Index)
	name := l.IfName.String()
	if old, ok := s.byIndex[i]; ok && old.name != name && s.byName[old.name] == i {
		delete(s.byName, old.name)
	}
	s.byIndex[i] = linkBrief{name: name, flags: l.Header.Flags}
	s.byName[name] = i
	for _, a := range altNames(l) {
		if _, taken := s.byName[a]; !taken {
			s.byName[a] = i
		}
	}
}

func (s *linkSet) linkName(i uint32) (string, bool) {
	b, ok := s.byIndex[i]
	return b.name, ok
}

func (s *linkSet) linkFlags(i uint32) (rtnl.LinkFlags, bool) {
	b, ok := s.byIndex[i]
	return b.flags, ok
}

// index returns the index of the interface called name (or with that
// alternative name).
func (s *linkSet) index(name string) (uint32, error) {
	if i, ok := s.byName[name]; ok {
		return i, nil
	}
	return 0, fmt.Errorf("dev %q: no such interface in %s", name, s.ns)
}
