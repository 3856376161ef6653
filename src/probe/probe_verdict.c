/* probe_verdict.c - how a verdict about one endpoint is written down,
 * whichever file judged it (probe_judge.c, probe_judge_flaws.c): a
 * finding of an endpoint.* rule when the profile selects it, a check
 * without a verdict (on the endpoint's probe-failed finding), a fact in
 * the endpoint block; see probe.h. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "probe.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

const char *const probe_rule_ids[PR__COUNT] = {
	[PR_VERSION_BELOW_MIN] = "endpoint.tls-version-below-minimum",
	[PR_MIN_NOT_ACCEPTED] = "endpoint.tls-minimum-not-accepted",
	[PR_CERT_UNTRUSTED] = "endpoint.cert-untrusted",
	[PR_CERT_SELF_SIGNED] = "endpoint.cert-self-signed",
	[PR_CERT_HOSTNAME] = "endpoint.cert-hostname-mismatch",
	[PR_CERT_EXPIRED] = "endpoint.cert-expired",
	[PR_CERT_NOT_YET_VALID] = "endpoint.cert-not-yet-valid",
	[PR_CERT_EXPIRING] = "endpoint.cert-expiring-soon",
	[PR_CERT_WEAK_KEY] = "endpoint.cert-weak-key",
	[PR_CERT_WEAK_SIGNATURE] = "endpoint.cert-weak-signature",
	[PR_CERT_CHAIN_INCOMPLETE] = "endpoint.cert-chain-incomplete",
	[PR_CERT_LIFETIME] = "endpoint.cert-lifetime-too-long",
	[PR_CIPHER_WEAK] = "endpoint.cipher-weak",
	[PR_NO_FORWARD_SECRECY] = "endpoint.no-forward-secrecy",
	[PR_KX_WEAK] = "endpoint.key-exchange-weak",
	[PR_RSA_KX] = "endpoint.rsa-key-exchange",
	[PR_PLAIN_SERVED] = "endpoint.plain-http-served",
	[PR_PLAIN_REDIRECT] = "endpoint.plain-http-redirect",
	[PR_ALT_PORT] = "endpoint.alt-port-open",
	[PR_PORT_NOT_ALLOWED] = "endpoint.port-not-allowed",
	[PR_HSTS_MISSING] = "endpoint.hsts-missing",
	[PR_HSTS_SHORT] = "endpoint.hsts-max-age-short",
	[PR_PROBE_FAILED] = "endpoint.probe-failed",
	[PR_RENEG_INSECURE] = "endpoint.tls-renegotiation-insecure",
	[PR_RENEG_CLIENT] = "endpoint.tls-client-renegotiation",
	[PR_COMPRESSION] = "endpoint.tls-compression",
	[PR_HEARTBLEED] = "endpoint.heartbleed",
	[PR_FALLBACK_IGNORED] = "endpoint.tls-fallback-scsv-ignored",
	[PR_ROBOT] = "endpoint.robot",
	[PR_CERT_REVOKED] = "endpoint.cert-revoked",
};

int probe_rule_on(const struct ruleset *rs, const struct profile *p,
		  enum probe_rule pr)
{
	const struct rule *rule = ruleset_find(rs, probe_rule_ids[pr]);

	return rule && profile_selects(p, rule);
}

/* The finding of probe_verdict_at() and probe_verdict(), its message
 * from fmt and ap. */
static void verdict(struct judge *j, enum probe_rule pr, int sev,
		    const char *url, const char *key, const char *evidence,
		    const char *fmt, va_list ap)
{
	const struct rule *rule = ruleset_find(j->rs, probe_rule_ids[pr]);
	struct finding f = { 0 };
	struct strbuf msg = STRBUF_INIT;

	if (!rule || !profile_selects(j->p, rule))
		return;
	strbuf_vaddf(&msg, fmt, ap);
	f.rule = rule;
	f.severity = sev < 0 ? rule->severity : (enum severity)sev;
	f.confidence = rule->confidence;
	f.message = strbuf_detach(&msg, NULL);
	f.url = xstrdup(url);
	f.evidence = evidence && *evidence ? xstrdup(evidence) : NULL;
	finding_list_add(&j->r->findings, &f, key ? key : "");
}

void probe_verdict_at(struct judge *j, enum probe_rule pr, int sev,
		      const char *url, const char *key, const char *evidence,
		      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verdict(j, pr, sev, url, key, evidence, fmt, ap);
	va_end(ap);
}

void probe_verdict_unknown(struct judge *j, const char *check,
			   const char *why)
{
	strbuf_addf(&j->unknown, "%s%s (%s)", j->unknown.len ? "; " : "",
		    check, why && *why ? why : "no answer");
}

int probe_verdict_on(struct judge *j, enum probe_rule pr)
{
	return probe_rule_on(j->rs, j->p, pr);
}

void probe_verdict(struct judge *j, enum probe_rule pr, int sev,
		   const char *key, const char *evidence, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verdict(j, pr, sev, j->t->url, key, evidence, fmt, ap);
	va_end(ap);
}

void probe_verdict_fact(struct judge *j, const char *key, const char *fmt,
			...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	report_add_fact(j->r, j->t->url, key, "%s", sb.buf);
	strbuf_release(&sb);
}

void probe_day(long long t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%d", &tm);
}
