build-asan/core/content_stats.o: core/content_stats.c \
 include/content_stats.h include/content.h include/err.h
include/content_stats.h:
include/content.h:
include/err.h:
