package link

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linx-go/linx/internal/nstest"
)

func TestIntegrationClientShape(t *testing.T) {
	ns := nstest.New(t)
	nstest.Veth(t, ns, "veth0", "veth1")
	idx, _ := nstest.Interfaces(t, ns)
	c, err := Open(InNamespace(ns))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	l, err := c.GetByName(ctx, "veth0")
	if err != nil {
		t.Fatal(err)
	}
	if Index(l) != idx["veth0"] {
		t.Errorf("GetByName veth0: index %d, want %d", Index(l), idx["veth0"])
	}
	l, err = c.Get(ctx, idx["veth1"])
	if err != nil || string(l.IfName) != "veth1" {
		t.Fatalf("Get %d: %v, %v; want veth1", idx["veth1"], l, err)
	}
	if _, err := c.GetByName(ctx, "nosuch"); !errors.Is(err, unix.ENODEV) {
		t.Errorf("GetByName nosuch: %v, want ENODEV", err)
	}
	if _, err := c.Get(ctx, 0); err == nil {
		t.Error("Get 0: no error")
	}
	list, err := c.List(ctx, Filter{Kind: "veth"})
	if err != nil || len(list) != 2 {
		t.Errorf("List kind veth: %d links, %v; want 2", len(list), err)
	}
	n := 0
	for l, err := range c.All(ctx, Filter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if l != nil {
			n++
		}
	}
	if n != 3 { // lo, veth0, veth1
		t.Errorf("All: %d links, want 3", n)
	}
}
