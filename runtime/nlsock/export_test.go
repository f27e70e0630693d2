package nlsock

// SetSetnsHook replaces the setns(2) used by Do and returns a function that
// restores it. Not for concurrent use with Do.
func SetSetnsHook(f func(fd, nstype int) error) (restore func()) {
	old := setns
	setns = f
	return func() { setns = old }
}
