build-asan/core/content_check.o: core/content_check.c include/content.h \
 include/err.h
include/content.h:
include/err.h:
