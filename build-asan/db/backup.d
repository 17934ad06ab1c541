build-asan/db/backup.o: db/backup.c include/backup.h include/store.h \
 include/err.h include/clock.h
include/backup.h:
include/store.h:
include/err.h:
include/clock.h:
