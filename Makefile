# Trawl: `make index` builds and indexes Corpus/ into Index/; `make test` runs the suite.
# Both install what is missing first (Debian/Ubuntu, with apt-get; sudo when not root).

SWIFT  ?= swift
BIN    := .build/release/trawl
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Swift may live outside PATH (e.g. /opt/swift); look there too.
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: all deps test-deps build index search stats test clean eval bench bench-deps bench-corpus

all: build

# libxapian-dev (the library and headers the C shim builds against) and pkg-config to find it.
deps:
	@if ! pkg-config --exists xapian-core 2>/dev/null; then \
		echo "Installing libxapian-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxapian-dev pkg-config; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/linux/"; exit 1; }

# What some tests use besides: Xapian's own tools (xapian-delve, quest) to check the index is standard,
# and script(1) to give trawl a terminal. Tests that need them skip, saying why, when they are absent.
test-deps: deps
	@if ! command -v quest >/dev/null || ! command -v xapian-delve >/dev/null || ! command -v script >/dev/null; then \
		echo "Installing xapian-tools and bsdutils with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq xapian-tools bsdutils; \
	fi

build: deps
	$(SWIFT) build -c release --product trawl

index: build
	$(BIN) index
	@echo
	@echo "Search it:"
	@echo "  $(BIN) search 'drone attack Haifa'"
	@echo "  $(BIN) search '\"Islamic Resistance in Iraq\"' --format json | jq ."
	@echo "  $(BIN) stats"
	@echo "or: make search Q='drone attack Haifa'"

# make search Q='drone attack Haifa'
search: build
	@test -n "$(Q)" || { echo "usage: make search Q='words to search for'"; exit 2; }
	$(BIN) search '$(subst ','\'',$(Q))'

stats: build
	$(BIN) stats

test: test-deps
	$(SWIFT) test

clean:
	rm -rf .build
	find Index -mindepth 1 ! -name .gitkeep -delete

# Ranking quality on the test collections in ../shared/ir, next to the peers' MAP (installs ir-measures).
eval: build
	@python3 -c "import ir_measures" 2>/dev/null || pip install -q ir-measures
	python3 scripts/eval.py

# Speed and memory beside Xapian's own tools (scriptindex, quest), at 1x and 8x the benchmark corpus
# (../shared/corpus/seeds + ../shared/corpora); a Markdown table on stdout. Generated data goes to bench/.
# BENCH_SCALES=1 for the 1x half only; BENCH_JOBS=N for the writers (default: the cores).
BENCH_SCALES ?= 1,8
bench: build bench-deps $(if $(findstring 8,$(BENCH_SCALES)),bench-corpus)
	python3 scripts/bench.py --scales $(BENCH_SCALES) $(if $(BENCH_JOBS),--jobs $(BENCH_JOBS))

bench-deps:
	@if ! command -v scriptindex >/dev/null || ! command -v quest >/dev/null || [ ! -x /usr/bin/time ]; then \
		echo "Installing xapian-omega, xapian-tools and time with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq xapian-omega xapian-tools time; \
	fi

# 8 times the benchmark corpus, from sentences of different real articles (not near-duplicates of each other).
bench-corpus: bench/synthetic-8x
bench/synthetic-8x:
	python3 scripts/synth_corpus.py --scale 8 --out $@
