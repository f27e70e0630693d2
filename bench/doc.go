// Package bench compares linx with vishvananda/netlink and
// jsimonetti/rtnetlink. It is a separate module so that users of linx never
// download the peers.
//
// The live comparison is the command cmd/rtbench: it creates a network
// namespace with a million routes, measures every implementation (and a raw
// floor written for the purpose) in child processes of its own, and prints
// one line per measurement; -markdown turns its output into the README's
// table:
//
//	cd bench && go run ./cmd/rtbench | tee rtbench.txt
//	go run ./cmd/rtbench -markdown < rtbench.txt
//
// The benchmarks of this package are the smaller pieces: decoding one
// captured route message, the user-space layers of a streamed dump
// (BenchmarkStreamLayers, no kernel involved), and dumps and installs in a
// throwaway namespace:
//
//	cd bench && go test -bench . -benchmem
//	LINX_BENCH_ROUTES=1000000 go test -bench Dump -benchtime 3x
//
// Those that need a namespace need root; without it they skip.
package bench
