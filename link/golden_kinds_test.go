package link

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/linx-go/linx/gen/rtnl"
)

// The request bytes of kinds this kernel lacks, against the bytes ip
// would send for the same command line, written out here from iproute2's
// source: iplink_parse adds IFLA_LINK and then IFLA_IFNAME, iplink_modify
// then IFLA_LINKINFO with IFLA_INFO_KIND (ip 6.1: without the NUL) and,
// when the kind has arguments, IFLA_INFO_DATA with the kind's attributes in
// the order of the arguments (ip/iplink_vlan.c, iplink_vrf.c,
// iplink_bond.c, link_veth.c: VETH_INFO_PEER is a struct ifinfomsg and the
// peer's attributes). ip sets no NLA_F_NESTED. linx's bytes differ only in
// attribute order, the kind's NUL and NLA_F_NESTED on IFLA_INFO_DATA, none
// of which the kernel minds: so ip's bytes are decoded and compared whole
// with linx's request, and nothing of them may be left unknown.

func nla(typ uint16, payload ...[]byte) []byte {
	var p []byte
	for _, x := range payload {
		p = append(p, x...)
	}
	b := binary.LittleEndian.AppendUint16(nil, uint16(4+len(p)))
	b = binary.LittleEndian.AppendUint16(b, typ)
	b = append(b, p...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

func u8(v uint8) []byte      { return []byte{v} }
func u16(v uint16) []byte    { return binary.LittleEndian.AppendUint16(nil, v) }
func be16(v uint16) []byte   { return binary.BigEndian.AppendUint16(nil, v) }
func u32(v uint32) []byte    { return binary.LittleEndian.AppendUint32(nil, v) }
func str(s string) []byte    { return []byte(s) }
func strz(s string) []byte   { return append([]byte(s), 0) }
func ifinfomsg() []byte      { return make([]byte, rtnl.SizeofIfInfoMsg) }
func msg(b ...[]byte) []byte { return nla(0, b...)[4:] }

func TestGoldenKindRequestsAsIP(t *testing.T) {
	const eth0 = 2
	for _, c := range []struct {
		ip   string
		name string
		kind Kind
		opts []Option
		want []byte
	}{
		{"ip link add link eth0 name eth0.5 type vlan id 5 protocol 802.1ad", "eth0.5", Vlan(eth0, 5, 0x88a8), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_LINK, u32(eth0)), nla(rtnl.IFLA_IFNAME, strz("eth0.5")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("vlan")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.IFLA_VLAN_ID, u16(5)), nla(rtnl.IFLA_VLAN_PROTOCOL, be16(0x88a8)))))},
		{"ip link add link eth0 name eth0.7 type vlan id 7", "eth0.7", Vlan(eth0, 7, 0), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_LINK, u32(eth0)), nla(rtnl.IFLA_IFNAME, strz("eth0.7")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("vlan")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.IFLA_VLAN_ID, u16(7)))))},
		{"ip link add blue type vrf table 10", "blue", Vrf(10), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_IFNAME, strz("blue")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("vrf")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.IFLA_VRF_TABLE, u32(10)))))},
		{"ip link add bond0 type bond mode active-backup miimon 100", "bond0", Bond(BondMode("active-backup"), MIIMon(100*time.Millisecond)), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_IFNAME, strz("bond0")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("bond")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.IFLA_BOND_MODE, u8(1)), nla(rtnl.IFLA_BOND_MIIMON, u32(100)))))},
		{"ip link add d0 mtu 1400 type dummy", "d0", Dummy(), []Option{MTU(1400)},
			msg(ifinfomsg(), nla(rtnl.IFLA_MTU, u32(1400)), nla(rtnl.IFLA_IFNAME, strz("d0")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("dummy"))))},
		{"ip link add v0 type veth peer name v1 mtu 1300", "v0", Veth("v1", MTU(1300)), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_IFNAME, strz("v0")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("veth")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.VETH_INFO_PEER, ifinfomsg(), nla(rtnl.IFLA_MTU, u32(1300)), nla(rtnl.IFLA_IFNAME, strz("v1"))))))},
		{"ip link add br1 type bridge vlan_filtering 1 stp_state 1", "br1", Bridge(VLANFiltering(true), STP(true)), nil,
			msg(ifinfomsg(), nla(rtnl.IFLA_IFNAME, strz("br1")),
				nla(rtnl.IFLA_LINKINFO, nla(rtnl.IFLA_INFO_KIND, str("bridge")),
					nla(rtnl.IFLA_INFO_DATA, nla(rtnl.IFLA_BR_VLAN_FILTERING, u8(1)), nla(rtnl.IFLA_BR_STP_STATE, u32(1)))))},
	} {
		t.Run(c.name, func(t *testing.T) {
			k := c.kind
			got, err := Request("add", 0, c.name, &k, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			var ip rtnl.Link
			if err := ip.Decode(c.want); err != nil {
				t.Fatalf("%s: decode ip's bytes: %v", c.ip, err)
			}
			if len(ip.Unknown) != 0 || len(ip.LinkInfo.Unknown) != 0 {
				t.Fatalf("%s: ip's bytes hold attributes the schema does not know", c.ip)
			}
			// Both ends through the same decoder (the veth peer is raw bytes
			// in both and compared as such).
			var mine rtnl.Link
			if err := mine.Decode(got.Append(nil)); err != nil {
				t.Fatal(err)
			}
			if !mine.Equal(&ip) {
				t.Errorf("%s:\nlinx % x\nip   % x", c.ip, got.Append(nil), c.want)
			}
			if d := len(got.Append(nil)) - len(c.want); d != 4 && d != 0 {
				// One NUL (padded to 4) on the kind: any other size is more.
				if !(k.String() == "vlan" || k.String() == "bond" || k.String() == "veth") || d != 4 {
					t.Errorf("%s: linx sends %d bytes more than ip", c.ip, d)
				}
			}
		})
	}
}
