/* probe_judge_flaws.c - the verdicts of the protocol-flaw checks
 * (probe_flaws.c) and of revocation (probe_revocation.c): a finding when
 * the flaw was measured, a fact for every check in the endpoint block
 * whatever came of it, and "not checked" with the reason when it did not
 * run or cannot apply. No I/O, like probe_judge.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "probe.h"
#include "lib/xalloc.h"

#define ALERT_INAPPROPRIATE_FALLBACK 86

/* The flaws read off one result each: the fact's key, its words for
 * present and absent, and the finding's message around what was seen. */
static const struct flaw_row {
	enum probe_rule pr;
	size_t off;		/* of the flaw_result in flaws_result */
	const char *key, *present, *absent;
	const char *message;	/* %s: what was seen */
} flaw_rows[] = {
	{ PR_RENEG_INSECURE, offsetof(struct flaws_result, reneg_secure),
	  "secure renegotiation", "missing", "supported",
	  "no secure renegotiation (RFC 5746): %s; a man in the middle can "
	  "prefix its own request to a client's (CVE-2009-3555)" },
	{ PR_RENEG_CLIENT, offsetof(struct flaws_result, reneg_client),
	  "client renegotiation", "accepted", "refused",
	  "client-initiated renegotiation is accepted: %s; every one costs "
	  "the server a handshake, a lever for denial of service" },
	{ PR_COMPRESSION, offsetof(struct flaws_result, compression),
	  "TLS compression", "accepted", "none",
	  "TLS compression is accepted: %s; the length of compressed "
	  "records gives away tokens and cookies (CRIME)" },
	{ PR_HEARTBLEED, offsetof(struct flaws_result, heartbleed),
	  "heartbleed", "VULNERABLE", "not vulnerable",
	  "Heartbleed (CVE-2014-0160): %s; each such request makes the "
	  "server send up to 64 KB of its memory, keys and tokens included" },
	{ PR_ROBOT, offsetof(struct flaws_result, robot), "ROBOT",
	  "VULNERABLE", "not vulnerable",
	  "ROBOT (Bleichenbacher's oracle): %s; enough such questions "
	  "decrypt recorded sessions or sign with the server's key" },
};

/* "not checked: ..." for a check that did not run. */
static void not_run(struct judge *j, enum probe_rule pr, const char *key,
		    const char *unrun)
{
	if (!probe_verdict_on(j, pr))
		probe_verdict_fact(j, key,
				   "not checked: the profile does not "
				   "select %s",
				   probe_rule_ids[pr]);
	else
		probe_verdict_fact(j, key, "not checked%s%s", unrun ? ": " : "",
				   unrun ? unrun : "");
}

static void judge_flaw(struct judge *j, const struct flaw_row *row,
		       const struct flaw_result *fr, int spoke)
{
	if (!spoke) {
		not_run(j, row->pr, row->key, "no TLS answer");
		return;
	}
	switch (fr->f) {
	case FLAW_UNTESTED:
		not_run(j, row->pr, row->key, NULL);
		break;
	case FLAW_PRESENT:
		probe_verdict(j, row->pr, -1, NULL, fr->what, row->message,
			      fr->what);
		probe_verdict_fact(j, row->key, "%s (%s)", row->present,
				   fr->what);
		break;
	case FLAW_ABSENT:
		probe_verdict_fact(j, row->key, "%s (%s)", row->absent,
				   fr->what);
		break;
	case FLAW_NA:
		probe_verdict_fact(j, row->key, "not checked: %s", fr->what);
		break;
	case FLAW_ERROR:
		probe_verdict_fact(j, row->key, "unknown (%s)", fr->what);
		probe_verdict_unknown(j, row->key, fr->what);
		break;
	}
}

/* The highest version accepted, and whether one above it is unknown. */
static uint16_t highest_accepted(const struct probe_result *res,
				 int *unknown_above)
{
	uint16_t max = 0;

	*unknown_above = 0;
	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		if (res->versions[i].v == VERDICT_ACCEPTED)
			max = probe_versions[i];
	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		if (res->versions[i].v == VERDICT_ERROR &&
		    probe_versions[i] > max)
			*unknown_above = 1;
	return max;
}

/* TLS_FALLBACK_SCSV: a hello with it answered below the highest version
 * the server accepts is a downgrade let through; inappropriate_fallback
 * is the server seeing it. Either answer decides, the first one found. */
static void fallback_verdict(const struct probe_result *res,
			     struct flaw_result *out)
{
	const struct flaws_result *f = &res->flaws;
	int unknown_above;
	uint16_t max = highest_accepted(res, &unknown_above);

	memset(out, 0, sizeof(*out));
	if (!f->nr_fallback)
		return;
	for (size_t k = 0; k < f->nr_fallback; k++) {
		const struct fallback_try *ft = &f->fallback[k];
		const char *off = tls_version_name(ft->offered);

		if (ft->got == FB_HELLO && max && ft->version < max) {
			out->f = FLAW_PRESENT;
			snprintf(out->what, sizeof(out->what), "a %s "
				 "ClientHello with the SCSV was answered at "
				 "%s, though the server speaks %s", off,
				 tls_version_name(ft->version),
				 tls_version_name(max));
			return;
		}
		if (ft->got == FB_ALERT &&
		    ft->alert == ALERT_INAPPROPRIATE_FALLBACK) {
			out->f = FLAW_ABSENT;
			snprintf(out->what, sizeof(out->what), "a %s "
				 "ClientHello with the SCSV got "
				 "inappropriate_fallback", off);
			return;
		}
		if (ft->got == FB_ERROR) {
			out->f = FLAW_ERROR;
			snprintf(out->what, sizeof(out->what), "%s", ft->why);
			return;
		}
	}
	if (unknown_above || !max) {
		out->f = FLAW_ERROR;
		snprintf(out->what, sizeof(out->what), "the highest version "
			 "the server accepts is not known");
		return;
	}
	/* neither: every hello below max was refused outright */
	out->f = FLAW_NA;
	snprintf(out->what, sizeof(out->what), "no version below %s to "
		 "fall back to", tls_version_name(max));
}

static const struct flaw_row fallback_row = {
	PR_FALLBACK_IGNORED, 0, "fallback SCSV", "ignored", "honoured",
	"TLS_FALLBACK_SCSV (RFC 7507) is ignored: %s; a man in the middle "
	"who breaks the first handshakes moves clients to the older version",
};

static void day(long long t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%d", &tm);
}

static void judge_revocation(struct judge *j, const struct probe_result *res,
			     int spoke)
{
	const struct revocation_result *rv = &res->revocation;
	const char *key = "revocation";
	char when[16];

	if (!spoke) {
		not_run(j, PR_CERT_REVOKED, key, "no TLS answer");
		return;
	}
	switch (rv->s) {
	case REV_UNTESTED:
		not_run(j, PR_CERT_REVOKED, key, "opt-in, with "
			"--check-revocation");
		break;
	case REV_GOOD:
		probe_verdict_fact(j, key, "good (%s)", rv->source);
		break;
	case REV_REVOKED:
		day(rv->revoked_at, when, sizeof(when));
		probe_verdict(j, PR_CERT_REVOKED, -1, NULL, rv->source,
			      "the certificate was revoked on %s%s%s%s, "
			      "says the %s",
			      when, rv->reason[0] ? " (" : "", rv->reason,
			      rv->reason[0] ? ")" : "", rv->source);
		probe_verdict_fact(j, key, "revoked on %s (%s)", when,
				   rv->source);
		break;
	case REV_UNKNOWN:
		probe_verdict_fact(j, key,
				   "unknown (the %s does not know the "
				   "certificate)",
				   rv->source);
		probe_verdict_unknown(j, key,
				      "the responder does not know the "
				      "certificate");
		break;
	case REV_NO_SOURCE:
		probe_verdict_fact(j, key, "not checked: %s", rv->why);
		break;
	case REV_ERROR:
		probe_verdict_fact(j, key, "unknown (%s)", rv->why);
		probe_verdict_unknown(j, key, rv->why);
		break;
	}
}

void probe_judge_flaws(struct judge *j, const struct probe_result *res,
		       int spoke)
{
	struct flaw_result fb;

	for (size_t i = 0; i < ARRAY_SIZE(flaw_rows); i++) {
		struct flaw_result fr = *(const struct flaw_result *)
			((const char *)&res->flaws + flaw_rows[i].off);

		/* renegotiating needs a finished handshake, which a server
		 * that insists on a client certificate never gives us: that
		 * is a check that cannot run, not one without an answer */
		if (flaw_rows[i].pr == PR_RENEG_CLIENT &&
		    fr.f == FLAW_ERROR &&
		    res->cert.client_cert == CLIENT_CERT_REQUIRED) {
			fr.f = FLAW_NA;
			snprintf(fr.what, sizeof(fr.what), "the server requires "
				 "a client certificate, so no handshake "
				 "completes to renegotiate");
		}
		judge_flaw(j, &flaw_rows[i], &fr, spoke);
	}
	fallback_verdict(res, &fb);
	judge_flaw(j, &fallback_row, &fb, spoke);
	judge_revocation(j, res, spoke);
}
