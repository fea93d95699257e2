# The two commands of README: `make run` (peerstat on sample_data/ into
# out/) and `make test`. `make run` installs nothing: go build fetches the
# Go modules and the ECharts build is committed. Everything else the tests
# need (a browser, an office suite, mingw-w64, Wine) is installed by
# `make test` only.
GO ?= go
OUT ?= out

.PHONY: build run test test-deps release wine-test echarts bench bench-go sample

build:
	$(GO) build -o peerstat ./cmd/peerstat

run: build
	./peerstat run --data sample_data --out $(OUT)

test-deps:
	./scripts/test-deps.sh

# vet and the Go tests (the adversary test, which attacks four agencies'
# published outputs, included), then the release binaries and the Windows
# binary under Wine against the Linux one.
test: test-deps
	$(GO) vet ./...
	PEERSTAT_ADVERSARY=1 $(GO) test -count=1 -timeout 45m ./...
	./scripts/release.sh
	./scripts/wine-test.sh

# Versioned binaries for linux/amd64 and windows/amd64 with SHA256SUMS in
# dist/ (VERSION=v1.2.0 make release names the version; else git describe).
release:
	./scripts/release.sh

wine-test: release
	./scripts/wine-test.sh

# Replace the committed ECharts build with the version package-lock.json
# pins (needs node and npm); see reports/assets.go.
echarts:
	./scripts/fetch-echarts.sh

bench: build
	./bench/run.sh

# Go benchmarks of the hot paths: value parsing and loading (ingest),
# business-day deadlines, bootstrap and a whole compute (metrics), gen.
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./ingest ./metrics ./synth

sample: build
	rm -rf sample_data && ./peerstat gen --out sample_data
