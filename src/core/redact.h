/* redact.h - how a secret is shown: every report writer asks here, so
 * redaction holds in every format unless --show-secrets. */
#ifndef AUTHAUDIT_REDACT_H
#define AUTHAUDIT_REDACT_H

#include "finding.h"
#include "report.h"
#include "lib/strbuf.h"

/* "ak_l…(40 chars)": at most 4 leading characters and at most a quarter of
 * the secret (whole UTF-8 characters), an ellipsis, and the length. */
void redact_secret(const char *secret, struct strbuf *out);
/* The text a report shows for f's secret: the secret itself with
 * show_secrets, else its redaction (built in tmp). NULL without one. */
const char *report_secret_text(const struct report *r,
			       const struct finding *f, struct strbuf *tmp);

#endif
