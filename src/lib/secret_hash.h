/* secret_hash.h - the keyed hash reports carry of each secret: HMAC-SHA-256
 * under a key of the user's, so a short password cannot be recovered
 * offline from a shared report (a plain SHA-256 can, by guessing).
 *
 * One key per process, set once before any thread hashes (secret_hash_setup
 * or secret_hash_set_key) and only read after; until then the key is empty,
 * which only runs that write no report use (rules check, unit tests).
 * Where the key comes from, in order (docs/json.md "Secret hashes"):
 * AUTHAUDIT_HASH_KEY (the key itself), AUTHAUDIT_HASH_KEY_FILE (a file
 * holding it), the repository config's file (the caller passes it), and
 * $XDG_CONFIG_HOME/authaudit/hash-key (default ~/.config/...), which is
 * generated on first use from RAND_bytes with mode 0600. Nothing to own:
 * the key lives in this module and is wiped by secret_hash_clear(). */
#ifndef AUTHAUDIT_SECRET_HASH_H
#define AUTHAUDIT_SECRET_HASH_H

#include <stddef.h>

#include "err.h"
#include "strbuf.h"

#define SECRET_HASH_KEY_ENV "AUTHAUDIT_HASH_KEY"
#define SECRET_HASH_KEY_FILE_ENV "AUTHAUDIT_HASH_KEY_FILE"
#define SECRET_HASH_KEY_MIN 16		/* bytes */

/* Find (or make) the key as above and set it. config_file: the key file
 * the repository config names, or NULL. When the default file cannot be
 * created the run goes on with a one-off random key and *notice (when
 * not NULL) says so; a key that is too short or a file that cannot be
 * read is an error. */
int secret_hash_setup(const char *config_file, struct strbuf *notice,
		      struct err *e);
/* Set the key directly (tests; secret_hash_setup uses it). */
void secret_hash_set_key(const void *key, size_t n);
void secret_hash_clear(void);
/* HMAC-SHA-256 of the bytes under the key, 64 lower-case hex + NUL. */
void secret_hash_hex(const void *data, size_t len, char out[65]);
/* What names the key without revealing it: the first 16 hex digits of
 * HMAC(key, "authaudit hash key id"). Reports carry it, so a baseline
 * hashed under another key is told apart from one that simply differs. */
const char *secret_hash_key_id(void);
/* Where the key came from: "AUTHAUDIT_HASH_KEY", a file's path, "one-off",
 * "unset". */
const char *secret_hash_key_source(void);

#endif
