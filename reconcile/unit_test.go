package reconcile

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/route"
	"github.com/linx-go/linx/runtime/nlsock"
	"github.com/linx-go/linx/runtime/nlwire"
	"golang.org/x/sys/unix"
)

func TestConfigRefusesReservedProtocols(t *testing.T) {
	for _, p := range []rtnl.Protocol{rtnl.RTPROT_UNSPEC, rtnl.RTPROT_REDIRECT, rtnl.RTPROT_KERNEL, rtnl.RTPROT_BOOT} {
		c := Config{Protocol: p}
		if err := c.fill(); err == nil {
			t.Errorf("protocol %s accepted", p)
		}
	}
	c := Config{Protocol: rtnl.RTPROT_BOOT, AllowReservedProtocol: true}
	if err := c.fill(); err != nil {
		t.Errorf("boot with AllowReservedProtocol: %v", err)
	}
	c = Config{Protocol: testProto, Tables: []uint32{0}}
	if err := c.fill(); err == nil {
		t.Error("table 0 accepted")
	}
}

func TestKeyNormalisations(t *testing.T) {
	a := mustRoute(t, "2001:db8::/64", "2001:db8::1")
	b := mustRoute(t, "2001:db8::/64", "2001:db8::1", route.Metric(0))
	c := mustRoute(t, "2001:db8::/64", "2001:db8::1", route.Metric(1024))
	if a.Key() != b.Key() || b.Key() != c.Key() || a.Key().Metric != 1024 {
		t.Errorf("IPv6 metric none/0/1024 are different keys: %v %v %v", a.Key(), b.Key(), c.Key())
	}
	d := mustRoute(t, "10.0.0.0/8", "10.0.0.1")
	if d.Key().Metric != 0 || d.Key().Table != 254 {
		t.Errorf("IPv4 default key %v", d.Key())
	}
	e := mustRoute(t, "10.0.0.0/8", "10.0.0.1", route.Table(1000))
	if e.Key().Table != 1000 {
		t.Errorf("table 1000 key %v", e.Key())
	}
}

// kernelForm is how the kernel reads a desired route back, for the
// normalisations it applies.
func kernelForm(t *testing.T, d Desired, edit func(*rtnl.Route)) *value {
	t.Helper()
	m := d.Message()
	edit(&m)
	var v value
	canon(&v, &m)
	return &v
}

func TestMatchesKernelNormalisations(t *testing.T) {
	mp, err := Multipath(netip.MustParsePrefix("10.1.0.0/16"), []Hop{
		{Gateway: netip.MustParseAddr("10.0.0.2"), Weight: 3},
		{Gateway: netip.MustParseAddr("10.0.0.3")},
	})
	if err != nil {
		t.Fatal(err)
	}
	one, err := Multipath(netip.MustParsePrefix("10.2.0.0/16"), []Hop{{Gateway: netip.MustParseAddr("10.0.0.2"), Weight: 5}})
	if err != nil {
		t.Fatal(err)
	}
	plain := mustRoute(t, "10.3.0.0/16", "10.0.0.2")
	bh6 := mustRoute(t, "2001:db8::/64", "", route.Type(rtnl.RTN_BLACKHOLE))
	dev6 := mustRoute(t, "2001:db8:1::/64", "", route.Dev(7))
	cases := []struct {
		name string
		d    Desired
		edit func(*rtnl.Route)
		want bool
	}{
		{"multipath in another order, interfaces filled in", mp, func(r *rtnl.Route) {
			r.Multipath[0], r.Multipath[1] = r.Multipath[1], r.Multipath[0]
			r.Multipath[0].Header.Ifindex, r.Multipath[1].Header.Ifindex = 4, 4
		}, true},
		{"multipath with a weight changed", mp, func(r *rtnl.Route) { r.Multipath[0].Header.Hops = 0 }, false},
		{"multipath with a hop missing", mp, func(r *rtnl.Route) { r.SetMultipath(r.Multipath[:1]) }, false},
		{"one-hop multipath read back plain", one, func(r *rtnl.Route) {
			r.Unset(rtnl.RTA_MULTIPATH)
			r.SetGateway(netip.MustParseAddr("10.0.0.2"))
			r.SetOIF(4)
		}, true},
		{"plain with the interface the kernel resolved", plain, func(r *rtnl.Route) { r.SetOIF(4) }, true},
		{"plain with another gateway", plain, func(r *rtnl.Route) { r.SetGateway(netip.MustParseAddr("10.0.0.9")) }, false},
		{"plain with an mtu added", plain, func(r *rtnl.Route) {
			var m rtnl.Metrics
			m.SetMTU(1400)
			r.SetMetrics(m)
		}, false},
		{"IPv6 blackhole read back with dev lo, pref medium, metric 1024", bh6, func(r *rtnl.Route) {
			r.SetOIF(1)
			r.SetPref(rtnl.ICMPV6_ROUTER_PREF_MEDIUM)
			r.SetPriority(1024)
		}, true},
		{"IPv6 device route read back with scope universe", dev6, func(r *rtnl.Route) { r.Header.Scope = rtnl.RT_SCOPE_UNIVERSE }, true},
		{"IPv6 route with pref high", dev6, func(r *rtnl.Route) { r.SetPref(rtnl.ICMPV6_ROUTER_PREF_HIGH) }, false},
		{"type changed", plain, func(r *rtnl.Route) { r.Header.Type = rtnl.RTN_BLACKHOLE }, false},
	}
	for _, c := range cases {
		k := kernelForm(t, c.d, c.edit)
		if got := matches(&c.d.val, k); got != c.want {
			t.Errorf("%s: matches = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMultipathRejectsBadHops(t *testing.T) {
	dst := netip.MustParsePrefix("10.0.0.0/8")
	for _, hops := range [][]Hop{
		nil,
		{{}},
		{{Gateway: netip.MustParseAddr("2001:db8::1")}},
		{{Gateway: netip.MustParseAddr("10.0.0.1"), Weight: 300}},
		{{Gateway: netip.MustParseAddr("10.0.0.1"), Onlink: true}},
	} {
		if _, err := Multipath(dst, hops); err == nil {
			t.Errorf("hops %+v accepted", hops)
		}
	}
	if _, err := Multipath(dst, []Hop{{Gateway: netip.MustParseAddr("10.0.0.1")}}, route.Dev(3)); err == nil {
		t.Error("multipath with a top-level Dev accepted")
	}
}

func TestClassify(t *testing.T) {
	kerr := func(e unix.Errno, msg string) error { return &nlsock.Error{Errno: e, Message: msg, Offset: -1} }
	// A request with RTA_PREFSRC then RTA_METRICS, and errors pointing at
	// each (offsets from the netlink header, as NLMSGERR_ATTR_OFFS).
	d := mustRoute(t, "10.0.0.0/24", "", route.Dev(3), route.Src(netip.MustParseAddr("10.9.9.9")), route.MTU(1400))
	req := d.wire
	at := func(id uint16) int {
		for off, rest := 16+rtnl.SizeofRtMsg, req[rtnl.SizeofRtMsg:]; len(rest) > 0; {
			typ, _, next, _ := nlwire.Attr(rest)
			if typ&nlwire.TypeMask == id {
				return off
			}
			off += len(rest) - len(next)
			rest = next
		}
		t.Fatalf("attribute %d not in the request", id)
		return 0
	}
	offErr := func(id uint16, msg string) error {
		return &nlsock.Error{Errno: unix.EINVAL, Message: msg, Offset: at(id) + 4}
	}
	cases := []struct {
		op   Op
		err  error
		want class
	}{
		{OpAdd, kerr(unix.EINVAL, "Invalid prefsrc address"), classBlocked},
		{OpAdd, kerr(unix.EINVAL, "Invalid source address"), classBlocked},
		{OpAdd, offErr(rtnl.RTA_PREFSRC, "whatever the words"), classBlocked},
		{OpAdd, offErr(rtnl.RTA_OIF, ""), classBlocked},
		{OpAdd, offErr(rtnl.RTA_METRICS, "Invalid prefsrc address"), classPermanent},
		{OpDelete, kerr(unix.ESRCH, ""), classGone},
		{OpAdd, kerr(unix.ESRCH, ""), classTransient},
		{OpAdd, kerr(unix.EEXIST, ""), classExists},
		{OpAdd, kerr(unix.ENETDOWN, "Nexthop device is not up"), classBlocked},
		{OpAdd, kerr(unix.ENODEV, ""), classBlocked},
		{OpAdd, kerr(unix.ENETUNREACH, ""), classBlocked},
		{OpAdd, kerr(unix.EINVAL, "Nexthop has invalid gateway"), classBlocked},
		{OpAdd, kerr(unix.EINVAL, "Nexthop id does not exist"), classBlocked},
		{OpAdd, kerr(unix.EINVAL, "Invalid prefix for given prefix length"), classPermanent},
		{OpAdd, kerr(unix.ENOBUFS, ""), classTransient},
		{OpAdd, errors.New("socket closed"), classTransient},
	}
	for _, c := range cases {
		if got := classify(c.op, req, c.err); got != c.want {
			t.Errorf("classify(%s, %v) = %d, want %d", c.op, c.err, got, c.want)
		}
	}
}

// wordParser is a tiny stand-in for `linx route add`'s word parser:
// "DST [via GW] [metric N]".
func wordParser(words []string) (Desired, error) {
	dst, err := netip.ParsePrefix(words[0])
	if err != nil {
		return Desired{}, err
	}
	var gw netip.Addr
	var opts []route.Option
	for i := 1; i < len(words); i += 2 {
		if i+1 >= len(words) {
			return Desired{}, errors.New(words[i] + " needs a value")
		}
		switch words[i] {
		case "via":
			if gw, err = netip.ParseAddr(words[i+1]); err != nil {
				return Desired{}, err
			}
		case "metric":
			var m uint32
			for _, c := range words[i+1] {
				if c < '0' || c > '9' {
					return Desired{}, errors.New("bad metric " + words[i+1])
				}
				m = m*10 + uint32(c-'0')
			}
			opts = append(opts, route.Metric(m))
		default:
			return Desired{}, errors.New("unknown word " + words[i])
		}
	}
	return Route(dst, gw, opts...)
}

func TestParseRoutes(t *testing.T) {
	good := "# desired routes\n\n10.1.0.0/24 via 10.0.0.2   # a comment\n  2001:db8::/64 via 2001:db8::1 metric 10\n#10.9.0.0/24 junk\n"
	ds, err := ParseRoutes("routes.txt", strings.NewReader(good), wordParser)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Key().Dst.String() != "10.1.0.0/24" || ds[1].Key().Metric != 10 {
		t.Fatalf("parsed %v", ds)
	}
	bad := "10.1.0.0/24 via 10.0.0.2\n10.2.0.0/24 via nowhere\n\n10.3.0.0/24 color blue\n10.1.0.0/24 via 10.0.0.3\n"
	ds, err = ParseRoutes("routes.txt", strings.NewReader(bad), wordParser)
	if err == nil || ds != nil {
		t.Fatalf("bad file: routes %v, error %v; want none and an error", ds, err)
	}
	msg := err.Error()
	for _, want := range []string{"routes.txt:2: ", "routes.txt:4: unknown word color", "routes.txt:5: same route key"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 {
		t.Errorf("first LineError: %+v", le)
	}
	if _, err := ParseRoutes("x", strings.NewReader(""), nil); err == nil {
		t.Error("nil parser accepted")
	}
}

func TestSetRejectsDuplicateKeysAndForeignTables(t *testing.T) {
	r := &Reconciler{desired: map[packedKey]*entry{}, read: map[scopeKey]scopeState{}, dirty: map[scopeKey]bool{},
		kick: make(chan struct{}, 1), changed: make(chan struct{}), cfg: Config{Protocol: testProto, Tables: []uint32{100}}}
	if err := r.cfg.fill(); err != nil {
		t.Fatal(err)
	}
	r.scopes = r.cfg.scopes()
	a := mustRoute(t, "2001:db8::/64", "2001:db8::1", route.Table(100))
	b := mustRoute(t, "2001:db8::/64", "2001:db8::2", route.Table(100), route.Metric(1024))
	if err := r.Set([]Desired{a, b}); err == nil {
		t.Error("two IPv6 routes with one key accepted (the kernel would merge them)")
	}
	if err := r.Set([]Desired{mustRoute(t, "10.0.0.0/8", "10.0.0.1")}); err == nil || !strings.Contains(err.Error(), "outside the owned tables") {
		t.Errorf("route in main with Tables [100]: %v", err)
	}
	if len(r.desired) != 0 || r.haveSet {
		t.Error("a failed Set changed the desired state")
	}
}
