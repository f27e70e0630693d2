# linx build and test entry points. `make test` is what CI runs.

GO       ?= go
FUZZTIME ?= 30s
PKGS     := ./...

.PHONY: all gen check test race integration fuzz fuzz-replay bench capture

all: check test

# Regenerate the codecs from schema/*.hcl.
gen:
	$(GO) generate ./gen/...

# Formatting, vet, and generated code up to date with the schema.
check:
	@fmt=$$(gofmt -l . | grep -v '^bench/' || true); \
	  if [ -n "$$fmt" ]; then echo "gofmt needed:"; echo "$$fmt"; exit 1; fi
	$(GO) vet $(PKGS)
	$(MAKE) gen
	@git diff --exit-code --stat -- gen/ || \
	  (echo "generated code is stale: run 'make gen' and commit"; exit 1)
	@untracked=$$(git ls-files --others --exclude-standard -- gen/); \
	  if [ -n "$$untracked" ]; then echo "untracked generated files: $$untracked"; exit 1; fi

# Unit, golden, fuzz-corpus replay and (as root) integration tests.
test: check
	$(GO) test -count=1 $(PKGS)

# The packages with goroutines and sockets (and the reconciler), under the race detector.
race:
	$(GO) test -count=1 -race ./runtime/... ./route/... ./monitor/... ./reconcile/...

# Only the tests that need root and the real kernel.
integration:
	$(GO) test -count=1 -run Integration $(PKGS)

# Run every fuzz target for FUZZTIME each.
fuzz:
	./fuzz/run.sh $(FUZZTIME)

# Peer comparisons live in their own module (bench/go.mod).
bench:
	$(GO) test -run XXX -bench . -benchmem ./gen/rtnl/
	cd bench && $(GO) test -run XXX -bench . -benchmem ./...

# Re-record the kernel captures the golden tests decode (needs root).
capture:
	$(GO) run ./internal/capture -out gen/rtnl/testdata/kernel
	$(GO) generate ./fuzz
