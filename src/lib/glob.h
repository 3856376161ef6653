/* glob.h - path globs for rule `paths`, --exclude and client-side paths.
 * `*` stays within a path component, `**` crosses them, `?` is one
 * character, `[...]` a class. A glob without '/' is matched against the
 * base name, one with '/' against the whole relative path. */
#ifndef AUTHAUDIT_GLOB_H
#define AUTHAUDIT_GLOB_H

#include "strlist.h"

int glob_match(const char *glob, const char *path);
/* Does any glob of the list match? */
int glob_any(const struct strlist *globs, const char *path);

#endif
