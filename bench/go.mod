module github.com/linx-go/linx/bench

go 1.26.0

replace github.com/linx-go/linx => ../

require (
	github.com/jsimonetti/rtnetlink/v2 v2.3.0
	github.com/linx-go/linx v0.0.0
	github.com/mdlayher/netlink v1.9.0
	github.com/vishvananda/netlink v1.3.1
	github.com/vishvananda/netns v0.0.5
	golang.org/x/sys v0.50.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/mdlayher/socket v0.5.1 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)
