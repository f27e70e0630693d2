package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/ipfmt"
	"github.com/linx-go/linx/nexthop"
	"github.com/linx-go/linx/runtime/nlsock"
	"golang.org/x/sys/unix"
)

// Printing is ipfmt's, for every object: a listing is an ipfmt.List, a
// monitor line ipfmt's AppendEvent. cmd/linx only chooses the options (the
// global flags, the interface names, what a filter hides) and writes.

// textOptions are the columns a listing's filter fixed, which ip then
// leaves out of every line (`ip route show table 1000` prints no
// "table 1000"; `ip neigh show dev X` no "dev X").
type textOptions struct {
	hideTable, hideProto, hideDev bool
}

// fmtOptions are the ipfmt options the global flags ask for, with the
// interface names of links (nil: none known) and the hidden columns.
func (c *call) fmtOptions(links *linkSet, hide textOptions) ipfmt.Options {
	o := ipfmt.Options{
		JSON:      c.opts.json,
		Pretty:    c.opts.pretty,
		Numeric:   c.opts.numeric,
		Details:   c.opts.details,
		Family:    c.opts.family,
		HideTable: hide.hideTable,
		HideProto: hide.hideProto,
		HideDev:   hide.hideDev,
	}
	if links != nil { // a nil *linkSet in the interface would be called
		o.Links = links
	}
	if c.netns == nil {
		c.netns = &netnsTable{ctx: c.ctx, ns: c.opts.ns}
	}
	o.NetNS = c.netns
	return o
}

// nexthopsFor is, with -d, the nexthop objects of conn's namespace, so that
// a route through one shows it (ip -d's nh_info); nil without -d.
func nexthopsFor(c *call, conn *nlsock.Conn) (ipfmt.Nexthops, error) {
	if !c.opts.details {
		return nil, nil
	}
	nhs, err := collect(nexthop.All(c.ctx, conn, nexthop.Filter{}), nil)
	if err != nil && !errors.Is(err, unix.EOPNOTSUPP) && !errors.Is(err, unix.EINVAL) {
		return nil, err // (a kernel without nexthop objects has none to show)
	}
	t := new(ipfmt.NexthopTable)
	for i := range nhs {
		t.Learn(&nhs[i])
	}
	return t, nil
}

// linkAddrs is one entry of an addr listing: a link and its addresses, as
// ip addr prints them.
type linkAddrs struct {
	link  *rtnl.Link
	addrs []rtnl.Addr
}

// listing writes the objects of one listing: text blocks, or one JSON
// array (laid out as ip -p does with -pretty). Messages that did not
// decode are printed as far as they did and reported on stderr.
type listing struct {
	w      *bufio.Writer
	stderr io.Writer
	list   *ipfmt.List
}

func newListing(c *call, o ipfmt.Options) *listing {
	l := &listing{w: bufio.NewWriterSize(c.stdout, 64<<10), stderr: c.stderr}
	l.list = o.NewList(l.w)
	return l
}

// put writes one object: a generated message (*rtnl.Route, ...) or an
// addr listing's *linkAddrs.
func (l *listing) put(v any) error {
	if la, ok := v.(*linkAddrs); ok {
		return l.list.AddAddrs(la.link, la.addrs)
	}
	return l.list.Add(v)
}

// warn reports a message that did not decode (it was printed as far as it
// did): "linx: warning: route message 3 RTA_GATEWAY at offset 20: ...".
func (l *listing) warn(err error) { warnDecode(l.stderr, err) }

// warnDecode reports on w a message that did not decode.
func warnDecode(w io.Writer, err error) {
	fmt.Fprintf(w, "linx: warning: %s (printed as far as it decoded)\n", strings.TrimPrefix(err.Error(), "nlwire: "))
}

// fail ends the listing after an error: what was written is flushed (and a
// JSON array closed, so that the output stays valid JSON).
func (l *listing) fail(err error) error {
	l.close()
	return err
}

// end ends the listing after err (nil: success), as fail or close.
func (l *listing) end(err error) error {
	if err != nil {
		return l.fail(err)
	}
	return l.close()
}

// close ends the listing (the JSON array's "]") and flushes it.
func (l *listing) close() error {
	err := l.list.Close()
	if ferr := l.w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// collect copies every value of a dump, those that did not decode too
// (reported on warn when it is not nil); it returns the error that ended
// the dump.
func collect[T any, PT interface {
	*T
	Clone() T
}](values iter.Seq2[*T, error], warn io.Writer) ([]T, error) {
	var out []T
	for v, err := range values {
		if v == nil {
			return out, err
		}
		if err != nil && warn != nil {
			warnDecode(warn, err)
		}
		out = append(out, PT(v).Clone())
	}
	return out, nil
}

// each writes every value of a dump: those that did not decode too (with
// a warning), those keep rejects not. It returns the error that ended the
// dump, or a failure to write.
func each[T any](out *listing, values iter.Seq2[*T, error], keep func(*T) bool) error {
	for v, err := range values {
		if v == nil {
			return err
		}
		if err != nil {
			out.warn(err)
		} else if keep != nil && !keep(v) {
			continue
		}
		if err := out.put(v); err != nil {
			return err
		}
	}
	return nil
}
