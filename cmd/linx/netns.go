package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/linx-go/linx/link"
	"github.com/linx-go/linx/runtime/nlsock"
)

// netnsDir is where ip netns keeps its named namespaces.
const netnsDir = "/run/netns"

// netnsTable names namespaces by the nsid the call's namespace gives them,
// as ip's netns_map does: each /run/netns entry's RTM_GETNSID. It is read
// on the first lookup (only a link with a peer elsewhere needs it), over
// a socket of its own, so a dump in progress is not disturbed.
type netnsTable struct {
	ctx    context.Context
	ns     nlsock.NetNS
	names  map[int32]string
	loaded bool
}

// NetNSName implements ipfmt.NetNSNames. A namespace that cannot be
// asked about is not named: ip then prints "link-netnsid N", as linx does.
func (t *netnsTable) NetNSName(nsid int32) (string, bool) {
	if !t.loaded {
		t.loaded = true
		t.names = readNetNSIDs(t.ctx, t.ns, netnsDir)
	}
	n, ok := t.names[nsid]
	return n, ok
}

// readNetNSIDs maps the nsid of every namespace named in dir (as seen from
// ns) to its name; the first name wins for a namespace named twice.
func readNetNSIDs(ctx context.Context, ns nlsock.NetNS, dir string) map[int32]string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	conn, err := nlsock.Dial(nlsock.WithNetNS(ns))
	if err != nil {
		return nil
	}
	defer conn.Close()
	names := map[int32]string{}
	for _, e := range ents {
		id, err := link.NSIDOf(ctx, conn, filepath.Join(dir, e.Name()))
		if err != nil || id < 0 {
			continue
		}
		if _, dup := names[id]; !dup {
			names[id] = e.Name()
		}
	}
	return names
}
