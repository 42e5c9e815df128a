# jineng build. `make` builds build/jineng; `make test` installs what is missing, builds and runs every
# test (the API suites against the ASan + UBSan build); `make demo` builds and serves a demo province;
# `make asan` runs the unit and API suites under ASan + UBSan only; `make api` the API suites on the -O2 build.
B        ?= build
CC       ?= cc
PKGS     := sqlite3 libpq libmicrohttpd jansson libsodium libcrypto libssl cairo pangocairo libqrencode xlsxwriter \
            libzip expat
OPT      ?= -O2
SAN      ?=
CFLAGS   := -std=c11 -D_GNU_SOURCE -g $(OPT) $(SAN) -Wall -Wextra -Werror -Wstrict-prototypes -Wvla \
            -Wno-missing-field-initializers -Isrc -I$(B)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread
LDFLAGS  := $(SAN)

SRCS     := $(shell find src -name '*.c' | sort)
LIBSRCS  := $(filter-out src/main.c,$(SRCS))
OBJS     := $(patsubst src/%.c,$(B)/obj/%.o,$(LIBSRCS)) $(B)/obj/gen/schema.o $(B)/obj/gen/data.o
# one file per migration, written once with dialect tokens; scripts/embed.c expands it for SQLite and PostgreSQL
SCHEMAS  := $(sort $(wildcard src/store/schema/*.sql))
DATA     := $(sort $(wildcard data/*.csv data/*.txt data/items/*.csv))
UNITSRC  := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN  := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNITSRC))
# fuzz harnesses (tests/fuzz/fuzz_NAME.c, docs/security/fuzz.md): libFuzzer builds in build-fuzz with clang,
# and replay builds (the corpus fed once to each, no libFuzzer) with the normal compiler for `make test`
FUZZSRC  := $(filter-out tests/fuzz/fuzz_common.c,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZERS  := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZSRC))
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# parallel compiles inside `make test`, `make asan` and `make demo` (the 300 sources and 53 unit tests were
# compiled one at a time before: minutes of a 2-core machine's test run); JOBS=1 for a serial build
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps test api unit demo asan asan-suite bench web clean format FORCE fuzz fuzz-build fuzz-replay check-deps check-audit-names check-test-persons check-clang
all: $(B)/jineng

deps:
	@bash scripts/install-deps.sh

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/embed: scripts/embed.c
	@mkdir -p $(B)
	@echo "CC $<"
	@$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

# the file lists are targets too, rewritten only when the set of files changes, so that a migration or data
# file added or removed (whatever its time stamp) regenerates the embedded copy
$(B)/gen/schema.list: FORCE
	@mkdir -p $(B)/gen
	@echo '$(SCHEMAS)' | cmp -s - $@ || echo '$(SCHEMAS)' >$@

$(B)/gen/data.list: FORCE
	@mkdir -p $(B)/gen
	@echo '$(DATA)' | cmp -s - $@ || echo '$(DATA)' >$@

FORCE:

$(B)/gen/schema.c: $(B)/embed $(SCHEMAS) $(B)/gen/schema.list
	@mkdir -p $(B)/gen
	@echo "GEN $@"
	@$(B)/embed $@ $(SCHEMAS)

$(B)/gen/data.c: $(B)/embed $(DATA) $(B)/gen/data.list
	@mkdir -p $(B)/gen
	@echo "GEN $@"
	@$(B)/embed --data $@ $(DATA)

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/libjineng.a: $(OBJS)
	@echo "AR $@"
	@rm -f $@ && ar rcs $@ $^

$(B)/jineng: $(B)/obj/main.o $(B)/libjineng.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libjineng.a
	@mkdir -p $(B)/tests
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(B)/libjineng.a $(LDLIBS) -lcmocka

$(B)/fuzz/replay-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(B)/libjineng.a
	@mkdir -p $(B)/fuzz
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(LDFLAGS) -Itests/fuzz -o $@ $< tests/fuzz/fuzz_common.c tests/fuzz/replay.c $(B)/libjineng.a $(LDLIBS)

$(B)/fuzz/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz_common.h $(B)/libjineng.a
	@mkdir -p $(B)/fuzz
	@echo "LD $@"
	@$(CC) $(CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< tests/fuzz/fuzz_common.c $(B)/libjineng.a $(LDLIBS)

# replays tests/fuzz/corpus/NAME through every harness (seconds; part of `make test`)
fuzz-replay: $(patsubst %,$(B)/fuzz/replay-%,$(FUZZERS))
	@bash scripts/fuzz.sh replay $(B)/fuzz $(FUZZERS)

fuzz-build:
	@bash scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang-14 OPT=-O1 SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	  $(patsubst %,build-fuzz/fuzz/fuzz-%,$(FUZZERS))

# runs every harness for FUZZ_SECONDS (FUZZ_ONLY="NAME ..." for some) under ASan + UBSan; FUZZ_ARGS adds
# libFuzzer options (e.g. -runs=N), FUZZ_NICE sets the nice level (default 10)
fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ARGS='$(FUZZ_ARGS)' FUZZ_NICE='$(or $(FUZZ_NICE),10)' \
	  bash scripts/fuzz.sh run build-fuzz/fuzz $(or $(FUZZ_ONLY),$(FUZZERS))

# every source also compiles with clang under the same warnings: the fuzz harnesses are built with clang-14
# (docs/security/fuzz.md), and a construct only gcc accepts once broke `make fuzz` unnoticed. Syntax only
# (about 10 s on two cores); after `all`, whose generated headers the sources include
check-clang: all
	@printf '%s\n' $(SRCS) $(UNITSRC) $(wildcard tests/fuzz/*.c) | xargs -P$(JOBS) -n 16 clang-14 $(CFLAGS) \
	  -Itests/fuzz -fsyntax-only
	@echo "check-clang: every source compiles with clang-14 too"

# the layer rules over #include lines (docs/ARCHITECTURE.md), and a self-test that plants bad includes
check-deps:
	@bash scripts/check-deps.sh src
	@bash scripts/check-deps.sh --self-test

# every audit action the C sources can write has its words in web/src/dict.js (the 操作日志 page shows no raw
# code), and a self-test that plants unlabelled actions of each form
check-audit-names:
	@node scripts/check-audit-names.mjs
	@node scripts/check-audit-names.mjs --self-test

# no two test files of a suite can make the same resident ID number (the API files share one database, a
# browser lane's files another: a second name for a number is refused with name_mismatch), and a self-test
check-test-persons:
	@node scripts/check-test-persons.mjs
	@node scripts/check-test-persons.mjs tests/web
	@node scripts/check-test-persons.mjs --self-test

unit: $(UNITBIN)
	@bash scripts/run-unit.sh $(B)/tests

web:
	@bash scripts/build-web.sh

# make test: the build (-O2, -Werror), its unit tests and fuzz replay, the sources under clang (check-clang); the
# API contract; the API and CLI suites on SQLite and PostgreSQL at the same time (scripts/test-all.sh, the -O2
# build); then the browser tests in two lanes. Each phase prints its wall and CPU time; any failure stops it. The same unit and API suites under ASan
# + UBSan are `make asan`, which CI (.ci/run) runs after make test: under the sanitizers the suites took 586 s
# of the 22 minutes make test took on two cores, and make test is kept within 15 (README.md, Tests)
test: deps
	@bash -c 'TIMEFORMAT="make test: build, unit, fuzz replay and contract: %R s wall, %U + %S s CPU"; time { \
	  $(MAKE) --no-print-directory -j$(JOBS) --output-sync=target check-deps all unit fuzz-replay check-clang && \
	  bash scripts/check-openapi.sh && $(MAKE) --no-print-directory check-audit-names check-test-persons; }'
	@bash -c 'TIMEFORMAT="make test: API and CLI suites on SQLite and PostgreSQL: %R s wall, %U + %S s CPU"; time \
	  bash scripts/test-all.sh $(B)'
	@bash -c 'TIMEFORMAT="make test: browser tests: %R s wall, %U + %S s CPU"; time bash scripts/test-web.sh $(B)'

# the API suites on the -O2 build (both backends; JINENG_TESTS / JINENG_BACKENDS as scripts/test-all.sh says)
api: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@bash scripts/test-all.sh $(B)

asan: deps
	@$(MAKE) --no-print-directory asan-suite

asan-suite: export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
asan-suite: export ASAN_OPTIONS = detect_leaks=1
asan-suite:
	@echo "== unit and API tests under ASan + UBSan =="
	@$(MAKE) --no-print-directory -j$(JOBS) --output-sync=target B=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" all unit fuzz-replay
	@bash scripts/test-all.sh build-asan

demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@bash scripts/build-web.sh || echo "jineng: web UI not built; serving the API only" >&2
	$(B)/jineng demo

bench: deps
	@bash scripts/install-deps.sh --bench
	@$(MAKE) --no-print-directory all
	@bash bench/run-all.sh $(B)

format:
	clang-format -i $(SRCS) $(shell find src tests -name '*.h') $(UNITSRC)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)
