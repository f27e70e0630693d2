package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// machine names the machine: kernel (uname), CPU model and cores.
func machine() string {
	var u unix.Utsname
	kernel := "unknown kernel"
	if unix.Uname(&u) == nil {
		kernel = fmt.Sprintf("%s %s %s", unix.ByteSliceToString(u.Sysname[:]),
			unix.ByteSliceToString(u.Release[:]), unix.ByteSliceToString(u.Machine[:]))
	}
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		cpu = cpuModel(b)
	}
	return fmt.Sprintf("%s; %s; %d cores", kernel, cpu, runtime.NumCPU())
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel(cpuinfo []byte) string {
	for line := range bytes.Lines(cpuinfo) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && string(bytes.TrimSpace(k)) == "model name" {
			return string(bytes.TrimSpace(v))
		}
	}
	return "unknown CPU"
}

// markdownMain reads rtbench output and prints the table.
func markdownMain(in io.Reader, out io.Writer) error {
	var rs []Result
	mach, setup := "", ""
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# machine: "):
			mach = strings.TrimPrefix(line, "# machine: ")
		case strings.HasPrefix(line, "# rtbench: "):
			setup = strings.TrimPrefix(line, "# rtbench: ")
		case isResultLine(line):
			r, err := ParseResult(line)
			if err != nil {
				return err
			}
			rs = append(rs, r)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(rs) == 0 {
		return fmt.Errorf("no result lines (impl=...) on standard input")
	}
	_, err := io.WriteString(out, Markdown(rs, mach, setup))
	return err
}

// Columns and rows of the table, in order.
var (
	tableImpls = []string{"floor", "linx", "vishvananda", "jsimonetti", "ip-monitor"}
	tableOps   = []struct{ op, label string }{
		{"dump-stream", "full dump, streamed"},
		{"dump-list", "full dump, owned list"},
		{"dump-full", "full dump, owned full values (linx ListFull)"},
		{"table", "10-route table among the N"},
		{"install-batch", "install, batched"},
		{"delete-batch", "delete, batched"},
		{"install-one", "install, one at a time"},
		{"delete-one", "delete, one at a time"},
		{"monitor", "monitor, live burst"},
		{"monitor-drain", "monitor, queued burst drained"},
	}
)

// Markdown renders results as the README's table (one row per operation,
// one column per implementation) with the machine and setup named above it
// and the ratios issue 13 asks for below it.
func Markdown(rs []Result, machine, setup string) string {
	by := map[[2]string]Result{}
	present := map[string]bool{}
	for _, r := range rs {
		by[[2]string{r.Impl, r.Op}] = r
		present[r.Impl] = true
	}
	var impls []string
	for _, i := range tableImpls {
		if present[i] {
			impls = append(impls, i)
		}
	}
	for _, r := range rs { // implementations this version does not know, last
		if !slices.Contains(impls, r.Impl) {
			impls = append(impls, r.Impl)
		}
	}
	var b strings.Builder
	if machine != "" {
		fmt.Fprintf(&b, "Measured by `bench/cmd/rtbench` on %s", machine)
		if setup != "" {
			fmt.Fprintf(&b, " (%s)", setup)
		}
		b.WriteString(".\n\n")
	}
	b.WriteString("| work |")
	for _, i := range impls {
		fmt.Fprintf(&b, " %s |", i)
	}
	b.WriteString("\n|---|")
	for range impls {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	ops := map[string]bool{}
	for _, o := range tableOps {
		ops[o.op] = true
	}
	rows := append([]struct{ op, label string }(nil), tableOps...)
	for _, r := range rs {
		if !ops[r.Op] {
			ops[r.Op] = true
			rows = append(rows, struct{ op, label string }{r.Op, r.Op})
		}
	}
	for _, o := range rows {
		any := false
		for _, i := range impls {
			_, ok := by[[2]string{i, o.op}]
			any = any || ok
		}
		if !any {
			continue
		}
		label := o.label
		if n := rowRoutes(by, impls, o.op); n > 0 {
			label += fmt.Sprintf(" (%d %s)", n, map[bool]string{true: "events", false: "routes"}[isMonitor(o.op)])
		}
		fmt.Fprintf(&b, "| %s |", label)
		for _, i := range impls {
			r, ok := by[[2]string{i, o.op}]
			if !ok {
				b.WriteString(" — |")
				continue
			}
			fmt.Fprintf(&b, " %s |", cell(r))
		}
		b.WriteString("\n")
	}
	if rt := ratios(by); len(rt) > 0 {
		b.WriteString("\n")
		for _, l := range rt {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	return b.String()
}

// rowRoutes is the routes (events) of a row: the floor's count, else the
// first implementation's; the lines keep each one's own.
func rowRoutes(by map[[2]string]Result, impls []string, op string) int {
	for _, i := range impls {
		if r, ok := by[[2]string{i, op}]; ok {
			if isMonitor(op) {
				got, _ := r.Float("events")
				lost, _ := r.Float("lost")
				return int(got + lost)
			}
			return r.Routes
		}
	}
	return 0
}

// cell is one measurement in the table.
func cell(r Result) string {
	parts := []string{fmt.Sprintf("%s s", secs(r.Seconds))}
	if isMonitor(r.Op) {
		if v, ok := r.Float("events_per_s"); ok {
			parts[0] = fmt.Sprintf("%s events/s", count(v))
		}
		if v, ok := r.Float("lost"); ok {
			parts = append(parts, fmt.Sprintf("%s lost", count(v)))
		}
	}
	if r.Alloc > 0 {
		parts = append(parts, bytesStr(float64(r.Alloc))+" allocated")
	}
	if v, ok := r.Float("retained_per_route"); ok {
		parts = append(parts, fmt.Sprintf("%.0f B/route retained", v))
	}
	if r.RSS > 0 {
		parts = append(parts, bytesStr(float64(r.RSS))+" RSS")
	}
	return strings.Join(parts, ", ")
}

// secs formats seconds for the table (the unit " s" follows).
func secs(s float64) string {
	switch {
	case s >= 1:
		return fmt.Sprintf("%.2f", s)
	case s >= 0.001:
		return fmt.Sprintf("%.3f", s)
	default:
		return fmt.Sprintf("%.6f", s)
	}
}

func count(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.2fM", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0fk", v/1e3)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

func bytesStr(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.2f GB", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.0f MB", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0f kB", v/1e3)
	default:
		return fmt.Sprintf("%.0f B", v)
	}
}

// ratios are the comparisons issue 13 sets goals for, where both sides
// were measured.
func ratios(by map[[2]string]Result) []string {
	var out []string
	get := func(impl, op string) (Result, bool) {
		r, ok := by[[2]string{impl, op}]
		return r, ok
	}
	ratio := func(label, aImpl, aOp, bImpl, bOp, goal string) {
		a, ok1 := get(aImpl, aOp)
		b, ok2 := get(bImpl, bOp)
		if ok1 && ok2 && b.Seconds > 0 {
			out = append(out, fmt.Sprintf("%s: %.2fx (goal %s)", label, a.Seconds/b.Seconds, goal))
		}
	}
	ratio("streamed dump / floor", "linx", "dump-stream", "floor", "dump-stream", "≤ 1.1x")
	ratio("owned List / floor", "linx", "dump-list", "floor", "dump-stream", "≤ 2x")
	if r, ok := get("linx", "dump-list"); ok {
		if v, ok := r.Float("retained_per_route"); ok {
			out = append(out, fmt.Sprintf("List retained bytes per route: %.0f (goal ≤ 160)", v))
		}
	}
	ratio("owned ListFull / floor", "linx", "dump-full", "floor", "dump-stream", "—")
	if r, ok := get("linx", "dump-full"); ok {
		if v, ok := r.Float("retained_per_route"); ok {
			out = append(out, fmt.Sprintf("ListFull retained bytes per route: %.0f (no goal: full values)", v))
		}
	}
	ratio("batched install / floor", "linx", "install-batch", "floor", "install-batch", "≤ 1.1x")
	ratio("batched delete / floor", "linx", "delete-batch", "floor", "delete-batch", "≤ 1.1x")
	ratio("one-at-a-time Add / floor", "linx", "install-one", "floor", "install-one", "—")
	if a, ok := get("linx", "install-one"); ok {
		if v, ok := get("vishvananda", "install-one"); ok && a.Seconds > 0 {
			out = append(out, fmt.Sprintf("one-at-a-time Add rate / vishvananda RouteAdd: %.2fx (goal ≥ 5x)", v.Seconds/a.Seconds))
		}
	}
	for _, op := range []string{"monitor", "monitor-drain"} {
		a, ok1 := get("linx", op)
		v, ok2 := get("ip-monitor", op)
		if !ok1 || !ok2 {
			continue
		}
		x, ok1 := a.Float("events_per_s")
		y, ok2 := v.Float("events_per_s")
		if ok1 && ok2 && y > 0 {
			out = append(out, fmt.Sprintf("%s events/s / ip monitor: %.2fx (goal ≥ 2x)", op, x/y))
		}
	}
	return out
}
