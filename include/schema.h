/*
 * schema.h - the migrations that build labprep's database (db/schema.c).
 */
#ifndef LP_SCHEMA_H
#define LP_SCHEMA_H

/* Number of migrations; equals STORE_VERSION. */
int schema_count(void);

/* Statements of migration `version` (1-based), from version-1 to version, as a
 * NULL-terminated array; NULL if there is no such migration. */
const char *const *schema_migration(int version);

#endif
