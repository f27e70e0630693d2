package nlsock_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// nsID returns the "net:[inode]" link naming the namespace behind path.
func nsID(t testing.TB, path string) string {
	t.Helper()
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("net:[%d]", st.Ino)
}

// threadsOutside lists the threads of this process whose network namespace
// is not want.
func threadsOutside(want string) []string {
	ents, _ := os.ReadDir("/proc/self/task")
	var bad []string
	for _, e := range ents {
		got, err := os.Readlink("/proc/self/task/" + e.Name() + "/ns/net")
		if err != nil {
			continue // thread exited meanwhile
		}
		if got != want {
			bad = append(bad, e.Name()+"="+got)
		}
	}
	return bad
}

// loMTU dumps links with c and returns lo's MTU (goroutine-safe: no t).
func loMTU(c *nlsock.Conn) (uint32, error) {
	var mtu uint32
	for m, err := range c.Dump(context.Background(), "RTM_GETLINK", unix.RTM_GETLINK, 0, ifinfomsg()) {
		if err != nil {
			return 0, err
		}
		name, v := "", uint32(0)
		forAttrs(m.Payload[unix.SizeofIfInfomsg:], func(typ uint16, b []byte) {
			switch typ {
			case unix.IFLA_IFNAME:
				name = string(b[:len(b)-1])
			case unix.IFLA_MTU:
				v = ne.Uint32(b)
			}
		})
		if name == "lo" {
			mtu = v
		}
	}
	return mtu, nil
}

func TestIntegrationNetNSHygiene(t *testing.T) {
	host, err := os.Readlink("/proc/self/ns/net")
	if err != nil {
		t.Fatal(err)
	}
	const nns = 4
	type target struct {
		ns  nlsock.NetNS
		id  string
		mtu uint32
	}
	targets := make([]target, 0, nns+1)
	for i := range nns {
		ns := nstest.New(t)
		mtu := 1000 + i
		nstest.IP(t, ns, "link", "set", "lo", "mtu", strconv.Itoa(mtu))
		targets = append(targets, target{ns, nsID(t, ns.Path()), uint32(mtu)})
	}
	hc := dial(t, nlsock.HostNS())
	hostMTU, err := loMTU(hc)
	if err != nil {
		t.Fatal(err)
	}
	targets = append(targets, target{nlsock.HostNS(), host, hostMTU})

	const goroutines, rounds = 32, 25
	var wg sync.WaitGroup
	errc := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for k := range rounds {
				tg := targets[(g+k)%len(targets)]
				c, err := nlsock.Dial(nlsock.WithNetNS(tg.ns))
				if err != nil {
					errc <- err
					return
				}
				mtu, err := loMTU(c)
				c.Close()
				if err != nil || mtu != tg.mtu {
					errc <- fmt.Errorf("%v: lo mtu %d, want %d (%v)", tg.ns, mtu, tg.mtu, err)
					return
				}
				err = nlsock.Do(tg.ns, func() error {
					got, err := os.Readlink("/proc/thread-self/ns/net")
					if err == nil && got != tg.id {
						err = fmt.Errorf("Do(%v) ran in %s, want %s", tg.ns, got, tg.id)
					}
					return err
				})
				if err != nil {
					errc <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	if bad := threadsOutside(host); len(bad) > 0 {
		t.Fatalf("threads outside the host namespace %s: %v", host, bad)
	}
}

func TestIntegrationNetNSKinds(t *testing.T) {
	ns := nstest.New(t)
	nstest.IP(t, ns, "link", "set", "lo", "mtu", "1234")
	fd, err := unix.Open(ns.Path(), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	for _, k := range []nlsock.NetNS{ns, nlsock.NetNSPath(ns.Path()), nlsock.NetNSFd(fd)} {
		c := dial(t, k)
		if mtu, err := loMTU(c); err != nil || mtu != 1234 {
			t.Errorf("%v: lo mtu %d, %v", k, mtu, err)
		}
	}
	// Our own pid: the host namespace.
	c := dial(t, nlsock.NetNSPid(os.Getpid()))
	hc := dial(t, nlsock.HostNS())
	a, err1 := loMTU(c)
	b, err2 := loMTU(hc)
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("pid ns: %d %v, host %d %v", a, err1, b, err2)
	}
	// A missing name fails cleanly.
	if _, err := nlsock.Dial(nlsock.WithNetNS(nlsock.NetNSName("linx-test-does-not-exist"))); !errors.Is(err, unix.ENOENT) {
		t.Errorf("missing namespace: %v", err)
	}
}

func TestIntegrationDoSwitchBackFails(t *testing.T) {
	ns := nstest.New(t)
	id := nsID(t, ns.Path())
	host, _ := os.Readlink("/proc/self/ns/net")

	var calls atomic.Int32
	restore := nlsock.SetSetnsHook(func(fd, nstype int) error {
		if calls.Add(1)%2 == 0 { // every switch back fails
			return unix.EPERM
		}
		return unix.Setns(fd, nstype)
	})
	var tid int
	err := nlsock.Do(ns, func() error { tid = unix.Gettid(); return nil })
	_, dialErr := nlsock.Dial(nlsock.WithNetNS(ns))
	restore()
	if !errors.Is(err, unix.EPERM) {
		t.Fatalf("Do: err %v, want EPERM", err)
	}
	if !errors.Is(dialErr, unix.EPERM) {
		t.Fatalf("Dial: err %v, want EPERM", dialErr)
	}
	t.Logf("Do: %v", err)
	if tid == os.Getpid() {
		t.Fatal("Do switched the main thread")
	}
	// The threads left in ns are retired by the runtime.
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, statErr := os.Stat(fmt.Sprintf("/proc/self/task/%d", tid))
		bad := threadsOutside(host)
		if os.IsNotExist(statErr) && len(bad) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("thread %d still alive (%v); threads outside host: %v (ns %s)", tid, statErr, bad, id)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestIntegrationDoPanicAndGoexit(t *testing.T) {
	ns := nstest.New(t)
	host, _ := os.Readlink("/proc/self/ns/net")
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Fatalf("recovered %v, want boom", p)
			}
		}()
		nlsock.Do(ns, func() error { panic("boom") })
		t.Fatal("Do returned after a panic")
	}()
	if err := nlsock.Do(ns, func() error { runtime.Goexit(); return nil }); err == nil {
		t.Fatal("Goexit: no error")
	}
	want := errors.New("fn failed")
	if err := nlsock.Do(ns, func() error { return want }); err != want {
		t.Fatalf("err %v", err)
	}
	if bad := threadsOutside(host); len(bad) > 0 {
		t.Fatalf("threads outside the host namespace: %v", bad)
	}
}
