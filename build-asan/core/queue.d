build-asan/core/queue.o: core/queue.c include/queue.h
include/queue.h:
