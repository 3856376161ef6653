/* auth_probe.h - one target's probe session: the valid credential,
 * requests built in the target's style on its surfaces with one thing
 * changed, and findings and notices into the report. auth_checks*.c hold
 * the checks.
 *
 * Every request replays its surface (auth_config.h): the method, the body
 * with its credential placeholders filled in, content_type and the extra
 * headers; a check changes only what it is about.
 *
 * Token cache: the valid token is requested from the token endpoint once
 * per target per run and kept in memory (s->token) for that target's
 * checks only; it is never written to disk and never reused by another
 * target or a later run, so each run requests one anew (the ledger in
 * auth_ratelimit.h keeps runs under the documented rate limit). Every
 * token the run created is listed, by name and expiry, in one notice
 * (auth_session_finish); values are never shown.
 *
 * Ownership: a struct auth_session borrows the target, credentials, HTTP
 * client, ruleset and report, and owns the cached tokens and the list of
 * created tokens (wiped and freed by auth_session_release).
 */
#ifndef AUTHAUDIT_AUTH_PROBE_H
#define AUTHAUDIT_AUTH_PROBE_H

#include <time.h>

#include "auth_config.h"
#include "auth_cred.h"
#include "auth_http.h"
#include "core/report.h"

/* Token requests per target per run: far under the documented 25 per
 * client per 15 minutes, leaving room for the integration's own. */
#define AUTH_MAX_TOKEN_REQUESTS 8

struct auth_session {
	const struct auth_target *t;
	const struct auth_creds *cr;
	struct http_client *http;
	const struct ruleset *rs;
	const struct profile *profile;
	struct report *r;
	size_t target;			/* index in r->targets */
	time_t now;
	char *token;			/* the valid bearer token */
	char *limited_token;		/* one lacking scopes, or NULL */
	int limited_tried;		/* asked for it already */
	long long expires_in;		/* from the token response; -1 */
	char expiration_date[32];	/* Presto: the session token's, "" */
	unsigned token_requests;
	struct strlist created;		/* tokens this run created: name and
					 * expiry, never the value */
};

/* Presto: the session token is asked to expire this many days ahead, the
 * shortest a YYYY-MM-DD date allows without expiring during the run. */
#define AUTH_PRESTO_SESSION_DAYS 2

/* One request: the target's valid request on a surface with one thing
 * changed. */
struct auth_variant {
	const struct auth_endpoint *ep;	/* default: the target's endpoint */
	int no_authorization;
	const char *authorization;	/* replaces "Bearer <token>" */
	const char *token;		/* sent as "Bearer <token>" instead */
	int no_vista_key, no_vista_tenant;
	const char *vista_key, *vista_tenant;	/* replace the valid ones */
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
	long long date;			/* the answer's Date header, 0 */
};

/* Get the valid credential (the given token, or one from the token
 * endpoint) and make the control request: 0 when it succeeds (the
 * endpoint's success_status, else 2xx), -1 with a "could not test" notice
 * added otherwise. Presto FI asks its token endpoint only with the
 * target's allow_token_reissue. */
int auth_session_start(struct auth_session *s);
/* Add the notice that lists the tokens this session created, if any. */
void auth_session_finish(struct auth_session *s);
void auth_session_release(struct auth_session *s);

/* Send a variant; the HTTP status, 0 when nothing answered or the
 * request was not sent (a notice says why). The body is kept in body
 * when it is not NULL. */
long auth_call(struct auth_session *s, const struct auth_variant *v,
	       struct strbuf *body);

/* 1 when the target holds a credential for every placeholder of ep; else
 * 0, with the notice "<check> skipped: ..." and ids marked untested. */
int auth_surface_ready(struct auth_session *s,
		       const struct auth_endpoint *ep, const char *ids,
		       const char *check);

/* Ask the token endpoint for a token (Presto: named name, with this
 * token_expiration_date, NULL for AUTH_PRESTO_SESSION_DAYS ahead; the
 * others: for these scopes, NULL for the target's `scopes`); a token
 * issued is added to s->created. -1 when the per-run or ledger limit is
 * reached, presto-fi lacks allow_token_reissue, or the request could not
 * be made (a notice says why). */
int auth_issue(struct auth_session *s, const char *name, const char *date,
	       const struct strlist *scopes, struct auth_issued *out);
void auth_issued_release(struct auth_issued *i);

/* Does the target's profile select rule id? A check with side effects
 * (a token it creates) runs only for a rule the audit holds. */
int auth_wants(const struct auth_session *s, const char *id);
/* Add a finding of rule `id` (skipped when the profile does not select
 * it) about path; message is formatted. */
void auth_finding(struct auth_session *s, const char *id, const char *path,
		  const char *evidence, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void auth_notice(struct auth_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A check that could not be made: the notice (fmt), and each rule of the
 * comma-separated ids marked untested on the target, so that no
 * statement of theirs reads as a pass. */
void auth_skip(struct auth_session *s, const char *ids, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* 1 for a 2xx status. */
int auth_ok(long status);
/* The UTC date "YYYY-MM-DD" days after now. */
void auth_date_ahead(time_t now, long days, char out[16]);
/* "HTTP 204" into ev: the evidence of an answer. */
void auth_evidence(long status, char ev[32]);
/* "POST /Orders/Create": how messages name a surface. */
const char *auth_surface(const struct auth_endpoint *ep, char *buf,
			 size_t n);

#endif
