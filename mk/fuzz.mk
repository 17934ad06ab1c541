# fuzz.mk - libFuzzer targets for the content loader, the replay parser and the
# judging of typed answers.
#
#   make fuzz                 run each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_SECONDS=600
#   make fuzz-merge           fold new inputs into the kept corpus, minimised: only
#                             inputs (cut to 4 KiB) that reach something the seeds
#                             do not are kept, so the corpus stays well under 2 MB
#   make fuzz-build           just build build-fuzz/fuzz_content, fuzz_replay, fuzz_answer
#
# Targets are built with clang, -fsanitize=fuzzer,address,undefined, from the core
# sources (no database, no curses).  Each run starts from tests/fuzz/corpus/<target>
# plus fresh seeds (tests/fuzz/make_seeds.sh) and writes what it discovers to
# build-fuzz/corpus-<target>/; crashes land in build-fuzz/ as crash-* files.  The
# kept corpus only changes through fuzz-merge, which keeps it small.
# clang and its fuzzer runtime are installed on first use (tests/tools/ensure-deps.sh).

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_OUT     := build-fuzz
FUZZ_FLAGS   := -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -g -O1 -fno-omit-frame-pointer \
                -fsanitize=address,undefined -fno-sanitize-recover=all -Iinclude
FUZZ_TARGETS := content replay answer
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_OUT)/fuzz_%)
FUZZ_CORE    := $(wildcard core/*.c)
FUZZ_OPTS_content := -max_len=16384 -dict=tests/fuzz/content.dict
FUZZ_OPTS_replay  := -max_len=4096 -dict=tests/fuzz/replay.dict
FUZZ_OPTS_answer  := -max_len=256

.PHONY: fuzz fuzz-build fuzz-merge fuzz-deps

fuzz-deps:
	@sh tests/tools/ensure-deps.sh clang libclang-rt-14-dev libyaml-dev

$(FUZZ_OUT)/libcore-fuzz.a: $(FUZZ_CORE) $(wildcard include/*.h) | fuzz-deps
	@mkdir -p $(FUZZ_OUT)/obj
	cd $(FUZZ_OUT)/obj && rm -f *.o && $(FUZZ_CC) $(FUZZ_FLAGS:-Iinclude=-I$(CURDIR)/include) \
	    -fsanitize=fuzzer-no-link -c $(FUZZ_CORE:%=$(CURDIR)/%)
	rm -f $@ && ar rcs $@ $(FUZZ_OUT)/obj/*.o

$(FUZZ_OUT)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OUT)/libcore-fuzz.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OUT)/libcore-fuzz.a -lyaml -lm

fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@rm -rf $(FUZZ_OUT)/seeds && sh tests/fuzz/make_seeds.sh $(FUZZ_OUT)/seeds
	@status=0; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_OUT)/corpus-$$t tests/fuzz/corpus/$$t; \
	    case $$t in content) opts="$(FUZZ_OPTS_content)";; replay) opts="$(FUZZ_OPTS_replay)";; answer) opts="$(FUZZ_OPTS_answer)";; esac; \
	    echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	    ./$(FUZZ_OUT)/fuzz_$$t $$opts -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -artifact_prefix=$(FUZZ_OUT)/ $(FUZZ_OUT)/corpus-$$t tests/fuzz/corpus/$$t \
	        $(FUZZ_OUT)/seeds/$$t 2>$(FUZZ_OUT)/fuzz_$$t.log \
	        || { status=1; echo "fuzz_$$t FOUND A PROBLEM:"; grep -A30 '^==.*ERROR\|^SUMMARY\|runtime error' $(FUZZ_OUT)/fuzz_$$t.log | head -n 60; }; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE' $(FUZZ_OUT)/fuzz_$$t.log; \
	done; \
	ls $(FUZZ_OUT)/crash-* $(FUZZ_OUT)/leak-* $(FUZZ_OUT)/timeout-* $(FUZZ_OUT)/oom-* 2>/dev/null; \
	exit $$status

fuzz-merge: $(FUZZ_BINS)
	@rm -rf $(FUZZ_OUT)/seeds && sh tests/fuzz/make_seeds.sh $(FUZZ_OUT)/seeds
	@for t in $(FUZZ_TARGETS); do \
	    case $$t in content) opts="$(FUZZ_OPTS_content)";; replay) opts="$(FUZZ_OPTS_replay)";; answer) opts="$(FUZZ_OPTS_answer)";; esac; \
	    rm -rf $(FUZZ_OUT)/merged-$$t && mkdir -p $(FUZZ_OUT)/merged-$$t $(FUZZ_OUT)/corpus-$$t; \
	    cp $(FUZZ_OUT)/seeds/$$t/* $(FUZZ_OUT)/merged-$$t/; \
	    ./$(FUZZ_OUT)/fuzz_$$t $$opts -max_len=4096 -merge=1 $(FUZZ_OUT)/merged-$$t tests/fuzz/corpus/$$t \
	        $(FUZZ_OUT)/corpus-$$t 2>/dev/null && \
	    (cd $(FUZZ_OUT)/seeds/$$t && for f in *; do rm -f ../../merged-$$t/$$f; done) && \
	    rm -rf tests/fuzz/corpus/$$t && mv $(FUZZ_OUT)/merged-$$t tests/fuzz/corpus/$$t && \
	    echo "tests/fuzz/corpus/$$t: $$(ls tests/fuzz/corpus/$$t | wc -l) files, $$(du -sk tests/fuzz/corpus/$$t | cut -f1) KiB"; \
	done
