package ipfmt

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/monitor"
)

func TestAppendUnknownType(t *testing.T) {
	b, err := Options{}.Append([]byte("x"), 42)
	if err == nil || !strings.Contains(err.Error(), "int") || string(b) != "x" {
		t.Fatalf("Append(int) = %q, %v; want b unchanged and an error naming int", b, err)
	}
	var buf bytes.Buffer
	if err := (Options{JSON: true}).NewList(&buf).Add("route"); err == nil {
		t.Fatal("List.Add(string) did not fail")
	}
}

func TestEmptyList(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{{Options{JSON: true}, "[]\n"}, {Options{}, ""}} {
		var buf bytes.Buffer
		if err := c.o.NewList(&buf).Close(); err != nil || buf.String() != c.want {
			t.Errorf("empty list (JSON %v) = %q, %v; want %q", c.o.JSON, buf.String(), err, c.want)
		}
	}
}

// Interface names are bytes to the kernel: JSON stays valid whatever they
// hold.
func TestJSONEscaping(t *testing.T) {
	var l rtnl.Link
	l.Header.Index = 7
	l.SetIfName("a\"b\\c\n\x01\xff")
	b, err := Options{JSON: true}.Append(nil, &l)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	if got := v["ifname"]; got != "a\"b\\c\n\x01\ufffd" {
		t.Errorf("ifname = %q", got)
	}
}

// Values ip has no name for print as ip prints them.
func TestOutOfRangeValues(t *testing.T) {
	var l rtnl.Link
	l.Header = rtnl.IfInfoMsg{Index: 2, Type: 9999, Flags: rtnl.IFF_UP | rtnl.IFF_RUNNING | 1<<25}
	l.SetIfName("x")
	l.SetOperState(9)
	l.SetLinkMode(2)
	got, _ := Options{}.Append(nil, &l)
	want := "2: x: <UP,2000000> state 0x9 mode 2\n    link/[9999]\n"
	if string(got) != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
	got, _ = Options{JSON: true}.Append(nil, &l)
	wantJSON := `{"ifindex":2,"ifname":"x","flags":["UP","2000000"],"operstate_index":9,"linkmode_index":2,"link_type":"[9999]"}`
	if string(got) != wantJSON {
		t.Errorf("JSON:\n got %s\nwant %s", got, wantJSON)
	}
}

func TestEvents(t *testing.T) {
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 8, Table: 254, Protocol: rtnl.RTPROT_STATIC, Type: rtnl.RTN_UNICAST}
	r.SetDst(netip.MustParseAddr("10.0.0.0"))
	r.SetOIF(3)
	o := Options{Links: Names{3: "eth0"}}
	for _, c := range []struct {
		ev   monitor.Event
		json bool
		want string
	}{
		{monitor.Event{Kind: monitor.New, Msg: &r}, false, "10.0.0.0/8 dev eth0 proto static\n"},
		{monitor.Event{Kind: monitor.Del, Msg: &r}, false, "Deleted 10.0.0.0/8 dev eth0 proto static\n"},
		{monitor.Event{Kind: monitor.Del, Msg: &r}, true, `{"event":"del","kind":"route","dst":"10.0.0.0/8","dev":"eth0","protocol":"static","flags":[]}` + "\n"},
		{monitor.Event{Kind: monitor.Resync, Reason: "lost"}, false, "Resync needed: lost\n"},
		{monitor.Event{Kind: monitor.Resync, Reason: "lost"}, true, `{"event":"resync","reason":"lost"}` + "\n"},
	} {
		oo := o
		oo.JSON = c.json
		got, ok := oo.AppendEvent(nil, &c.ev)
		if !ok || string(got) != c.want {
			t.Errorf("%v json=%v: %q, %v; want %q", c.ev.Kind, c.json, got, ok, c.want)
		}
	}
	if b, ok := o.AppendEvent([]byte("x"), &monitor.Event{Kind: monitor.New}); ok || string(b) != "x" {
		t.Errorf("event without a message: %q, %v", b, ok)
	}
}

// Every flag word the schema names parses back to its bit, so the tables
// built from String are complete.
func TestFlagBits(t *testing.T) {
	if n := len(addrFlagBits); n != 12 {
		t.Errorf("addrFlagBits has %d flags, the schema's AddrFlags 12", n)
	}
	if n := len(neighStateBits); n != 8 {
		t.Errorf("neighStateBits has %d states, the schema's NeighState 8", n)
	}
	w := routeFlagWords(uint32(rtnl.RTNH_F_DEAD|rtnl.RTNH_F_LINKDOWN|rtnl.RTNH_F_TRAP) | uint32(rtnl.RTM_F_NOTIFY|rtnl.RTM_F_OFFLOAD|rtnl.RTM_F_CLONED))
	if got := strings.Join(w, " "); got != "dead trap notify linkdown rt_offload" {
		t.Errorf("route flags = %q, want ip's order", got)
	}
}

// -4/-6 leave out the link layer line of ip addr only: ip link lists its
// links as AF_PACKET whatever the family flag says.
func TestFamilyKeepsLinkLayer(t *testing.T) {
	var l rtnl.Link
	l.Header = rtnl.IfInfoMsg{Index: 2, Type: 1, Flags: rtnl.IFF_UP}
	l.SetIfName("v0")
	l.SetAddress([]byte{2, 0, 0, 0, 0, 1})
	l.SetBroadcast([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	for _, fam := range []rtnl.Family{rtnl.AF_INET, rtnl.AF_INET6} {
		o := Options{Family: fam}
		got, _ := o.Append(nil, &l)
		if !strings.Contains(string(got), "link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff") {
			t.Errorf("link, family %v: %q lacks the link/ether line", fam, got)
		}
		o.JSON = true
		got, _ = o.Append(nil, &l)
		if !strings.Contains(string(got), `"link_type":"ether","address":"02:00:00:00:00:01","broadcast":"ff:ff:ff:ff:ff:ff"`) {
			t.Errorf("link JSON, family %v: %s lacks link_type/address/broadcast", fam, got)
		}
		o.JSON = false
		if got := o.AppendAddrs(nil, &l, nil); strings.Contains(string(got), "link/") {
			t.Errorf("addr, family %v: %q has a link/ line (ip -4/-6 addr leave it out)", fam, got)
		}
	}
}

// Every message type of the schema that has a listing prints through the
// walk table; a nil message and one without a walk are errors, not panics.
func TestWalkTable(t *testing.T) {
	for i := range rtnl.Messages {
		mi := &rtnl.Messages[i]
		msg := any(mi.Make())
		_, err := Options{}.Append(nil, msg)
		if (walkers[mi] != nil) != (err == nil) {
			t.Errorf("%s: Append error %v, walk in table %v", mi.Name, err, walkers[mi] != nil)
		}
	}
	if _, err := (Options{}).Append(nil, (*rtnl.Route)(nil)); err == nil {
		t.Error("Append of a nil *rtnl.Route did not fail")
	}
	if _, err := (Options{}).Append(nil, new(rtnl.Nsid)); err == nil || !strings.Contains(err.Error(), "not a route, link") {
		t.Errorf("Append of an nsid message: %v, want an error naming what prints", err)
	}
}

func TestMPLSRouteDst(t *testing.T) {
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_MPLS, DstLen: 20, Type: rtnl.RTN_UNICAST, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_STATIC}
	r.DstLabels = []rtnl.MplsLabel{{Entry: 100<<12 | 1<<8}}
	r.SetPresent(rtnl.RTA_DST)
	r.SetNewDst([]rtnl.MplsLabel{{Entry: 200<<12 | 1<<8}})
	var b bytes.Buffer
	l := Options{}.NewList(&b)
	if err := l.Add(&r); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if want := "100 as to 200 proto static\n"; b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}

func TestLabelStackAndNewDst(t *testing.T) {
	ls := []rtnl.MplsLabel{{Entry: 200 << 12}, {Entry: 300<<12 | 1<<8}, {Entry: 9 << 12}}
	if got := labelStack(ls); got != "200/300" {
		t.Fatalf("labelStack = %q, want 200/300 (up to the bottom of the stack)", got)
	}
	var r rtnl.Route
	r.Header = rtnl.RtMsg{Family: rtnl.AF_INET, DstLen: 24, Type: rtnl.RTN_UNICAST, Table: uint8(rtnl.RT_TABLE_MAIN), Protocol: rtnl.RTPROT_STATIC}
	r.SetDst(netip.MustParseAddr("10.9.0.0"))
	r.SetNewDst(ls[:2])
	r.SetEncapType(rtnl.LWTUNNEL_ENCAP_MPLS)
	r.Encap.MPLS.SetDst(ls[:2])
	r.Encap.MPLS.SetTTL(5)
	r.SetPresent(rtnl.RTA_ENCAP)
	var b bytes.Buffer
	l := Options{}.NewList(&b)
	if err := l.Add(&r); err != nil {
		t.Fatal(err)
	}
	l.Close()
	// As ip prints an MPLS encap (lwt_print_encap's spacing included).
	if want := "10.9.0.0/24 as to 200/300  encap mpls  200/300 ttl 5 proto static\n"; b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}
