package nlsock

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/sys/unix"
)

// Generic netlink (NETLINK_GENERIC) multiplexes families over one protocol:
// each family registers under a name and gets a message type (its id) that
// may differ from boot to boot, so requests are addressed by resolving the
// name first. The controller, nlctrl, answers that with CTRL_CMD_GETFAMILY;
// its own id is fixed.

// GenlIDCtrl is GENL_ID_CTRL, the message type of nlctrl, generic netlink's
// controller.
const GenlIDCtrl uint16 = unix.GENL_ID_CTRL

// GenlHeaderLen is the size of struct genlmsghdr (GENL_HDRLEN), which
// starts the payload of every generic netlink message.
const GenlHeaderLen = unix.GENL_HDRLEN

// GenlFamily is a generic netlink family as nlctrl describes it.
type GenlFamily struct {
	Name       string // CTRL_ATTR_FAMILY_NAME
	ID         uint16 // CTRL_ATTR_FAMILY_ID: the family's netlink message type
	Version    uint32 // CTRL_ATTR_VERSION
	HeaderSize uint32 // CTRL_ATTR_HDRSIZE: the family header after genlmsghdr
	MaxAttr    uint32 // CTRL_ATTR_MAXATTR
	// Groups maps multicast group names to the ids JoinGroup takes
	// (CTRL_ATTR_MCAST_GROUPS).
	Groups map[string]uint32
}

// genlCache holds the families a Conn resolved.
type genlCache struct {
	mu  sync.Mutex
	fam map[string]GenlFamily
}

// GenlFamily resolves the generic netlink family name, asking nlctrl
// (CTRL_CMD_GETFAMILY) the first time and answering from the Conn's cache
// afterwards; the id stays valid as long as the family stays registered
// (ForgetGenlFamily drops it, e.g. after a module reload). The Conn must
// have been dialed WithProtocol(unix.NETLINK_GENERIC). An unknown family
// is an error for which errors.Is(err, unix.ENOENT) holds.
func (c *Conn) GenlFamily(ctx context.Context, name string) (GenlFamily, error) {
	op := "resolve generic netlink family " + name
	if c.proto != unix.NETLINK_GENERIC {
		return GenlFamily{}, &opError{op: op, err: fmt.Errorf("socket is netlink protocol %d, not NETLINK_GENERIC (%d): dial with WithProtocol(unix.NETLINK_GENERIC)", c.proto, unix.NETLINK_GENERIC)}
	}
	if name == "" || len(name) >= unix.GENL_NAMSIZ {
		return GenlFamily{}, &opError{op: op, err: fmt.Errorf("invalid family name %q: 1 to %d bytes", name, unix.GENL_NAMSIZ-1)}
	}
	c.genl.mu.Lock()
	f, ok := c.genl.fam[name]
	c.genl.mu.Unlock()
	if ok {
		return f, nil
	}
	req := []byte{unix.CTRL_CMD_GETFAMILY, 1, 0, 0}
	req = nlwire.AppendString(req, unix.CTRL_ATTR_FAMILY_NAME, []byte(name))
	var perr error
	found := false
	err := c.Query(ctx, op, GenlIDCtrl, 0, req, func(m Message) error {
		if m.Header.Type != GenlIDCtrl {
			return nil
		}
		f, perr = ParseGenlFamily(m.Payload)
		found = perr == nil
		return perr
	})
	if err == nil && !found {
		err = &opError{op: op, err: errors.New("nlctrl sent no family description")}
	}
	if err != nil {
		return GenlFamily{}, err
	}
	if f.Name != name {
		return GenlFamily{}, &opError{op: op, err: fmt.Errorf("nlctrl described family %q", f.Name)}
	}
	c.genl.mu.Lock()
	if c.genl.fam == nil {
		c.genl.fam = map[string]GenlFamily{}
	}
	c.genl.fam[name] = f
	c.genl.mu.Unlock()
	return f, nil
}

// ForgetGenlFamily drops name from the Conn's cache of resolved families,
// so the next GenlFamily asks nlctrl again.
func (c *Conn) ForgetGenlFamily(name string) {
	c.genl.mu.Lock()
	delete(c.genl.fam, name)
	c.genl.mu.Unlock()
}

// ParseGenlFamily decodes the payload of an nlctrl CTRL_CMD_NEWFAMILY
// message (genlmsghdr, then CTRL_ATTR_* attributes) into the fields
// GenlFamily keeps; other attributes are skipped. It fails when the header,
// an attribute it reads, or the family's name or id is missing or
// malformed.
func ParseGenlFamily(b []byte) (GenlFamily, error) {
	var f GenlFamily
	if len(b) < GenlHeaderLen {
		return f, fmt.Errorf("netlink: nlctrl message of %d bytes, shorter than genlmsghdr: %w", len(b), ErrTruncated)
	}
	var (
		haveID   bool
		haveName bool
	)
	rest := b[GenlHeaderLen:]
	for len(rest) > 0 {
		typ, v, next, ok := nlwire.Attr(rest)
		if !ok {
			return f, fmt.Errorf("netlink: nlctrl message: malformed attribute at offset %d: %w", len(b)-len(rest), ErrMalformed)
		}
		off := len(b) - len(rest)
		rest = next
		var err error
		switch typ & nlwire.TypeMask {
		case unix.CTRL_ATTR_FAMILY_ID:
			f.ID, err = nlwire.U16(v)
			haveID = err == nil
		case unix.CTRL_ATTR_FAMILY_NAME:
			f.Name = string(nlwire.CString(v))
			haveName = f.Name != ""
		case unix.CTRL_ATTR_VERSION:
			f.Version, err = nlwire.U32(v)
		case unix.CTRL_ATTR_HDRSIZE:
			f.HeaderSize, err = nlwire.U32(v)
		case unix.CTRL_ATTR_MAXATTR:
			f.MaxAttr, err = nlwire.U32(v)
		case unix.CTRL_ATTR_MCAST_GROUPS:
			f.Groups, err = parseGenlGroups(v)
		}
		if err != nil {
			return f, fmt.Errorf("netlink: nlctrl attribute %d at offset %d: %w", typ&nlwire.TypeMask, off, err)
		}
	}
	if !haveID || !haveName {
		return f, fmt.Errorf("netlink: nlctrl message lacks the family's id or name: %w", ErrMalformed)
	}
	return f, nil
}

// parseGenlGroups decodes CTRL_ATTR_MCAST_GROUPS: a nest of nests, one per
// group, each with CTRL_ATTR_MCAST_GRP_NAME and CTRL_ATTR_MCAST_GRP_ID.
func parseGenlGroups(b []byte) (map[string]uint32, error) {
	groups := map[string]uint32{}
	for len(b) > 0 {
		_, grp, next, ok := nlwire.Attr(b)
		if !ok {
			return nil, fmt.Errorf("malformed group nest: %w", ErrMalformed)
		}
		b = next
		var (
			name string
			id   uint32
			err  error
		)
		for len(grp) > 0 {
			typ, v, rest, ok := nlwire.Attr(grp)
			if !ok {
				return nil, fmt.Errorf("malformed group attribute: %w", ErrMalformed)
			}
			grp = rest
			switch typ & nlwire.TypeMask {
			case unix.CTRL_ATTR_MCAST_GRP_NAME:
				name = string(nlwire.CString(v))
			case unix.CTRL_ATTR_MCAST_GRP_ID:
				if id, err = nlwire.U32(v); err != nil {
					return nil, fmt.Errorf("group id: %w", err)
				}
			}
		}
		if name == "" {
			return nil, fmt.Errorf("group without a name: %w", ErrMalformed)
		}
		groups[name] = id
	}
	return groups, nil
}
