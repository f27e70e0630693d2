package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Result is one measurement: what rtbench prints as one line,
//
//	impl=NAME op=OP routes=N seconds=S alloc_bytes=B rss_bytes=R [key=value ...]
//
// Extra holds the optional fields after rss_bytes, in order.
type Result struct {
	Impl    string
	Op      string
	Routes  int
	Seconds float64
	Alloc   uint64 // runtime.MemStats TotalAlloc delta over the measured work
	RSS     uint64 // peak resident set of the process doing the work
	Extra   []Field
}

// Field is an extra key=value pair of a result line.
type Field struct{ Key, Value string }

// fixed are the leading keys of every line, in their order.
var fixed = []string{"impl", "op", "routes", "seconds", "alloc_bytes", "rss_bytes"}

// String is the result's line.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "impl=%s op=%s routes=%d seconds=%.6f alloc_bytes=%d rss_bytes=%d",
		r.Impl, r.Op, r.Routes, r.Seconds, r.Alloc, r.RSS)
	for _, f := range r.Extra {
		fmt.Fprintf(&b, " %s=%s", f.Key, f.Value)
	}
	return b.String()
}

// Get is the value of an extra field, and whether it is there.
func (r Result) Get(key string) (string, bool) {
	for _, f := range r.Extra {
		if f.Key == key {
			return f.Value, true
		}
	}
	return "", false
}

// Float is an extra field as a number; ok is false when it is absent or not a number.
func (r Result) Float(key string) (v float64, ok bool) {
	s, ok := r.Get(key)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// Set adds or replaces an extra field.
func (r *Result) Set(key string, value any) {
	s := fmt.Sprint(value)
	if f, ok := value.(float64); ok {
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	for i := range r.Extra {
		if r.Extra[i].Key == key {
			r.Extra[i].Value = s
			return
		}
	}
	r.Extra = append(r.Extra, Field{key, s})
}

// ParseResult parses one result line. The six leading fields must be there,
// in order; anything after them must be key=value.
func ParseResult(line string) (Result, error) {
	var r Result
	words := strings.Fields(line)
	if len(words) < len(fixed) {
		return r, fmt.Errorf("result line %q: want at least %d key=value fields (%s), have %d",
			line, len(fixed), strings.Join(fixed, " "), len(words))
	}
	for i, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok || k == "" {
			return r, fmt.Errorf("result line %q: field %d (%q) is not key=value", line, i+1, w)
		}
		if i >= len(fixed) {
			r.Extra = append(r.Extra, Field{k, v})
			continue
		}
		if k != fixed[i] {
			return r, fmt.Errorf("result line %q: field %d is %q, want %q", line, i+1, k, fixed[i])
		}
		var err error
		switch k {
		case "impl":
			r.Impl = v
		case "op":
			r.Op = v
		case "routes":
			r.Routes, err = strconv.Atoi(v)
		case "seconds":
			r.Seconds, err = strconv.ParseFloat(v, 64)
			if err == nil && r.Seconds < 0 {
				err = fmt.Errorf("negative")
			}
		case "alloc_bytes":
			r.Alloc, err = strconv.ParseUint(v, 10, 64)
		case "rss_bytes":
			r.RSS, err = strconv.ParseUint(v, 10, 64)
		}
		if err != nil {
			return r, fmt.Errorf("result line %q: %s=%q: %v", line, k, v, err)
		}
		if v == "" {
			return r, fmt.Errorf("result line %q: %s is empty", line, k)
		}
	}
	return r, nil
}

// isResultLine tells result lines from the comments and progress notes
// around them.
func isResultLine(line string) bool { return strings.HasPrefix(line, "impl=") }

// minOfRuns folds the runs of one measurement into one result: the minimum
// of every number (seconds, bytes, and numeric extra fields whose smaller
// value is the better one), the largest of the fields listed in maxKeys
// (rates such as events_per_s), and the first run's text fields. Runs must
// all be of the same impl and op.
func minOfRuns(runs []Result) (Result, error) {
	if len(runs) == 0 {
		return Result{}, fmt.Errorf("no runs")
	}
	out := runs[0]
	out.Extra = append([]Field(nil), runs[0].Extra...)
	for _, r := range runs[1:] {
		if r.Impl != out.Impl || r.Op != out.Op {
			return Result{}, fmt.Errorf("runs of %s/%s and %s/%s mixed", out.Impl, out.Op, r.Impl, r.Op)
		}
		out.Seconds = min(out.Seconds, r.Seconds)
		out.Alloc = min(out.Alloc, r.Alloc)
		out.RSS = min(out.RSS, r.RSS)
		out.Routes = max(out.Routes, r.Routes)
		for i, f := range out.Extra {
			a, aerr := strconv.ParseFloat(f.Value, 64)
			bs, ok := r.Get(f.Key)
			if !ok || aerr != nil {
				continue
			}
			b, berr := strconv.ParseFloat(bs, 64)
			if berr != nil {
				continue
			}
			if (maxKeys[f.Key] && b > a) || (!maxKeys[f.Key] && b < a) {
				out.Extra[i].Value = bs
			}
		}
	}
	out.Set("runs", len(runs))
	return out, nil
}

// maxKeys are the extra fields where more is better.
var maxKeys = map[string]bool{"events_per_s": true, "events": true}
