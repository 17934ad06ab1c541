build-asan/db/schema.o: db/schema.c include/schema.h
include/schema.h:
