// Package nlsock is the netlink socket layer of linx (NETLINK_ROUTE by
// default, any family with WithProtocol): message framing,
// kernel error decoding, network-namespace aware sockets, request/ack,
// single-reply queries, streamed dumps, batched requests and multicast
// reception.
//
// Framing (Header, BeginMessage, SplitMessages, ParseError, ...) is made of
// pure functions over byte slices; they never panic on arbitrary input, so a
// fuzzer can feed them any datagram.
//
// A Conn owns one socket bound in one network namespace. It reads every
// datagram into a single reused buffer (sized with MSG_PEEK|MSG_TRUNC,
// at least 32 KiB, grown on demand, never shrunk), so a Message handed out
// by a Conn is only valid until the next call on that Conn. Reads go through
// Go's netpoller: a blocked read honours its context and is unblocked by
// Close.
//
// Families: Dial opens NETLINK_ROUTE unless WithProtocol names another
// netlink protocol; requests, dumps, batches and receives work the same for
// any family whose kernel side acknowledges and ends dumps as rtnetlink
// does. For generic netlink (NETLINK_GENERIC), Conn.GenlFamily resolves a
// family's name to its message type (and its multicast groups' ids) by
// asking the controller, nlctrl, and caches the answer.
//
// Every operation makes the same round trip, written once: take the Conn,
// arm the context, finish a dump an earlier caller abandoned, send, then
// read datagrams from the kernel, split them into messages and keep the
// replies to the request's sequence numbers until the operation has its
// answer.
//
// Namespaces: a socket stays in the namespace it was created in. Sockets for
// another namespace are created on a dedicated goroutine locked to its OS
// thread, which switches in with setns(2), creates the socket and switches
// back. If switching back fails the thread is never unlocked, so the Go
// runtime retires it instead of reusing it in the wrong namespace. Do exposes
// the same mechanism for arbitrary work.
package nlsock
