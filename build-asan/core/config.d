build-asan/core/config.o: core/config.c include/config.h include/err.h \
 include/sched.h include/fsrs.h
include/config.h:
include/err.h:
include/sched.h:
include/fsrs.h:
