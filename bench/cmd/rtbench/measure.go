package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// work is one measured piece of an implementation: it returns how many
// routes (or events) it handled and extra fields for the line.
type work func() (routes int, extra []Field, err error)

// measure runs w once and makes its line: wall time, bytes allocated (the
// TotalAlloc delta) and the process's peak RSS over w (VmHWM, reset before
// w starts, so an earlier phase in the same child does not count).
func measure(impl, op string, w work) (Result, error) {
	runtime.GC()
	resetPeakRSS()
	stop, perr := startProfiles(impl, op)
	if perr != nil {
		return Result{}, perr
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	u0, s0 := cpuTimes()
	t0 := time.Now()
	n, extra, err := w()
	d := time.Since(t0)
	u1, s1 := cpuTimes()
	runtime.ReadMemStats(&m1)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return Result{}, fmt.Errorf("%s %s: %w", impl, op, err)
	}
	return Result{
		Impl:    impl,
		Op:      op,
		Routes:  n,
		Seconds: d.Seconds(),
		Alloc:   m1.TotalAlloc - m0.TotalAlloc,
		RSS:     peakRSS(),
		Extra: append(extra,
			Field{"mallocs", strconv.FormatUint(m1.Mallocs-m0.Mallocs, 10)},
			Field{"user_s", fmt.Sprintf("%.3f", (u1 - u0).Seconds())},
			Field{"sys_s", fmt.Sprintf("%.3f", (s1 - s0).Seconds())}),
	}, nil
}

// profileDir, when set (-profile), receives a CPU and a heap (allocation)
// profile of every measured piece: DIR/IMPL-OP.cpu.pprof, .mem.pprof
// (a later run of the same piece overwrites an earlier one).
var profileDir string

func startProfiles(impl, op string) (stop func() error, err error) {
	if profileDir == "" {
		return func() error { return nil }, nil
	}
	base := filepath.Join(profileDir, impl+"-"+op)
	f, err := os.Create(base + ".cpu.pprof")
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return err
		}
		m, err := os.Create(base + ".mem.pprof")
		if err != nil {
			return err
		}
		defer m.Close()
		return pprof.Lookup("allocs").WriteTo(m, 0)
	}, nil
}

// retained measures what a result value keeps on the heap: call it with the
// heap in use before the work, while the result is still referenced.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// cpuTimes is the CPU time this process used so far, in user space and in
// the kernel on its behalf (a dump's work happens in the kernel, inside the
// reader's recvmsg). On a shared machine these are steadier than wall time:
// time spent waiting for a core is not in them.
func cpuTimes() (user, sys time.Duration) {
	var ru unix.Rusage
	if unix.Getrusage(unix.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// resetPeakRSS resets the kernel's high-water mark of this process's RSS
// (proc(5): writing 5 to /proc/PID/clear_refs).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM of this process in bytes (0 if unreadable).
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	return statusKB(b, "VmHWM:")
}

// statusKB reads a "Key:   123 kB" line of /proc/PID/status as bytes.
func statusKB(status []byte, key string) uint64 {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		line := sc.Bytes()
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok {
			f := bytes.Fields(rest)
			if len(f) == 0 {
				return 0
			}
			kb, err := strconv.ParseUint(string(f[0]), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
