package reconcile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// LineParser turns the words of one line of a desired-routes file (as
// `linx route add` takes them, without "route add") into a desired route.
type LineParser func(words []string) (Desired, error)

// LineError is a bad line of a desired-routes file.
type LineError struct {
	File string
	Line int
	Err  error
}

// Error formats the error as "FILE:LINE: message".
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the line parser's error.
func (e *LineError) Unwrap() error { return e.Err }

// maxLineErrors bounds the errors ParseRoutes reports for one file.
const maxLineErrors = 100

// ParseRoutes reads a desired-routes file from rd: one route per line in
// the words parse takes, blank lines and `#` comments (from a word that
// starts with `#` to the end of the line) ignored. name is the file's name
// for messages. Every bad line is reported, each as a *LineError
// ("FILE:LINE: message"), joined into one error; then no routes are
// returned at all, so that a caller applies nothing from a file with a
// mistake in it. Two lines with the same kernel key are an error too.
func ParseRoutes(name string, rd io.Reader, parse LineParser) ([]Desired, error) {
	out, waiting, err := ParseRoutesWaiting(name, rd, parse)
	if err == nil && len(waiting) > 0 {
		errs := make([]error, len(waiting))
		for i, w := range waiting {
			errs[i] = w
		}
		return nil, errors.Join(errs...)
	}
	return out, err
}

// ErrNotYet, wrapped in a LineParser's error, says the line names
// something that does not exist yet (an interface): the line is not bad,
// it waits. ParseRoutesWaiting lists such lines apart.
var ErrNotYet = errors.New("not there yet")

// ParseRoutesWaiting is ParseRoutes, except that lines whose parse error
// wraps ErrNotYet are not errors: they are left out of routes and listed
// in waiting (their LineError), for the caller to report as blocked and
// to parse again when what they wait for may have appeared (a link
// event).
func ParseRoutesWaiting(name string, rd io.Reader, parse LineParser) (routes []Desired, waiting []*LineError, err error) {
	if parse == nil {
		return nil, nil, errors.New("reconcile: ParseRoutes needs a line parser")
	}
	var (
		out   []Desired
		errs  []error
		lines = map[Key]int{}
	)
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		words := strings.Fields(sc.Text())
		for i, w := range words {
			if strings.HasPrefix(w, "#") {
				words = words[:i]
				break
			}
		}
		if len(words) == 0 {
			continue
		}
		d, err := parse(words)
		if errors.Is(err, ErrNotYet) {
			waiting = append(waiting, &LineError{File: name, Line: n, Err: err})
			continue
		}
		if err == nil {
			if prev, dup := lines[d.key]; dup {
				err = fmt.Errorf("same route key (%s) as line %d; a desired state holds one route per key (give several next hops as one multipath line)", d.key, prev)
			} else {
				lines[d.key] = n
			}
		}
		if err != nil {
			errs = append(errs, &LineError{File: name, Line: n, Err: err})
			if len(errs) == maxLineErrors {
				errs = append(errs, fmt.Errorf("%s: too many errors, stopped at line %d", name, n))
				break
			}
			continue
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", name, n+1, err))
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return out, waiting, nil
}

// ReadRoutesWaiting is ParseRoutesWaiting on the file at path.
func ReadRoutesWaiting(path string, parse LineParser) ([]Desired, []*LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reconcile: %w", err)
	}
	defer f.Close()
	return ParseRoutesWaiting(path, f, parse)
}

// ReadRoutes is ParseRoutes on the file at path.
func ReadRoutes(path string, parse LineParser) ([]Desired, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reconcile: %w", err)
	}
	defer f.Close()
	return ParseRoutes(path, f, parse)
}
