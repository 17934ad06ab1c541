build-asan/core/paths.o: core/paths.c include/paths.h
include/paths.h:
