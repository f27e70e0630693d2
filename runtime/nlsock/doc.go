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
// Namespaces: a socket stays in the namespace it was created in. Sockets for
// another namespace are created on a dedicated goroutine locked to its OS
// thread, which switches in with setns(2), creates the socket and switches
// back. If switching back fails the thread is never unlocked, so the Go
// runtime retires it instead of reusing it in the wrong namespace. Do exposes
// the same mechanism for arbitrary work.
package nlsock
