build-asan/core/content.o: core/content.c include/content.h include/err.h
include/content.h:
include/err.h:
