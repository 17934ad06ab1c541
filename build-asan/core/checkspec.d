build-asan/core/checkspec.o: core/checkspec.c include/checkspec.h \
 include/content.h include/err.h
include/checkspec.h:
include/content.h:
include/err.h:
