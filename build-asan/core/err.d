build-asan/core/err.o: core/err.c include/err.h
include/err.h:
