package main

import (
	"errors"
	"slices"
	"strconv"
)

// word is one keyword of a modify verb's command line: its names (ip's
// spellings), whether it takes a value, and what it does with it. An
// error from set is a usage error (exit 255) unless it is a *cliError
// already (e.g. an address that does not parse: exit 1).
type word struct {
	names []string
	noArg bool
	set   func(v string) error
}

// parseWords walks args against words. Each keyword may be given once;
// rest (when not nil) takes a word no keyword names and says whether it
// used it.
func parseWords(usage string, args []string, words []word, rest func(w string) (bool, error)) error {
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		var k *word
		for j := range words {
			if slices.Contains(words[j].names, a) {
				k = &words[j]
				break
			}
		}
		if k == nil {
			if rest != nil {
				used, err := rest(a)
				if err != nil {
					return err
				}
				if used {
					continue
				}
			}
			return usageErrorf(usage, "unknown argument %q", a)
		}
		if seen[k.names[0]] {
			return usageErrorf(usage, "%s given twice", a)
		}
		seen[k.names[0]] = true
		v := ""
		if !k.noArg {
			if i+1 >= len(args) {
				return usageErrorf(usage, "%s needs a value", a)
			}
			i++
			v = args[i]
		}
		if err := k.set(v); err != nil {
			var ce *cliError
			if errors.As(err, &ce) {
				return err
			}
			return usageErrorf(usage, "%s: %v", a, err)
		}
	}
	return nil
}

// parseNum parses an unsigned number of bits bits, decimal or 0x hex as
// ip's get_unsigned.
func parseNum(s string, bits int) (uint64, error) {
	n, err := strconv.ParseUint(s, 0, bits)
	if err != nil {
		return 0, errors.New("invalid number " + strconv.Quote(s))
	}
	return n, nil
}

// lifetime parses a lifetime in seconds or "forever".
func lifetime(s string) (uint32, error) {
	if s == "forever" {
		return 0xFFFFFFFF, nil
	}
	n, err := parseNum(s, 32)
	return uint32(n), err
}
