build-asan/db/store.o: db/store.c include/store.h include/err.h \
 include/schema.h
include/store.h:
include/err.h:
include/schema.h:
