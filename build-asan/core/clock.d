build-asan/core/clock.o: core/clock.c include/clock.h include/err.h
include/clock.h:
include/err.h:
