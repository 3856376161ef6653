/* auth_run.c - one auth target from start to end: credentials, the
 * session, every check, the plain-HTTP check; see auth_checks.h. Shared by
 * `authaudit auth` and `authaudit audit`. */
#include <time.h>

#include "auth_checks.h"
#include "auth_cred.h"
#include "auth_http.h"

int auth_run_target(const struct auth_target *t, const char *ca_file,
		    const struct ruleset *rs, struct report *r, struct err *e)
{
	struct auth_session s = { 0 };
	struct auth_creds cr;
	struct http_client http;
	int tested = 0;
	size_t idx;

	s.profile = ruleset_profile(rs, t->profile);
	if (!s.profile)
		return err_set(e, "target '%s': unknown profile '%s'",
			       t->name, t->profile);
	if (auth_creds_load(&cr, t, e))
		return -1;
	if (http_client_init(&http, t->base_url,
			     t->ca_file ? t->ca_file : ca_file, e)) {
		auth_creds_release(&cr);
		return -1;
	}
	http.timeout = t->timeout;
	s.t = t;
	s.cr = &cr;
	s.http = &http;
	s.rs = rs;
	s.r = r;
	s.now = time(NULL);
	idx = report_add_target(r, t->name, RULE_TARGET_AUTH, t->profile);
	s.target = idx;
	if (!auth_session_start(&s)) {
		auth_checks_run(&s);
		tested = 1;
	} else {
		report_target_error(r, idx, "the control request with the "
				    "valid credential failed (see notices)");
	}
	auth_check_plain_http(&s);
	auth_session_finish(&s);
	r->stats.endpoints_probed++;
	auth_session_release(&s);
	http_client_release(&http);
	auth_creds_release(&cr);
	return tested;
}
