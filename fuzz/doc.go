// Package fuzz holds the fuzz targets of linx; it has no exported API.
//
// Every target covers every message type in rtnl.Messages, so a message
// added to schema/rtnetlink.hcl is fuzzed without new code here:
//
//   - FuzzDecode (type, payload): decoding arbitrary bytes never panics, and
//     a successful decode is a fixed point: Append(decoded) decodes without
//     error to an Equal value that re-encodes to the same bytes. Whether or
//     not the decode fails, Size() equals the appended length, decoding
//     into a reused value gives the same value, error and bytes as a fresh
//     decode, fields of absent attributes are zero, and the decoded value
//     aliases neither its input nor its Clone.
//   - FuzzStruct (type, bytes): struct first. gofuzz fills a value from the
//     bytes, presence is set on a chosen subset of attributes with the
//     generated SetPresent; Append, Decode and the result must be Equal and
//     re-encode to the same bytes.
//   - FuzzFraming (datagram): nlsock.SplitMessages, nlsock.ParseError on
//     NLMSG_ERROR and NLMSG_DONE, and every other message through the codec
//     of its nlmsg_type with FuzzDecode's checks.
//
// The type argument is an nlmsg_type (RTM_NEWROUTE is 24); a number that
// names no message picks one by its value modulo the number of types. Set
// LINX_FUZZ_TYPE to a message name (or a comma-separated list, e.g.
// LINX_FUZZ_TYPE=route) to fuzz only those types.
//
// `go test ./fuzz` replays the seeds and the committed corpus under
// testdata/fuzz. The seeds are the kernel captures in
// gen/rtnl/testdata/kernel: they are added at run time and also written to
// testdata/fuzz/<Target>/seed-* by `go generate ./fuzz`; a test fails when
// those files are stale. Inputs that once failed are committed beside them
// as regression cases. Run every target for a while with
//
//	./fuzz/run.sh 1m
//
// (or `make fuzz FUZZTIME=1m`), which fuzzes FuzzDecode once per message
// type, and FuzzStruct and FuzzFraming once each, with -parallel 1.
package fuzz

//go:generate go test -count=1 -run ^TestSeedCorpus$ . -args -write-seeds
