/* auth_checks.h - the auth probes, one table row each: which styles a
 * check applies to and the function that runs it on a started session.
 * Checks add findings (auth.* rules) and notices; they never print. A
 * check that cannot run says so in a notice ("... skipped: why"), so a
 * skipped check never reads as a clean result.
 *
 * By concern: auth_checks.c (the table; refusals of missing, random and
 * unprefixed credentials, scope and tenant access, reCAPTCHA, Vista
 * headers, ApiKey; plain HTTP), auth_checks_jwt.c (forged and expired
 * JWTs), auth_checks_token.c (what token endpoints issue and what becomes
 * of it: the Presto lifecycle and policy limit, FI revocation, JWT exp
 * and lifetimes).
 */
#ifndef AUTHAUDIT_AUTH_CHECKS_H
#define AUTHAUDIT_AUTH_CHECKS_H

#include <time.h>

#include "auth_probe.h"

/* Run every check for the session's style, in table order. */
void auth_checks_run(struct auth_session *s);
/* Everything for one target (auth_run.c): its credentials, the session,
 * auth_checks_run() and the plain-HTTP check, findings into r. ca_file
 * is used when the target names none. Returns 1 when the target could be
 * tested, 0 when not (a notice says why), -1 on a config or credentials
 * error (e set). */
int auth_run_target(const struct auth_target *t, const char *ca_file,
		    const struct ruleset *rs, struct report *r,
		    struct err *e);
/* The plain-HTTP check runs without credentials, even when the control
 * request failed. */
void auth_check_plain_http(struct auth_session *s);

/* The checks of auth_checks_jwt.c and auth_checks_token.c, for the
 * table in auth_checks.c. */
void auth_check_jwt_forgeries(struct auth_session *s);
void auth_check_jwt_expired(struct auth_session *s);
void auth_check_presto_expiry(struct auth_session *s);
void auth_check_fi_revocation(struct auth_session *s);
void auth_check_issued_lifetime(struct auth_session *s);

/* Send "Bearer <tok>"; the status when it was accepted (2xx), else 0. */
long auth_forged_accepted(struct auth_session *s, const char *tok);

/* The expired-JWT check's plan: send the given expired_token; re-sign the
 * valid token's claims, expired, with jwt_key (only for an HMAC alg, else
 * a 401 would test the algorithm, not expiry); or skip. */
enum auth_expired_plan {
	AUTH_EXPIRED_GIVEN,
	AUTH_EXPIRED_FORGE,
	AUTH_EXPIRED_SKIP_NO_CREDENTIAL,
	AUTH_EXPIRED_SKIP_NOT_HMAC,
};
enum auth_expired_plan auth_expired_plan(const char *alg, int have_expired,
					 int have_key);

/* 1 when a Presto expiration_date ("YYYY-MM-DD...") lies after the UTC
 * date max_days after now (the policy_max_token_request_days). */
int auth_presto_beyond_limit(const char *expiration_date, time_t now,
			     long max_days);
/* A Presto expiration_date, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.f]Z"
 * (UTC), as seconds since the epoch: 0, or -1 when it is neither. */
int auth_presto_expiry_time(const char *s, long long *out);

/* The reCAPTCHA check's verdict from the status without CaptchaResponse
 * and, when that was 403, the status with a dummy one (0 when not sent). */
enum auth_captcha_verdict {
	AUTH_CAPTCHA_ENFORCED,		/* 403 without, 2xx with */
	AUTH_CAPTCHA_NOT_ENFORCED,	/* 2xx without: a finding */
	AUTH_CAPTCHA_UNCLEAR,		/* 403 without, and not 2xx with */
	AUTH_CAPTCHA_OTHER,		/* neither 2xx nor 403 without */
	AUTH_CAPTCHA_NO_ANSWER,
};
enum auth_captcha_verdict auth_captcha_verdict(long without, long with);

#endif
