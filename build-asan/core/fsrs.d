build-asan/core/fsrs.o: core/fsrs.c include/fsrs.h include/err.h
include/fsrs.h:
include/err.h:
