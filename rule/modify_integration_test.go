package rule

import (
	"context"
	"encoding/json"
	"errors"
	"net/netip"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/gen/rtnl"
	"github.com/linx-go/linx/internal/nstest"
	"github.com/linx-go/linx/runtime/nlsock"
)

// ipRules is `ip -d -j [-6] rule show`, the oracle, by priority.
func ipRules(t *testing.T, ns nlsock.NetNS, v6 bool) map[float64]map[string]any {
	t.Helper()
	args := []string{"-d", "-j", "rule", "show"}
	if v6 {
		args = append([]string{"-6"}, args...)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(nstest.IP(t, ns, args...)), &list); err != nil {
		t.Fatal(err)
	}
	m := map[float64]map[string]any{}
	for _, r := range list {
		m[r["priority"].(float64)] = r
	}
	return m
}

func TestIntegrationRuleVerbs(t *testing.T) {
	ns := nstest.New(t)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := netip.MustParsePrefix
	add := func(opts ...Option) {
		t.Helper()
		if err := c.Add(ctx, opts...); err != nil {
			t.Fatal(err)
		}
	}
	add(Priority(100), From(p("10.0.0.0/8")), To(p("10.1.0.0/16")), IIF("lo"), OIF("lo"), FwMark(5, 0xff),
		TOS(0x10), IPProto(6), SPort(1, 2), DPort(3, 4), UIDRange(10, 20), Lookup(1000),
		Protocol(rtnl.RTPROT_STATIC), SuppressPrefixLength(0), SuppressIfGroup(5))
	add(Priority(101), Action(rtnl.FR_ACT_BLACKHOLE))
	add(Priority(102), Goto(300))
	add(Priority(103), Action(rtnl.FR_ACT_NOP))
	add(Priority(104), Not(), From(p("10.0.0.0/8")), Action(rtnl.FR_ACT_UNREACHABLE))
	add(Priority(105), L3MDEV())
	add(Priority(106), FwMark(7, 0), Lookup(7))
	add(Priority(107), DSCP(10), Lookup(8))
	add(Priority(108), From(p("2001:db8::/32")), Action(rtnl.FR_ACT_PROHIBIT))
	add(Priority(109), Family(rtnl.AF_INET6), Lookup(rtnl.RT_TABLE_MAIN))

	got := ipRules(t, ns, false)
	for prio, want := range map[float64]string{
		100: `{"dport_end":4,"dport_start":3,"dst":"10.1.0.0","dstlen":16,"fwmark":"0x5","fwmask":"0xff","iif":"lo","ipproto":"tcp","oif":"lo","priority":100,"protocol":"static","sport_end":2,"sport_start":1,"src":"10.0.0.0","srclen":8,"suppress_ifgroup":"5","suppress_prefixlen":0,"table":"1000","tos":"0x10","uid_end":20,"uid_start":10}`,
		101: `{"action":"blackhole","priority":101,"protocol":"unspec","src":"all"}`,
		102: `{"goto":300,"priority":102,"protocol":"unspec","src":"all","unresolved":null}`,
		103: `{"nop":null,"priority":103,"protocol":"unspec","src":"all"}`,
		104: `{"action":"unreachable","not":null,"priority":104,"protocol":"unspec","src":"10.0.0.0","srclen":8}`,
		105: `{"l3mdev":null,"priority":105,"protocol":"unspec","src":"all"}`,
		106: `{"fwmark":"0x7","priority":106,"protocol":"unspec","src":"all","table":"7"}`,
	} {
		b, _ := json.Marshal(got[prio])
		if string(b) != want {
			t.Errorf("rule %v: ip shows\n%s\nwant\n%s", prio, b, want)
		}
	}
	got6 := ipRules(t, ns, true)
	if r := got6[108]; r == nil || r["action"] != "prohibit" || r["src"] != "2001:db8::" || r["srclen"] != 32.0 {
		t.Errorf("rule 108: ip -6 shows %v", r)
	}
	if r := got6[109]; r == nil || r["table"] != "main" {
		t.Errorf("rule 109: ip -6 shows %v", r)
	}
	// ip 6.1 does not know dscp: read it back ourselves.
	list, err := c.List(ctx, Filter{Family: rtnl.AF_INET, Table: 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !list[0].Has(rtnl.FRA_DSCP) || list[0].DSCP != 10 {
		t.Errorf("rules of table 8: %+v, want the dscp 10 rule", list)
	}

	if err := c.Add(ctx, Priority(101), Action(rtnl.FR_ACT_BLACKHOLE)); !errors.Is(err, unix.EEXIST) {
		t.Errorf("second Add: %v, want EEXIST", err)
	}
	if err := c.Delete(ctx, Priority(101)); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, Priority(101)); !errors.Is(err, unix.ENOENT) {
		t.Errorf("second Delete: %v, want ENOENT", err)
	}
	if ipRules(t, ns, false)[101] != nil {
		t.Error("rule 101 still there after Delete")
	}

	// Flush by protocol, then the whole IPv4 list: priority 0 stays.
	n, err := c.Flush(ctx, Filter{Family: rtnl.AF_INET, Protocol: rtnl.RTPROT_STATIC})
	if err != nil || n != 1 {
		t.Errorf("Flush proto static: %d, %v; want 1", n, err)
	}
	n, err = c.Flush(ctx, Filter{Family: rtnl.AF_INET})
	if err != nil || n != 8 { // 102..107 and main, default
		t.Errorf("Flush inet: %d, %v; want 8", n, err)
	}
	if got := ipRules(t, ns, false); len(got) != 1 || got[0] == nil {
		t.Errorf("after Flush ip shows %v; want the local rule (priority 0) only", got)
	}
}

func TestRequestErrors(t *testing.T) {
	p := netip.MustParsePrefix
	for name, opts := range map[string][]Option{
		"two families":    {From(p("10.0.0.0/8")), To(p("2001:db8::/32"))},
		"family vs addr":  {From(p("10.0.0.0/8")), Family(rtnl.AF_INET6)},
		"host bits":       {From(p("10.0.0.1/8"))},
		"two actions":     {Lookup(5), Action(rtnl.FR_ACT_BLACKHOLE)},
		"action lookup":   {Action(rtnl.FR_ACT_TO_TBL)},
		"l3mdev table":    {L3MDEV(), Lookup(5)},
		"table 0":         {Lookup(0)},
		"port range":      {SPort(5, 4)},
		"uid range":       {UIDRange(5, 4)},
		"dscp":            {DSCP(64)},
		"long iif":        {IIF("0123456789abcdef")},
		"nil option":      {nil},
		"mapped v4 from":  {From(p("::ffff:10.0.0.0/104"))},
		"bad family kind": {Family(rtnl.AF_BRIDGE)},
	} {
		if m, err := Request("add", opts...); err == nil {
			t.Errorf("%s: Request gave %+v, want an error", name, m)
		}
	}
	m, err := Request("add", Lookup(1000))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Table != 0 || !m.Has(rtnl.FRA_TABLE) || m.Table != 1000 || m.Header.Action != rtnl.FR_ACT_TO_TBL || m.Header.Family != rtnl.AF_INET {
		t.Errorf("Request add lookup 1000: %+v", m)
	}
	m, err = Request("add")
	if err != nil || m.Header.Table != uint8(rtnl.RT_TABLE_MAIN) || m.Header.Action != rtnl.FR_ACT_TO_TBL {
		t.Errorf("Request add: %+v, %v; want lookup main", m, err)
	}
	m, err = Request("del", Priority(5))
	if err != nil || m.Header.Table != 0 || m.Header.Action != 0 {
		t.Errorf("Request del: %+v, %v; want table and action unspecified", m, err)
	}
}
