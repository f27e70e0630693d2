package ipfmt

import (
	"regexp"
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/iptest"
	"github.com/linx-go/linx/internal/nstest"
)

// The kinds whose IFLA_INFO_DATA ipfmt prints (macvlan, macvtap, vxlan, bridge) and bridge ports' IFLA_INFO_SLAVE_DATA,
// and those that have none (veth, ifb),
// compared with ip -d -j link without skipping linkinfo.info_data.
func TestIntegrationLinkData(t *testing.T) {
	ns := nstest.New(t)
	nstest.Batch(t, ns, strings.Join([]string{
		"link add d0 type veth peer name d1",
		"link add link d0 name mv0 type macvlan mode bridge",
		"link add link d0 name mv1 type macvlan mode private",
		"link add link d1 name mv3 type macvlan mode vepa bcqueuelen 200",
		"link add d2 type veth peer name d3",
		"link add link d2 name mv4 type macvlan mode passthru nopromisc",
		"link add link d1 name mt0 type macvtap mode source",
		"link add link d3 name mt1 type macvlan mode source macaddr set 02:00:00:00:00:01 02:00:00:00:00:02",
		"link add ifb0 type ifb",
		"link add br0 type bridge",
		"link add e0 type veth peer name e1",
		"link add e2 type veth peer name e3",
		"link set e0 master br0",
		"link set e2 master br0",
		"link set e2 type bridge_slave cost 5 priority 10 hairpin on learning off guard on group_fwd_mask 0x4001 mcast_flood off isolated on backup_port e0",
		"link add br1 type bridge stp_state 1 forward_delay 800 hello_time 300 max_age 1200 ageing_time 10000 priority 4096 mcast_snooping 0 group_fwd_mask 0x4000 mcast_router 2 nf_call_iptables 1",
		"link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1 remote 10.0.0.2 dev d0 nolearning ttl 5 tos 0x10",
		"link add vx1 type vxlan id 7 group 239.1.1.1 dev d0 dstport 0 srcport 1000 2000 ageing 0 maxaddr 10 proxy l2miss l3miss",
		"link add vx6 type vxlan id 8 group ff05::100 dev d0 dstport 4789 learning ttl inherit tos inherit flowlabel 0x12345 df set noudpcsum udp6zerocsumtx",
		"link add vx7 type vxlan id 9 local 2001:db8::1 remote 2001:db8::2 dstport 4789 df inherit",
		"link add vx2 type vxlan external dstport 4789",
	}, "\n")+"\n")
	// The bridge timers run (gc_timer even on a bridge that is down): their
	// values are left out of the JSON comparison, and masked in the text one
	// keeping their width.
	skip := map[string]bool{"[].inet6_addr_gen_mode": true}
	for _, tm := range []string{"hello_timer", "tcn_timer", "topology_change_timer", "gc_timer"} {
		skip["[].linkinfo.info_data."+tm] = true
	}
	for _, tm := range []string{"hold_timer", "message_age_timer", "forward_delay_timer"} {
		skip["[].linkinfo.info_slave_data."+tm] = true
	}
	timers := regexp.MustCompile(`_timer +[0-9]+\.[0-9]{2}`)
	mask := func(s string) string {
		return timers.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat("#", len(m)) })
	}
	compareList(t, ns, []string{"link", "show"}, Options{}, skip, func(o Options) []byte {
		lt, ls := links(t, ns)
		o.Links = lt
		return listOf(o, ls)
	})
	// ip -d's text, with the addrgenmode ipfmt does not print taken out
	// and ip's double space after promiscuity made single.
	lt, ls := links(t, ns)
	ours := string(listOf(Options{Details: true, Links: lt}, ls))
	ips := regexp.MustCompile(` addrgenmode \S+`).ReplaceAllString(nstest.IP(t, ns, "-d", "link", "show"), "")
	ips = strings.ReplaceAll(ips, "  allmulti", " allmulti")
	iptest.Report(t, "ip -d link show", iptest.TextDiffs(mask(ours), mask(ips)))
}
