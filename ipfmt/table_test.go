package ipfmt

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/runtime/nlwire"
)

// plainRows checks that every plain row of a table names an attribute or
// header field the schema presents (a JSON key) and that the generated
// accessor answers for it: a row the schema cannot value would print nothing, silently.
func plainRows[T any](t *testing.T, name string, tb *table[T], full *T) (plain, hooks int) {
	t.Helper()
	for _, r := range tb.rows {
		if r.hook != nil {
			hooks++
			continue
		}
		plain++
		if r.hdr != nil {
			if r.hdr.JSON == "" {
				t.Errorf("%s: header row %+v has no json name", name, *r.hdr)
			}
			if v, ok := tb.header(full, r.hdr); !ok || v.Kind == nlwire.FieldNone {
				t.Errorf("%s: header FieldValue(%+v) = %+v, %v", name, *r.hdr, v, ok)
			}
			continue
		}
		if f := tb.names(r.attr); f.JSON == "" {
			t.Errorf("%s: plain row for attribute %d has no json name in the schema", name, r.attr)
		}
		if v, ok := tb.value(full, r.attr); !ok || v.Kind == nlwire.FieldNone {
			t.Errorf("%s: FieldValue(%d) = %+v, %v on a message that has the attribute", name, r.attr, v, ok)
		}
	}
	return plain, hooks
}

func TestPlainRowsValued(t *testing.T) {
	var ru rtnl.Rule
	ru.SetIIFName("a")
	ru.SetOIFName("b")
	ru.SetTunID(7)
	var ad rtnl.Addr
	ad.SetBroadcast(netip.MustParseAddr("10.0.0.255"))
	ad.SetAnycast(netip.MustParseAddr("10.0.0.1"))
	ad.SetLabel("x")
	var nd rtnl.Neigh
	nd.SetDst(netip.MustParseAddr("10.0.0.2"))
	nd.SetLLAddr([]byte{2, 0, 0, 0, 0, 1})
	nd.SetProtocol(rtnl.RTPROT_STATIC)
	var nc rtnl.Netconf
	nc.SetForwarding(1)
	nc.SetMCForwarding(0)
	nc.SetProxyNeigh(1)
	nc.SetIgnoreRoutesWithLinkdown(0)
	nc.SetInput(1)
	var rt rtnl.Route
	rt.SetNHID(5)
	rt.SetGateway(netip.MustParseAddr("10.0.0.1"))
	rt.SetOIF(2)
	rt.SetPrefSrc(netip.MustParseAddr("10.0.0.3"))
	rt.SetPriority(9)
	rt.SetUID(1000)
	rt.SetIIF(3)
	rt.SetPref(1)
	rt.SetVia(netip.MustParseAddr("2001:db8::1"))
	rt.SetFlow(3<<16 | 4)
	var lk rtnl.Link
	lk.SetMTU(1500)
	lk.SetQdisc("noqueue")
	lk.SetMaster(4)
	lk.SetPromiscuity(0)
	lk.SetAllMulti(0)
	lk.SetMinMTU(68)
	lk.SetMaxMTU(65535)
	lk.SetNumTxQueues(1)
	lk.SetNumRxQueues(1)
	lk.SetGSOMaxSize(65536)
	lk.SetGSOMaxSegs(65535)
	lk.SetTSOMaxSize(524280)
	lk.SetTSOMaxSegs(65535)
	lk.SetGROMaxSize(65536)
	lk.SetPhysPortName("p0")
	lk.SetPhysPortID([]byte{0xab, 0x01})
	lk.SetPhysSwitchID([]byte{0xcd})
	lk.SetParentDevBusName("pci")
	lk.SetParentDevName("0000:00:01.0")
	var nh rtnl.NexthopObj
	nh.SetGateway(netip.MustParseAddr("10.0.0.1"))
	for _, c := range []struct {
		name string
		run  func() (int, int)
	}{
		{"rule", func() (int, int) { return plainRows(t, "rule", &ruleTable, &ru) }},
		{"addr", func() (int, int) { return plainRows(t, "addr", &addrTable, &ad) }},
		{"neigh", func() (int, int) { return plainRows(t, "neigh", &neighTable, &nd) }},
		{"netconf", func() (int, int) { return plainRows(t, "netconf", &netconfTable, &nc) }},
		{"route", func() (int, int) { return plainRows(t, "route", &routeTable, &rt) }},
		{"link", func() (int, int) { return plainRows(t, "link", &linkTable, &lk) }},
		{"nexthop", func() (int, int) { return plainRows(t, "nexthop", &nexthopTable, &nh) }},
	} {
		p, h := c.run()
		t.Logf("%s: %d plain rows, %d hooks", c.name, p, h)
	}
}

// TestFieldValueNoAlloc: the generated accessor returns scalars,
// addresses, text and enums without allocating.
func TestFieldValueNoAlloc(t *testing.T) {
	var rt rtnl.Route
	rt.SetGateway(netip.MustParseAddr("10.0.0.1"))
	rt.SetOIF(2)
	rt.SetPref(1)
	var ru rtnl.Rule
	ru.SetIIFName("eth0")
	var sum uint64
	n := testing.AllocsPerRun(100, func() {
		for _, id := range []uint16{rtnl.RTA_GATEWAY, rtnl.RTA_OIF, rtnl.RTA_PREF} {
			v, _ := rt.FieldValue(id)
			sum += v.Uint
		}
		v, _ := ru.FieldValue(rtnl.FRA_IIFNAME)
		sum += uint64(len(v.Bytes))
	})
	if n != 0 {
		t.Errorf("FieldValue allocates %v times per run", n)
	}
	if v, ok := rt.FieldValue(rtnl.RTA_PREF); !ok || v.Kind != nlwire.FieldEnum || v.Name() != rtnl.Pref(1).String() {
		t.Errorf("RTA_PREF: %+v %v, want the enum with its name %q", v, ok, rtnl.Pref(1).String())
	}
	if _, ok := rt.FieldValue(rtnl.RTA_TABLE); ok {
		t.Error("FieldValue(RTA_TABLE) answered for an absent attribute")
	}
}

// TestViaRealmsRows: RTA_VIA and RTA_FLOW are plain rows whose forms print
// print_rta_via's and print_rta_flow's words and objects.
func TestViaRealmsRows(t *testing.T) {
	var rt rtnl.Route
	rt.Header.Family = rtnl.AF_INET
	rt.Header.Type = rtnl.RTN_UNICAST
	rt.Header.Protocol = rtnl.RTPROT_BOOT
	rt.SetVia(netip.MustParseAddr("2001:db8::1"))
	rt.SetFlow(3<<16 | 4)
	var lk rtnl.Link
	lk.SetMTU(1500)
	lk.SetQdisc("noqueue")
	lk.SetMaster(4)
	lk.SetPromiscuity(0)
	lk.SetAllMulti(0)
	lk.SetMinMTU(68)
	lk.SetMaxMTU(65535)
	lk.SetNumTxQueues(1)
	lk.SetNumRxQueues(1)
	lk.SetGSOMaxSize(65536)
	lk.SetGSOMaxSegs(65535)
	lk.SetTSOMaxSize(524280)
	lk.SetTSOMaxSegs(65535)
	lk.SetGROMaxSize(65536)
	lk.SetPhysPortName("p0")
	lk.SetPhysPortID([]byte{0xab, 0x01})
	lk.SetPhysSwitchID([]byte{0xcd})
	lk.SetParentDevBusName("pci")
	lk.SetParentDevName("0000:00:01.0")
	var nh rtnl.NexthopObj
	nh.SetGateway(netip.MustParseAddr("10.0.0.1"))
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Numeric: true}, "default via inet6 2001:db8::1 realms 3/4\n"},
		{Options{Numeric: true, JSON: true}, `{"dst":"default","via":{"family":"inet6","host":"2001:db8::1"},"flags":[],"flow":{"from":"3","to":"4"}}`},
	} {
		got, err := c.o.Append(nil, &rt)
		if err != nil || string(got) != c.want {
			t.Errorf("%+v: got %q, %v; want %q", c.o, got, err, c.want)
		}
	}
	rt.SetFlow(4)
	if got, _ := (Options{Numeric: true}).Append(nil, &rt); string(got) != "default via inet6 2001:db8::1 realm 4\n" {
		t.Errorf("one realm: got %q", got)
	}
}

// TestLinkPhysIDsHex: ip prints portid and switchid (JSON phys_port_id,
// phys_switch_id) as one
// hex string each, no separators.
func TestLinkPhysIDsHex(t *testing.T) {
	var l rtnl.Link
	l.Header = rtnl.IfInfoMsg{Index: 2, Type: 1}
	l.SetIfName("x")
	l.SetPhysPortID([]byte{0xab, 0x01, 0xff})
	l.SetPhysSwitchID([]byte{0x0c, 0xd0})
	got, _ := Options{Details: true}.Append(nil, &l)
	if want := "portid ab01ff switchid 0cd0"; !strings.Contains(string(got), want) {
		t.Errorf("text %q lacks %q", got, want)
	}
	got, _ = Options{Details: true, JSON: true}.Append(nil, &l)
	if want := `"phys_port_id":"ab01ff","phys_switch_id":"0cd0"`; !strings.Contains(string(got), want) {
		t.Errorf("JSON %s lacks %s", got, want)
	}
}
