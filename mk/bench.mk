# bench.mk - `make bench`: labprep on a generated heavy year (bench/README.md).
#
#   make bench                  generate the year once (about 3 min), then print the table
#   make bench BENCH_RUNS=11    more runs per figure
#
# Not part of `make check`: it takes minutes and its figures depend on the machine.
# Needs sqlite3 (installed on first use); node and npm for the ts-fsrs
# comparison (skipped without them).

BENCH_OUT  := build-bench
BENCH_CC   := $(CC) $(CSTD) $(WARN) -O2 -g -Iinclude
BENCH_RUNS ?= 7

.PHONY: bench bench-deps

bench-deps:
	@sh tests/tools/ensure-deps.sh sqlite3

$(BENCH_OUT)/gen_year: bench/gen_year.c $(LIBCORE) | bench-deps
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) -o $@ $< $(LIBCORE) $(CORE_LIBS)

$(BENCH_OUT)/bench_driver: bench/bench_driver.c $(LIBCORE)
	@mkdir -p $(BENCH_OUT)
	$(BENCH_CC) -o $@ $< $(LIBCORE) $(CORE_LIBS)

# No -Iinclude: include/sched.h would hide the system's <sched.h> from <spawn.h>.
$(BENCH_OUT)/timeit: bench/timeit.c
	@mkdir -p $(BENCH_OUT)
	$(CC) $(CSTD) $(WARN) -O2 -g -o $@ $<

bench: labprep $(BENCH_OUT)/gen_year $(BENCH_OUT)/bench_driver $(BENCH_OUT)/timeit | bench-deps
	@BENCH_RUNS=$(BENCH_RUNS) sh bench/run.sh
