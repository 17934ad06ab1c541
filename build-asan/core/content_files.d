build-asan/core/content_files.o: core/content_files.c include/content.h \
 include/err.h
include/content.h:
include/err.h:
