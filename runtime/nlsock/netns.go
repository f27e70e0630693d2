package nlsock

import (
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// NetNS names a network namespace to open sockets in or run code in. The
// zero value is HostNS. Constructors validate lazily: an invalid NetNS is
// reported by Dial or Do.
type NetNS struct {
	kind nsKind
	arg  string // name or path
	num  int    // pid or fd
	err  error
}

type nsKind uint8

const (
	nsHost nsKind = iota
	nsName
	nsPath
	nsPid
	nsFd
)

// netnsRunDir is where `ip netns add` bind-mounts named namespaces.
const netnsRunDir = "/run/netns/"

// HostNS means "no switch": the socket or function uses the namespace of
// the thread it runs on, which for any goroutine outside Do is the
// namespace the process was started in.
func HostNS() NetNS { return NetNS{} }

// NetNSName is the named namespace /run/netns/NAME, as `ip netns add NAME`
// creates. As for ip, only "", ".", ".." and names containing '/' or NUL
// are invalid (so "a..b" is a name).
func NetNSName(name string) NetNS {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
		why := "names contain no '/' or NUL"
		switch name {
		case "":
			why = "empty"
		case ".", "..":
			why = "\".\" and \"..\" are directories of /run/netns, not names"
		}
		return NetNS{kind: nsName, arg: name, err: fmt.Errorf("netlink: invalid network namespace name %q: %s", name, why)}
	}
	return NetNS{kind: nsName, arg: name}
}

// NetNSPath is the namespace referred to by the file at path (a bind mount
// or /proc/PID/task/TID/ns/net).
func NetNSPath(path string) NetNS {
	if path == "" {
		return NetNS{kind: nsPath, err: errors.New("netlink: empty network namespace path")}
	}
	return NetNS{kind: nsPath, arg: path}
}

// NetNSPid is the namespace of process pid (/proc/PID/ns/net).
func NetNSPid(pid int) NetNS {
	if pid <= 0 {
		return NetNS{kind: nsPid, num: pid, err: fmt.Errorf("netlink: invalid pid %d", pid)}
	}
	return NetNS{kind: nsPid, num: pid}
}

// NetNSFd is the namespace referred to by the open file descriptor fd. The
// caller keeps ownership of fd and must keep it open while it is used.
func NetNSFd(fd int) NetNS {
	if fd < 0 {
		return NetNS{kind: nsFd, num: fd, err: fmt.Errorf("netlink: invalid namespace fd %d", fd)}
	}
	return NetNS{kind: nsFd, num: fd}
}

// IsHost reports whether ns is HostNS.
func (ns NetNS) IsHost() bool { return ns.kind == nsHost }

// Name returns the name given to NetNSName, or "".
func (ns NetNS) Name() string {
	if ns.kind == nsName {
		return ns.arg
	}
	return ""
}

// Path returns the file that identifies ns ("/run/netns/NAME",
// "/proc/PID/ns/net" or the path given), or "" for HostNS and NetNSFd.
func (ns NetNS) Path() string {
	switch ns.kind {
	case nsName:
		return netnsRunDir + ns.arg
	case nsPath:
		return ns.arg
	case nsPid:
		return "/proc/" + strconv.Itoa(ns.num) + "/ns/net"
	}
	return ""
}

// Err returns the validation error of ns, if any.
func (ns NetNS) Err() error { return ns.err }

// String describes ns for messages.
func (ns NetNS) String() string {
	switch ns.kind {
	case nsName:
		return "netns " + strconv.Quote(ns.arg)
	case nsPath:
		return "netns at " + ns.arg
	case nsPid:
		return "netns of pid " + strconv.Itoa(ns.num)
	case nsFd:
		return "netns fd " + strconv.Itoa(ns.num)
	}
	return "host netns"
}

// nsGetNSType is NS_GET_NSTYPE, _IO(0xb7, 0x3) in linux/nsfs.h (Linux
// 4.11): the CLONE_NEW* type of a namespace file.
const nsGetNSType = 0xb703

// errNotNetNS is wrapped by the error for a file that is not a network
// namespace.
var errNotNetNS = errors.New("not a network namespace")

// open returns an fd for ns and whether the caller must close it. The file
// is opened non-blocking (a FIFO or device at the path cannot hang the
// open) and must be a network namespace (nsfs, NS_GET_NSTYPE
// CLONE_NEWNET), as must a NetNSFd.
func (ns NetNS) open() (int, bool, error) {
	if ns.kind == nsFd {
		if err := checkNetNS(ns.num); err != nil {
			return -1, false, fmt.Errorf("netlink: %s: %w", ns, err)
		}
		return ns.num, false, nil
	}
	fd, err := unix.Open(ns.Path(), unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
	if err != nil {
		return -1, false, fmt.Errorf("netlink: open %s: %w", ns, err)
	}
	if err := checkNetNS(fd); err != nil {
		unix.Close(fd)
		desc := ns.String()
		if ns.kind != nsPath {
			desc += " (" + ns.Path() + ")"
		}
		return -1, false, fmt.Errorf("netlink: %s: %w", desc, err)
	}
	return fd, true, nil
}

// checkNetNS reports an error unless fd refers to a network namespace.
func checkNetNS(fd int) error {
	var sfs unix.Statfs_t
	if err := unix.Fstatfs(fd, &sfs); err != nil {
		return fmt.Errorf("fstatfs: %w", err)
	}
	if sfs.Type != unix.NSFS_MAGIC {
		var st unix.Stat_t
		kind := "a file outside nsfs"
		if unix.Fstat(fd, &st) == nil {
			kind = fileKind(st.Mode)
		}
		return fmt.Errorf("%w: %s", errNotNetNS, kind)
	}
	t, err := unix.IoctlRetInt(fd, nsGetNSType)
	switch {
	case err == unix.ENOTTY || err == unix.EINVAL:
		return nil // kernel before 4.11: nsfs is all we can check
	case err != nil:
		return fmt.Errorf("ioctl NS_GET_NSTYPE: %w", err)
	case t != unix.CLONE_NEWNET:
		return fmt.Errorf("%w: a namespace of another type (CLONE_NEW* %#x)", errNotNetNS, t)
	}
	return nil
}

// fileKind names the type of file st.Mode describes, for errors.
func fileKind(mode uint32) string {
	switch mode & unix.S_IFMT {
	case unix.S_IFIFO:
		return "a FIFO"
	case unix.S_IFCHR:
		return "a character device"
	case unix.S_IFBLK:
		return "a block device"
	case unix.S_IFDIR:
		return "a directory"
	case unix.S_IFSOCK:
		return "a socket"
	case unix.S_IFLNK:
		return "a symbolic link"
	}
	return "a regular file"
}

// setns is unix.Setns; tests replace it to simulate a failed switch back.
var setns = unix.Setns

// threadNetNS names the calling thread's own network namespace.
const threadNetNS = "/proc/thread-self/ns/net"

// Do runs fn on an OS thread inside ns and returns fn's error.
//
// For HostNS, fn simply runs on the calling goroutine. Otherwise fn runs on
// a new goroutine locked to its OS thread: the thread's namespace is saved,
// the thread enters ns with setns(2), fn runs, and the thread switches back
// before it is unlocked. If switching back fails, Do returns that error and
// the thread stays locked, so the Go runtime terminates it when the
// goroutine exits instead of reusing it in the wrong namespace. The calling
// goroutine never changes thread or namespace.
//
// fn must not unlock the OS thread, and goroutines it starts run in the
// host namespace, not in ns. The process's main thread is never switched:
// the runtime cannot retire it, and /proc/self/ns/net shows its namespace.
// Sockets (and other namespace-bound objects) created by fn stay in ns. A panic in fn is re-raised on the calling
// goroutine after the thread has switched back.
func Do(ns NetNS, fn func() error) error {
	if ns.err != nil {
		return ns.err
	}
	if ns.kind == nsHost {
		return fn()
	}
	target, owned, err := ns.open()
	if err != nil {
		return err
	}
	if owned {
		defer unix.Close(target)
	}
	done := make(chan doResult, 1)
	go runIn(ns, target, fn, done)
	r := <-done
	if r.panicked {
		if r.err != nil { // the switch back failed too: say so
			panic(fmt.Sprintf("%v (and %v)", r.value, r.err))
		}
		panic(r.value)
	}
	return r.err
}

type doResult struct {
	err      error
	panicked bool
	value    any
}

// runIn is Do's goroutine; see Do.
func runIn(ns NetNS, target int, fn func() error, done chan<- doResult) {
	runtime.LockOSThread()
	if unix.Gettid() == unix.Getpid() {
		// This is the main thread. The runtime cannot retire it (a locked
		// goroutine exiting on it wedges it instead), and its namespace is
		// what /proc/self/ns/net shows, so it must never switch. Keep it
		// locked to this goroutine, so the helper cannot be scheduled on
		// it, and let the helper do the work on another thread.
		inner := make(chan doResult, 1)
		go runIn(ns, target, fn, inner)
		r := <-inner
		runtime.UnlockOSThread()
		done <- r
		return
	}
	// A second lock (locks nest): should fn call runtime.UnlockOSThread, the
	// thread stays locked to this goroutine while it is in ns.
	runtime.LockOSThread()
	var (
		res      doResult
		dirty    bool // the thread may not be in its original namespace
		finished bool // fn returned or panicked (not runtime.Goexit)
	)
	defer func() {
		if !finished {
			res.err = errors.New("netlink: function run in " + ns.String() + " called runtime.Goexit")
		}
		if !dirty {
			runtime.UnlockOSThread()
			runtime.UnlockOSThread()
		}
		// else: exit locked; the runtime retires this thread.
		done <- res
	}()

	orig, err := unix.Open(threadNetNS, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		res.err, finished = fmt.Errorf("netlink: save thread network namespace: %w", err), true
		return
	}
	defer unix.Close(orig)
	if err := setns(target, unix.CLONE_NEWNET); err != nil {
		// setns is all or nothing: the thread is still where it was.
		res.err, finished = fmt.Errorf("netlink: enter %s: %w", ns, err), true
		return
	}
	dirty = true
	defer func() {
		if err := setns(orig, unix.CLONE_NEWNET); err != nil {
			res.err = errors.Join(res.err, fmt.Errorf("netlink: leave %s: %w (thread retired)", ns, err))
			return
		}
		dirty = false
	}()
	defer func() {
		if p := recover(); p != nil {
			res.panicked, res.value, finished = true, p, true
		}
	}()
	res.err = fn()
	finished = true
}
