# Trawl: `make index` builds and indexes Corpus/ into Index/; `make test` runs the suite.
# Both install what is missing first (Debian/Ubuntu, with apt-get; sudo when not root).

SWIFT  ?= swift
BIN    := .build/release/trawl
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Swift may live outside PATH (e.g. /opt/swift); look there too.
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: all deps test-deps build index search stats test test-all test-asan test-tsan fuzz clean eval eval-keywords eval-deps man install uninstall bench bench-deps bench-corpus

all: build

# libxapian-dev (the library and headers the C shim builds against), libyaml-dev (front matter of Markdown
# articles), libtomlplusplus-dev (toml++, header-only, for reading trawl.toml) and pkg-config to find them.
deps:
	@if ! pkg-config --exists xapian-core yaml-0.1 tomlplusplus 2>/dev/null; then \
		echo "Installing libxapian-dev, libyaml-dev, libtomlplusplus-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libxapian-dev libyaml-dev libtomlplusplus-dev pkg-config; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/linux/"; exit 1; }

# What some tests use besides: Xapian's own tools (xapian-delve, quest) to check the index is standard,
# and script(1) to give trawl a terminal. Tests that need them skip, saying why, when they are absent.
test-deps: deps
	@if ! command -v quest >/dev/null || ! command -v xapian-delve >/dev/null || ! command -v script >/dev/null; then \
		echo "Installing xapian-tools and bsdutils with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq xapian-tools bsdutils; \
	fi

# The Swift runtime and Foundation linked in statically: a search is mostly start-up, and loading and binding
# a dozen shared Swift libraries took about 40% of `trawl --version` (9.6 ms, 5.8 ms static).
# Concrete generic types are reached through their metadata accessors rather than by mangled name: the runtime
# otherwise demangles each name on first use and checks its generic requirements by scanning every protocol
# conformance in the binary (about 4,000, once per type and protocol). Every module built here, argument-parser
# included: 28.8 M -> 25.9 M instructions for a `trawl search` process, for 32 kB more binary.
RELEASE_FLAGS := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
build: deps
	$(SWIFT) build -c release --product trawl --static-swift-stdlib $(RELEASE_FLAGS)

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

# The man page, generated from the command definitions by swift-argument-parser's plugin. From a debug build:
# the plugin's own release build, without `make build`'s flags, would recompile every module and replace the
# release binary that `make install` installs; the definitions, and so the page, are the same.
MAN := .build/plugins/GenerateManual/outputs/trawl/trawl.1
man: build
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, its man page, and bash, zsh and fish completions.
PREFIX ?= /usr/local
install: man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/trawl
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/trawl.1
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/trawl
	$(BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_trawl
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/trawl.fish
	@echo "installed trawl, its man page and completions under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/trawl $(DESTDIR)$(PREFIX)/share/man/man1/trawl.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/trawl $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_trawl \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/trawl.fish

# With the slow tests too (a 50 MB article, a 5 MB line): TRAWL_SLOW_TESTS turns them on.
test-all: test-deps
	TRAWL_SLOW_TESTS=1 $(SWIFT) test

# The suite under AddressSanitizer, in its own build folder so that the normal build is not thrown away.
# Leak detection is off: Swift's Regex runtime, argument-parser and XCTest keep allocations for the life of the
# process, and the report would break the tests that pin stderr; Xapian handles are counted by a test instead.
test-asan: test-deps
	ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no $(SWIFT) test --sanitize=address --scratch-path .build-asan

# ThreadSanitizer over the suite, the parallel indexer's tests (--jobs) included.
test-tsan: test-deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# libFuzzer on the article readers and on query parsing with passages and highlighting (Fuzz/), each for
# FUZZ_SECONDS, starting from the seeds in Fuzz/Seeds; an input that crashes is written to Fuzz/Crashes/
# (keep it: TrawlKitTests replays every file there). The corpus a run grows stays in .build/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := readers query
fuzz: deps
	$(SWIFT) build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
	@status=0; for t in $(FUZZ_TARGETS); do \
		bin=Fuzz/.build/debug/Fuzz$$(echo $$t | sed 's/./\U&/'); mkdir -p .build/fuzz/$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s..."; \
		SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $$bin .build/fuzz/$$t Fuzz/Seeds/$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=Fuzz/Crashes/$$t- -print_final_stats=1 > .build/fuzz/$$t.log 2>&1 || status=1; \
		grep -E "^stat::number_of_executed_units|^Done|SUMMARY|Test unit written" .build/fuzz/$$t.log | sed "s/^/  $$t: /"; \
	done; exit $$status

clean:
	rm -rf .build
	find Index -mindepth 1 ! -name .gitkeep -delete

# Ranking quality on the test collections in ../shared/ir, next to the peers' MAP (installs ir-measures).
eval: build eval-deps
	python3 scripts/eval.py

# What pseudo-relevance feedback does to keyword searches with every word required (off by default), on keyword
# versions of the same collections' queries: a Markdown table of per-query changes, with and without it.
eval-keywords: build eval-deps
	python3 scripts/eval.py --keywords

eval-deps:
	@python3 -c "import ir_measures" 2>/dev/null || pip install -q ir-measures

# Speed and memory beside Xapian's own tools (scriptindex, quest), at 1x and 8x the benchmark corpus
# (../shared/corpus/seeds + ../shared/corpora); a Markdown table on stdout. Generated data goes to bench/.
# BENCH_SCALES=1 for the 1x half only; BENCH_JOBS=N for the writers (default: the cores); BENCH_INDEX_RUNS=1=5,8=2
# for more full-index pairs (trawl then scriptindex, alternated; default 3 at 1x, 1 at 8x).
BENCH_SCALES ?= 1,8
bench: build bench-deps $(if $(findstring 8,$(BENCH_SCALES)),bench-corpus)
	python3 scripts/bench.py --scales $(BENCH_SCALES) $(if $(BENCH_JOBS),--jobs $(BENCH_JOBS)) $(if $(BENCH_INDEX_RUNS),--index-runs $(BENCH_INDEX_RUNS))

bench-deps:
	@if ! command -v scriptindex >/dev/null || ! command -v quest >/dev/null || [ ! -x /usr/bin/time ]; then \
		echo "Installing xapian-omega, xapian-tools and time with apt-get..."; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq xapian-omega xapian-tools time; \
	fi

# 8 times the benchmark corpus, from sentences of different real articles (not near-duplicates of each other).
bench-corpus: bench/synthetic-8x
bench/synthetic-8x:
	python3 scripts/synth_corpus.py --scale 8 --out $@
