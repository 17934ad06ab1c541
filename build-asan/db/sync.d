build-asan/db/sync.o: db/sync.c include/sync.h include/content.h \
 include/err.h include/store.h include/checkspec.h
include/sync.h:
include/content.h:
include/err.h:
include/store.h:
include/checkspec.h:
