package nlsock

// Pid returns the process id given to NetNSPid, and whether ns is one.
// A link moved there is sent with IFLA_NET_NS_PID.
func (ns NetNS) Pid() (int, bool) { return ns.num, ns.kind == nsPid }

// Fd returns the file descriptor given to NetNSFd, and whether ns is one.
// A link moved there is sent with IFLA_NET_NS_FD.
func (ns NetNS) Fd() (int, bool) { return ns.num, ns.kind == nsFd }
