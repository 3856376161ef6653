/* auth_probe.h - one target's probe session: the valid credential
 * (requested from the token endpoint once and cached), requests built in
 * the target's style with one thing changed, and findings and notices
 * into the report. auth_checks.c holds the checks themselves.
 *
 * Ownership: a struct auth_session borrows the target, credentials, HTTP
 * client, ruleset and report, and owns the cached token (wiped and freed
 * by auth_session_release).
 */
#ifndef AUTHAUDIT_AUTH_PROBE_H
#define AUTHAUDIT_AUTH_PROBE_H

#include <time.h>

#include "auth_config.h"
#include "auth_cred.h"
#include "auth_http.h"
#include "report.h"

/* Token requests per target per run: far under the documented 25 per
 * client per 15 minutes, leaving room for the integration's own. */
#define AUTH_MAX_TOKEN_REQUESTS 6

struct auth_session {
	const struct auth_target *t;
	const struct auth_creds *cr;
	struct http_client *http;
	const struct ruleset *rs;
	const struct profile *profile;
	struct report *r;
	time_t now;
	char *token;			/* the valid bearer token */
	long long expires_in;		/* from the token response; -1 */
	unsigned token_requests;
};

/* One request: the target's valid headers with one thing changed. */
struct auth_variant {
	const char *path;		/* default: the target's endpoint */
	int no_authorization;
	const char *authorization;	/* replaces "Bearer <token>" */
	int no_vista_key, no_vista_tenant;
	int no_apikey;
	const char *apikey;		/* replaces the valid key */
	const char *apikey_header;	/* default "ApiKey" */
	const char *captcha;		/* CaptchaResponse value */
};

/* A token response: what the token endpoint said. */
struct auth_issued {
	long status;
	char *token;			/* owned; NULL when none */
	long long expires_in;		/* -1 when absent */
	char expiration_date[32];	/* Presto "YYYY-MM-DD...", "" */
};

/* Get the valid credential (cached token, or one from the token
 * endpoint) and make the control request: 0 when it succeeds (2xx),
 * -1 with a "could not test" notice added otherwise. */
int auth_session_start(struct auth_session *s);
void auth_session_release(struct auth_session *s);

/* Send a variant; the HTTP status, 0 when nothing answered. The body is
 * kept in body when it is not NULL. */
long auth_call(struct auth_session *s, const struct auth_variant *v,
	       struct strbuf *body);

/* Ask the token endpoint for a token (Presto: with this
 * token_expiration_date, may be NULL for the default 30 days ahead).
 * -1 when the per-run limit is reached or the request could not be made
 * (a notice says why). */
int auth_issue(struct auth_session *s, const char *date,
	       struct auth_issued *out);
void auth_issued_release(struct auth_issued *i);

/* Add a finding of rule `id` (skipped when the profile does not select
 * it) about path; message is formatted. */
void auth_finding(struct auth_session *s, const char *id, const char *path,
		  const char *evidence, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void auth_notice(struct auth_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* 1 for a 2xx status. */
int auth_ok(long status);

#endif
