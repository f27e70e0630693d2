package nlsock_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

func TestIntegrationGenlFamily(t *testing.T) {
	ns := nstest.New(t)
	c := dial(t, ns, nlsock.WithProtocol(unix.NETLINK_GENERIC))
	if c.Protocol() != unix.NETLINK_GENERIC || c.StrictCheck() {
		t.Fatalf("protocol %d, strict %v", c.Protocol(), c.StrictCheck())
	}
	ctx := ctxTimeout(t, 10*time.Second)
	f, err := c.GenlFamily(ctx, "nlctrl")
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "nlctrl" || f.ID != nlsock.GenlIDCtrl || f.Version == 0 || f.Groups["notify"] == 0 {
		t.Fatalf("nlctrl: %+v", f)
	}
	// Cached: a second answer needs no socket (a closed-Conn query would fail).
	if _, err := c.GenlFamily(ctx, "nlctrl"); err != nil {
		t.Fatal(err)
	}
	_, err = c.GenlFamily(ctx, "no-such-family")
	if !errors.Is(err, unix.ENOENT) || !strings.Contains(err.Error(), "no-such-family") {
		t.Fatalf("unknown family: %v", err)
	}
	if _, err := c.GenlFamily(ctx, strings.Repeat("x", 16)); err == nil {
		t.Fatal("a 16-byte name was accepted")
	}
	// The same Conn dumps: every family, nlctrl among them.
	req := []byte{unix.CTRL_CMD_GETFAMILY, 1, 0, 0}
	names := map[string]uint16{}
	for m, err := range c.Dump(ctx, "CTRL_CMD_GETFAMILY", nlsock.GenlIDCtrl, 0, req) {
		if err != nil {
			t.Fatal(err)
		}
		fam, err := nlsock.ParseGenlFamily(m.Payload)
		if err != nil {
			t.Fatal(err)
		}
		names[fam.Name] = fam.ID
	}
	if names["nlctrl"] != nlsock.GenlIDCtrl || len(names) < 2 {
		t.Fatalf("dump: %v", names)
	}
	c.Close()
	if _, err := c.GenlFamily(ctx, "nlctrl"); err != nil {
		t.Fatalf("cached family after Close: %v", err)
	}
	c.ForgetGenlFamily("nlctrl")
	if _, err := c.GenlFamily(ctx, "nlctrl"); !errors.Is(err, nlsock.ErrClosed) {
		t.Fatalf("forgotten family after Close: %v", err)
	}

	r := dial(t, ns)
	if r.Protocol() != unix.NETLINK_ROUTE || !r.StrictCheck() {
		t.Fatalf("default protocol %d, strict %v", r.Protocol(), r.StrictCheck())
	}
	if _, err := r.GenlFamily(ctx, "nlctrl"); err == nil || !strings.Contains(err.Error(), "NETLINK_GENERIC") {
		t.Fatalf("GenlFamily on a route socket: %v", err)
	}
}

func TestDialProtocol(t *testing.T) {
	for _, p := range []int{-1, 32} {
		if c, err := nlsock.Dial(nlsock.WithProtocol(p)); err == nil {
			c.Close()
			t.Errorf("protocol %d accepted", p)
		}
	}
	// Families without STRICT_CHK semantics still dial.
	for _, p := range []int{unix.NETLINK_GENERIC, unix.NETLINK_AUDIT, unix.NETLINK_KOBJECT_UEVENT, unix.NETLINK_SOCK_DIAG} {
		c, err := nlsock.Dial(nlsock.WithProtocol(p))
		if err != nil {
			t.Errorf("protocol %d: %v", p, err)
			continue
		}
		if c.Protocol() != p {
			t.Errorf("protocol %d reports %d", p, c.Protocol())
		}
		c.Close()
	}
}

func TestParseGenlFamilyMalformed(t *testing.T) {
	for name, b := range map[string][]byte{
		"short":      {3, 1},
		"no id":      {3, 1, 0, 0, 11, 0, 2, 0, 'n', 'l', 'c', 't', 'r', 'l', 0, 0},
		"bad attr":   {3, 1, 0, 0, 9, 0, 1},
		"short id":   {3, 1, 0, 0, 5, 0, 1, 0, 0x10, 0, 0, 0},
		"group nest": {3, 1, 0, 0, 6, 0, 1, 0, 0x10, 0, 0, 0, 8, 0, 7, 0, 3, 0, 1, 0},
	} {
		if _, err := nlsock.ParseGenlFamily(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzParseGenlFamily: any payload gives a family or an error, never a
// panic, and a family always has its name and id.
func FuzzParseGenlFamily(f *testing.F) {
	f.Add([]byte{1, 2, 0, 0, 6, 0, 1, 0, 0x10, 0, 0, 0, 11, 0, 2, 0, 'n', 'l', 'c', 't', 'r', 'l', 0, 0})
	f.Add([]byte{1, 2, 0, 0, 6, 0, 1, 0, 0x10, 0, 0, 0, 7, 0, 2, 0, 'x', 'y', 0, 0,
		24, 0, 7, 0, 20, 0, 1, 0, 8, 0, 2, 0, 5, 0, 0, 0, 9, 0, 1, 0, 'g', 'r', 'p', 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		fam, err := nlsock.ParseGenlFamily(b)
		if err == nil && fam.Name == "" {
			t.Fatalf("family without a name from %x", b)
		}
	})
}
