package main

import (
	"context"
	"fmt"
	"net"
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
// callers choose the cache policy: `route list` loads the table once per
// command, a long-running monitor can reload on a miss (linkTable with
// reloadOnMiss), and tests pass a fixed map (staticLinks).
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

// linkTable resolves interface names and indexes inside one network
// namespace. It reads the namespace's interface list lazily, on first use,
// and then serves every lookup from that snapshot (one RTM_GETLINK dump per
// command), unless reloadOnMiss asks for a fresh read when an index is not
// found (for long-running users that see links come and go).
//
// The list is read with the standard library's net.Interfaces inside
// nlsock.Do(ns, ...): net opens its netlink socket on the calling thread,
// which Do has moved into ns, so the names are those of ns, not of the
// host.
type linkTable struct {
	ns           nlsock.NetNS
	reloadOnMiss bool

	loaded  bool
	err     error
	byIndex map[uint32]string
	byName  map[string]uint32
}

func newLinkTable(ns nlsock.NetNS) *linkTable { return &linkTable{ns: ns} }

// reload reads the namespace's interfaces again.
func (l *linkTable) reload() error {
	var ifs []net.Interface
	err := nlsock.Do(l.ns, func() error {
		var err error
		ifs, err = net.Interfaces()
		return err
	})
	l.loaded = true
	if err != nil {
		l.err = fmt.Errorf("list interfaces in %s: %w", l.ns, err)
		return l.err
	}
	l.err = nil
	l.byIndex = make(map[uint32]string, len(ifs))
	l.byName = make(map[string]uint32, len(ifs))
	for _, fi := range ifs {
		l.byIndex[uint32(fi.Index)] = fi.Name
		l.byName[fi.Name] = uint32(fi.Index)
	}
	return nil
}

func (l *linkTable) load() error {
	if l.loaded {
		return l.err
	}
	return l.reload()
}

// linkName implements linkNamer. A failure to read the table makes every
// name unknown; index returns that error to commands that need a name.
func (l *linkTable) linkName(i uint32) (string, bool) {
	if l.load() != nil {
		return "", false
	}
	n, ok := l.byIndex[i]
	if !ok && l.reloadOnMiss && l.reload() == nil {
		n, ok = l.byIndex[i]
	}
	return n, ok
}

// index returns the index of the interface called name.
func (l *linkTable) index(name string) (uint32, error) {
	if err := l.load(); err != nil {
		return 0, err
	}
	if i, ok := l.byName[name]; ok {
		return i, nil
	}
	if l.reloadOnMiss {
		if err := l.reload(); err != nil {
			return 0, err
		}
		if i, ok := l.byName[name]; ok {
			return i, nil
		}
	}
	return 0, fmt.Errorf("dev %q: no such interface in %s", name, l.ns)
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
