// Package reconcile keeps a desired set of routes in the kernel: a
// level-triggered reconciler that converges and stays converged.
//
// # Ownership
//
// A Reconciler owns the routes of one protocol tag (rtm_protocol,
// Config.Protocol), optionally only in some tables (Config.Tables) and one
// family (Config.Family; both by default). It only ever deletes or replaces routes in that scope: routes of
// other protocols and other tables are never touched. Its reads are strict,
// kernel-filtered dumps of exactly the scope (family, table, protocol),
// never a full-table dump. Adds are NLM_F_EXCL, so a route of another
// protocol with the same kernel key is not overwritten (IPv4 NLM_F_REPLACE
// would, ignoring rtm_protocol): the desired route is Conflict, naming the
// holder, unless Config.TakeOver.
//
// # Identity and equality
//
// Routes are identified by the kernel's own key (Key): IPv4 (table, dst,
// tos, metric), IPv6 (table, dst, src, metric), with IPv6 metric 0 read as
// 1024. Once the keys match, a canonical value is compared: type, scope,
// gateway, interface, onlink and next hops as a set with weights,
// preferred source, metrics (mtu, advmss, ...), pref, nhid, realm, the
// encap (type and every attribute the desired route sets; one the kernel
// adds must be zero, as the defaults it echoes are) and, for IPv6, whether
// the route expires (not the time left), with the kernel's normalisations
// (a one-hop multipath route reads back as a plain one; multipath has no
// top-level interface; an interface the desired route leaves to the kernel
// matches whatever it picked; a reject route keeps no expiry). A route
// that reads back equivalently is never rewritten.
//
// A desired state holds one route per key, but the kernel may hold
// several owned ones under it: IPv4 keeps each route appended with
// NLM_F_APPEND, IPv6 keeps device routes beside gateway routes of one key.
// A read keeps the first that matches and plans the delete of every other
// (reason Duplicate), each request naming that route's type, gateway,
// device or next hops so the kernel deletes it and not the kept one; where
// none matches, the first is replaced and the rest go on the next pass.
//
// # The loop
//
// Run subscribes to notifications first, then reads; notifications only
// mark tables dirty, and a burst is coalesced into one pass. A monitor
// overflow or an interrupted dump re-reads everything at once; a periodic
// jittered re-read catches what the kernel removed silently. Each pass
// writes in batches (adds and replaces before deletes: make before break)
// and classifies each failure, by errno and, where the kernel gives one,
// the extended ack's attribute offset, matching its message only as a
// fallback: Blocked (no link, gateway, preferred source address or nexthop
// yet; re-armed by link, address and nexthop events and by the periodic
// re-read), Conflict (the holder found by one RTM_F_FIB_MATCH lookup, a
// table dump only when that is not conclusive), Failed
// (permanent for EINVAL and its kind, else retried on exponential backoff
// from 100 ms to 60 s). Nothing is deleted before the first Set; routes
// that already match are adopted without writes.
//
// Plan (dry run) and Apply (one pass) serve programs that converge once,
// such as `linx route sync` without -watch; ParseRoutes reads the
// desired-routes file such a command takes.
package reconcile
