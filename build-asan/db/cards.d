build-asan/db/cards.o: db/cards.c include/cards.h include/config.h \
 include/err.h include/queue.h include/sched.h include/fsrs.h \
 include/store.h include/clock.h
include/cards.h:
include/config.h:
include/err.h:
include/queue.h:
include/sched.h:
include/fsrs.h:
include/store.h:
include/clock.h:
