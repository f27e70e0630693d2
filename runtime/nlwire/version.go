package nlwire

// EnforceVersion is used by generated code to fail the build when it was
// produced for a runtime this package no longer supports. Generated files
// contain
//
//	const _ = nlwire.EnforceVersion(N - nlwire.MinGenVersion)
//	const _ = nlwire.EnforceVersion(nlwire.MaxGenVersion - N)
//
// where N is the generator's version; a negative constant cannot convert
// to an unsigned type, so a mismatch is a compile error rather than a
// misbehaving codec.
type EnforceVersion uint

// MinGenVersion and MaxGenVersion bound the generator versions this runtime
// accepts.
const (
	MinGenVersion = 1
	MaxGenVersion = 2
)
