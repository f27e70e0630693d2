package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/linx-go/linx/runtime/nlsock"
)

// Exit statuses, as ip's (scripts test them).
const (
	exitOK     = 0
	exitError  = 1   // a bad argument (address, prefix, interface, family), an unknown object, or a failure that is not the kernel's
	exitKernel = 2   // the kernel refused a request: any netlink error reply
	exitUsage  = 255 // the command line's shape: unknown command, option or keyword, a missing or invalid keyword value
)

// cliError is a command line linx cannot act on, with the exit status ip
// gives it; usage, when not "", is printed after the message.
type cliError struct {
	code  int
	msg   string
	usage string
}

func (e *cliError) Error() string { return e.msg }

// usageErrorf is a command line of the wrong shape (exit 255, as ip's
// usage errors): an unknown verb or keyword, a keyword without its value
// or with one that is not valid, an option given twice. usage is the
// object's usage, printed with the message.
func usageErrorf(usage, format string, a ...any) error {
	return &cliError{code: exitUsage, msg: fmt.Sprintf(format, a...), usage: usage}
}

// argErrorf is an argument that names nothing usable (exit 1, as ip's):
// an address or prefix that does not parse, an interface that does not
// exist, an unknown object.
func argErrorf(format string, a ...any) error {
	return &cliError{code: exitError, msg: fmt.Sprintf(format, a...)}
}

// exitCode is the exit status for err.
func exitCode(err error) int {
	var ce *cliError
	var ke *nlsock.Error
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		return ce.code
	case errors.As(err, &ke):
		return exitKernel
	}
	return exitError
}

// devWords are the keywords, of every object and verb, whose value is an
// interface name.
var devWords = []string{"dev", "oif", "iif", "master"}

// checkDevWords refuses an empty interface name after any of devWords (ip:
// `Device "" does not exist.`, exit 1), whichever verb parses the rest.
func checkDevWords(args []string) error {
	for i := 0; i+1 < len(args); i++ {
		if args[i+1] == "" && slices.Contains(devWords, args[i]) {
			return emptyDevError(args[i])
		}
	}
	return nil
}

// emptyDevError is the error for key "": no interface is called "".
func emptyDevError(key string) error {
	return argErrorf("%s \"\": an interface name is never empty", key)
}
