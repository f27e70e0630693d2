package nlsock_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// TestNetNSPathNotANamespace: files that are not network namespaces are
// refused with an error naming the path and what the file is, and none of
// them blocks (a FIFO with no writer used to hang open(2) for ever).
func TestNetNSPathNotANamespace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	regular := filepath.Join(dir, "file")
	if err := os.WriteFile(regular, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, want string }{
		{fifo, "a FIFO"},
		{regular, "a regular file"},
		{dir, "a directory"},
		{"/dev/null", "a character device"},
		{"/proc/self/ns/uts", "a namespace of another type"},
		{filepath.Join(dir, "absent"), "no such file"},
	}
	for _, tc := range cases {
		done := make(chan error, 1)
		go func() {
			done <- nlsock.Do(nlsock.NetNSPath(tc.path), func() error {
				return errors.New("fn ran")
			})
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Do(NetNSPath(%q)) blocks", tc.path)
		}
		if err == nil || !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NetNSPath(%q): %v, want an error naming the path and %q", tc.path, err, tc.want)
		}
		if c, err := nlsock.Dial(nlsock.WithNetNS(nlsock.NetNSPath(tc.path))); err == nil {
			c.Close()
			t.Errorf("Dial in %q succeeded", tc.path)
		}
	}
}

// TestNetNSFdNotANamespace: a NetNSFd must refer to a network namespace.
func TestNetNSFdNotANamespace(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	err = nlsock.Do(nlsock.NetNSFd(int(r.Fd())), func() error { return errors.New("fn ran") })
	if err == nil || !strings.Contains(err.Error(), "not a network namespace") {
		t.Fatalf("pipe fd: %v", err)
	}
}

// TestNetNSPathOwn: the thread's own namespace file is a namespace.
func TestNetNSPathOwn(t *testing.T) {
	ran := false
	if err := nlsock.Do(nlsock.NetNSPath("/proc/self/ns/net"), func() error { ran = true; return nil }); err != nil || !ran {
		t.Fatalf("Do(/proc/self/ns/net): %v, ran %v", err, ran)
	}
	f, err := os.Open("/proc/self/ns/net")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := nlsock.Dial(nlsock.WithNetNS(nlsock.NetNSFd(int(f.Fd()))))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}
