build-asan/core/sched.o: core/sched.c include/sched.h include/err.h \
 include/fsrs.h include/clock.h
include/sched.h:
include/err.h:
include/fsrs.h:
include/clock.h:
