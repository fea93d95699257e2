# The two commands of README: `make run` (peerstat on sample_data/) and
# `make test`. Both install what they need first.
GO ?= go
OUT ?= out

.PHONY: deps build run test bench bench-go sample

deps:
	./scripts/install-deps.sh

build: deps
	$(GO) build -o peerstat ./cmd/peerstat

run: build
	./peerstat run --data sample_data --out $(OUT)

test: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench: build
	./bench/run.sh

# Go benchmarks of the hot paths: value parsing and loading (ingest),
# business-day deadlines, bootstrap and a whole compute (metrics), gen.
bench-go: deps
	$(GO) test -run '^$$' -bench . -benchmem ./ingest ./metrics ./synth

sample: build
	rm -rf sample_data && ./peerstat gen --out sample_data
