package ipfmt

import (
	"strings"
	"testing"

	"github.com/linx-go/linx/internal/nstest"
)

// The kinds whose IFLA_INFO_DATA ipfmt prints, and those that have none,
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
	}, "\n")+"\n")
	skip := map[string]bool{"[].inet6_addr_gen_mode": true}
	compareList(t, ns, []string{"link", "show"}, Options{}, skip, func(o Options) []byte {
		lt, ls := links(t, ns)
		o.Links = lt
		return listOf(o, ls)
	})
}
