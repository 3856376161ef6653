/* auth_checks.h - the auth probes, one table row each: which styles a
 * check applies to and the function that runs it on a started session.
 * Checks add findings (auth.* rules) and notices; they never print. */
#ifndef AUTHAUDIT_AUTH_CHECKS_H
#define AUTHAUDIT_AUTH_CHECKS_H

#include "auth_probe.h"

/* Run every check for the session's style, in table order. */
void auth_checks_run(struct auth_session *s);
/* The plain-HTTP check runs without credentials, even when the control
 * request failed. */
void auth_check_plain_http(struct auth_session *s);

#endif
