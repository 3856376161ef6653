/* auth_cred.h - the valid credentials the auth probes hold: read from
 * environment variables or from a file only its owner can read (a group-
 * or world-accessible file is refused). Values are never printed; they
 * are wiped when released.
 *
 * The file holds `name: value` lines (YAML); blank lines and '#' comments
 * are skipped. Names used by the probes: token, limited_token,
 * expired_token, jwt_key, email, password, username, client_id,
 * client_secret, tenant, vista_api_key, api_key, revoked_api_key.
 *
 * Ownership: struct auth_creds owns its names and values;
 * auth_creds_release() wipes and frees them.
 */
#ifndef AUTHAUDIT_AUTH_CRED_H
#define AUTHAUDIT_AUTH_CRED_H

#include <sys/stat.h>
#include <sys/types.h>

#include "auth_config.h"
#include "lib/err.h"
#include "lib/strlist.h"

struct auth_creds {
	struct kvlist items;
};

/* 0 when st describes a regular file owned by uid with no group or other
 * permission bits (0600, 0400, 0700...); -1 with e naming path and why. */
int auth_cred_mode_check(const char *path, const struct stat *st, uid_t uid,
			 struct err *e);

/* File first (when the target names one), then environment variables,
 * which override. A variable named in the config but unset is an error. */
int auth_creds_load(struct auth_creds *c, const struct auth_target *t,
		    struct err *e);
/* The value, or NULL when absent or empty. */
const char *auth_creds_get(const struct auth_creds *c, const char *name);
void auth_creds_release(struct auth_creds *c);

#endif
