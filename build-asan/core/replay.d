build-asan/core/replay.o: core/replay.c include/replay.h include/err.h \
 include/fsrs.h include/clock.h
include/replay.h:
include/err.h:
include/fsrs.h:
include/clock.h:
