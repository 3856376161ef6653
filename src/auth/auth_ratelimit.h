/* auth_ratelimit.h - keep the auditor under a token endpoint's rate limit
 * (Vista: 25 tokens per client per 15 minutes) across runs: a ledger of
 * when each client last asked for tokens, shared by every run of the same
 * user. The ledger holds sha256 digests of "endpoint URL + client id" and
 * times, never a credential.
 *
 * The ledger lives in $AUTHAUDIT_STATE_DIR, else $XDG_STATE_HOME/authaudit,
 * else ~/.local/state/authaudit (created 0700), file token-requests.
 */
#ifndef AUTHAUDIT_AUTH_RATELIMIT_H
#define AUTHAUDIT_AUTH_RATELIMIT_H

#include <stddef.h>
#include <time.h>

#include "lib/err.h"

/* How many of the n times lie in (now - window, now]. */
size_t rate_count(const long long *times, size_t n, time_t now,
		  long window);

/* Record a token request for key (hashed) when fewer than limit were
 * made in the window: *allowed = 1 and the request is recorded; else
 * *allowed = 0 and *used says how many were made. -1 with e set when the
 * ledger cannot be used. Entries older than the window are pruned. */
int rate_ledger_take(const char *key, time_t now, long limit, long window,
		     int *allowed, size_t *used, struct err *e);

#endif
