// Package bench compares linx with vishvananda/netlink and
// jsimonetti/rtnetlink on the real kernel: dumping and installing routes in
// a throwaway namespace, and decoding one captured route message. It is a
// separate module so that users of linx never download the peers.
//
//	cd bench && go test -bench . -benchmem
//	LINX_BENCH_ROUTES=1000000 go test -bench Dump -benchtime 3x
//
// It needs root (network namespaces); without it every benchmark skips.
package bench
