# mk/optimizer.mk - `make bench-optimizer`: labprep's FSRS-6 optimizer against the
# reference (fsrs-rs, as @open-spaced-repetition/binding on node) on simulated
# learners' logs of 10,000 and 100,000 reviews: quality by the reference's own
# evaluator, and wall time.  Needs node and npm only here; the reference is
# installed into $LABPREP_BINDING_DIR (default ~/.cache/labprep/fsrs-binding),
# never into the repository.  BENCH_OPTIMIZER_ARGS passes options to bench.js,
# e.g. make bench-optimizer BENCH_OPTIMIZER_ARGS="--sizes 10000 --runs 5".

.PHONY: bench-optimizer
bench-optimizer: labprep
	@sh tests/tools/optimizer/bench.sh ./labprep $(BENCH_OPTIMIZER_ARGS)
