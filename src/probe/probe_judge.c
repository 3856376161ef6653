/* probe_judge.c - turn what the probes observed about one endpoint into
 * findings of the endpoint.* rules, with the thresholds of the endpoint's
 * profile. No I/O: every input is in the probe_result, so the verdicts
 * are tested without a network (tests/unit/test_probe_judge.c).
 *
 * A check that got no answer never passes: it goes on the endpoint's
 * endpoint.probe-failed finding instead, so a dead or slow endpoint can
 * never make a CI gate green. Nor does one whose answer was cut, broke
 * the protocol, or could not be read (a certificate chain OpenSSL will
 * not take): the probes leave those VERDICT_ERROR too.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "tls_suites.h"
#include "core/token_check.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static uint16_t min_version(struct judge *j)
{
	const char *v = profile_param(j->rs, j->p, "min_tls_version");

	return v && v[0] == '1' && v[1] == '.' && v[2] >= '0' && v[2] <= '3' ?
	       (uint16_t)(TLS_1_0 + (v[2] - '0')) : TLS_1_2;
}

static long seconds(struct judge *j, const char *key, long def)
{
	struct err e = ERR_INIT;
	long v;

	return profile_param_seconds(j->rs, j->p, key, &v, &e) ? def : v;
}

static const char *suite_name(uint16_t id, char *buf, size_t n)
{
	const struct tls_suite *s = tls_suite_find(id);

	if (s)
		return s->name;
	snprintf(buf, n, "0x%04x", id);
	return buf;
}

/* Versions: below the minimum accepted, or nothing at or above it. */
static void judge_versions(struct judge *j, const struct probe_result *res)
{
	uint16_t min = min_version(j);
	int good = 0, unknown_good = 0;
	char buf[16];

	for (unsigned i = 0; i < PROBE_VERSIONS; i++) {
		const struct version_result *v = &res->versions[i];
		const char *name = tls_version_name(probe_versions[i]);
		char ev[PROBE_WHY + 64];

		if (v->v == VERDICT_ERROR) {
			probe_verdict_unknown(j, name, v->why);
			unknown_good += probe_versions[i] >= min;
			continue;
		}
		if (v->v != VERDICT_ACCEPTED)
			continue;
		if (probe_versions[i] >= min) {
			good = 1;
			continue;
		}
		snprintf(ev, sizeof(ev), "%s ServerHello choosing %s", name,
			 suite_name(v->suite, buf, sizeof(buf)));
		probe_verdict_at(j, PR_VERSION_BELOW_MIN,
				 probe_versions[i] == TLS_SSL3 ? SEV_CRITICAL
							       : -1,
				 j->t->url, name, ev,
				 "accepts %s; the minimum is %s",
				 name, tls_version_name(min));
	}
	if (!good && !unknown_good)
		probe_verdict_at(j, PR_MIN_NOT_ACCEPTED, -1, j->t->url, NULL,
				 NULL, "accepts no TLS version at or above %s",
				 tls_version_name(min));
}

/* The weak suites accepted, one finding per weakness (NULL, anonymous,
 * EXPORT, RC4, 3DES, DES): every suite of it and every version that took
 * one, so the report stays short and the fingerprint stable. */
static void judge_weak_class(struct judge *j, const struct probe_result *res,
			     unsigned flag)
{
	struct strbuf names = STRBUF_INIT, at = STRBUF_INIT;
	const char *what = NULL;
	size_t n = 0;
	int critical = 0;

	for (size_t k = 0; k < tls_suites_nr; k++) {
		const struct tls_suite *s = &tls_suites[k];
		int took = 0;

		if (tls_suite_weak_flag(s) != flag)
			continue;
		for (unsigned m = 0; m < PROBE_LEGACY; m++)
			for (size_t q = 0; q < res->weak[m].nr; q++)
				took |= res->weak[m].suites[q] == s->id;
		if (!took)
			continue;
		what = tls_suite_weakness(s);
		critical |= (s->flags & (SUITE_NULL | SUITE_ANON |
					 SUITE_EXPORT)) != 0;
		strbuf_addf(&names, "%s%s", n++ ? ", " : "", s->name);
	}
	if (!n) {
		strbuf_release(&names);
		return;
	}
	for (unsigned m = 0; m < PROBE_LEGACY; m++) {
		int took = 0;

		for (size_t q = 0; q < res->weak[m].nr; q++) {
			const struct tls_suite *s =
				tls_suite_find(res->weak[m].suites[q]);

			took |= tls_suite_weak_flag(s) == flag;
		}
		if (took)
			strbuf_addf(&at, "%s%s", at.len ? ", " : "",
				    tls_version_name(probe_versions[m]));
	}
	probe_verdict_at(j, PR_CIPHER_WEAK, critical ? SEV_CRITICAL : -1,
			 j->t->url, what, names.buf,
			 "accepts %zu %s suite%s at %s%s%s", n, what,
			 n == 1 ? "" : "s", at.buf, n == 1 ? ": " : "",
			 n == 1 ? names.buf : "");
	strbuf_release(&names);
	strbuf_release(&at);
}

static void judge_ciphers(struct judge *j, const struct probe_result *res)
{
	static const unsigned classes[] = {
		SUITE_NULL, SUITE_ANON, SUITE_EXPORT, SUITE_RC4, SUITE_3DES,
		SUITE_DES
	};

	for (unsigned i = 0; i < PROBE_LEGACY; i++) {
		if (res->weak[i].v == VERDICT_ERROR &&
		    res->versions[i].v == VERDICT_ACCEPTED) {
			char what[40];

			snprintf(what, sizeof(what), "weak suites at %s",
				 tls_version_name(probe_versions[i]));
			probe_verdict_unknown(j, what, res->weak[i].why);
		}
	}
	for (size_t c = 0; c < ARRAY_SIZE(classes); c++)
		judge_weak_class(j, res, classes[c]);
	if (res->fs.v == VERDICT_ACCEPTED) {
		const struct tls_suite *s = tls_suite_find(res->fs.suite);
		char buf[16];

		if (s && !(s->flags & SUITE_FS))
			probe_verdict_at(
				j, PR_NO_FORWARD_SECRECY, -1, j->t->url, NULL,
				NULL,
				"offered forward-secret suites first, the "
				"server chose %s at %s (no ephemeral key "
				"exchange)",
				suite_name(res->fs.suite, buf, sizeof(buf)),
				tls_version_name(res->fs.version));
	} else if (res->fs.v == VERDICT_ERROR) {
		probe_verdict_unknown(j, "forward secrecy", res->fs.why);
	}
}

/* Is a negotiated key exchange under the floor: a finite-field group
 * under 2048 bits, a curve under 256 (security under 128)? */
static int kx_weak(const struct kx_seen *k)
{
	if (!strcmp(k->kind, "DHE"))
		return k->bits < 2048;
	return !strcmp(k->kind, "ECDHE") && k->security < 128;
}

/* The key exchange: a weak DHE group or curve, one finding each, from
 * the probes that offered them and the default handshake; static RSA
 * taken when offered alone (unless the forward-secrecy check already
 * saw it chosen over ECDHE and DHE). */
static void judge_kx(struct judge *j, const struct probe_result *res)
{
	static const char *const names[KX_PROBES] = {
		"ECDHE key exchange", "DHE key exchange",
		"curves under 256 bits", "static RSA key exchange"
	};
	const struct kx_seen *seen[] = {
		&res->cert.kx, &res->kx[KX_ECDHE].seen, &res->kx[KX_DHE].seen,
		&res->kx[KX_WEAK_CURVES].seen
	};
	const struct kx_seen *dhe = NULL, *ec = NULL;
	const struct kx_result *rsa = &res->kx[KX_RSA];
	struct strbuf sb = STRBUF_INIT;

	for (unsigned i = 0; i < KX_PROBES; i++)
		if (res->kx[i].v == VERDICT_ERROR)
			probe_verdict_unknown(j, names[i], res->kx[i].why);
	for (size_t i = 0; i < ARRAY_SIZE(seen); i++) {
		const struct kx_seen *k = seen[i];
		int is_dh = !strcmp(k->kind, "DHE");

		if (!kx_weak(k))
			continue;
		if (is_dh && (!dhe || k->bits < dhe->bits))
			dhe = k;
		if (!is_dh && (!ec || k->security < ec->security))
			ec = k;
	}
	if (dhe) {
		probe_kx_describe(dhe, &sb);
		probe_verdict_at(j, PR_KX_WEAK,
				 dhe->bits < 1024 ? SEV_HIGH : -1, j->t->url,
				 "dhe", dhe->suite,
				 "DHE key exchange with a %s at %s; "
				 "finite-field groups need at least 2048 bits",
				 sb.buf, tls_version_name(dhe->version));
		strbuf_reset(&sb);
	}
	if (ec) {
		probe_kx_describe(ec, &sb);
		probe_verdict_at(j, PR_KX_WEAK, ec->bits < 192 ? SEV_HIGH : -1,
				 j->t->url, "ecdhe", ec->suite,
				 "ECDHE key exchange on %s at %s%s; "
				 "curves need at least 256 bits",
				 sb.buf, tls_version_name(ec->version),
				 ec == &res->kx[KX_WEAK_CURVES].seen
					 ? " (offered only curves "
					   "under 256 bits)"
					 : "");
	}
	strbuf_release(&sb);
	if (rsa->v == VERDICT_ACCEPTED &&
	    !(res->fs.v == VERDICT_ACCEPTED && tls_suite_find(res->fs.suite) &&
	      !(tls_suite_find(res->fs.suite)->flags & SUITE_FS)))
		probe_verdict_at(
			j, PR_RSA_KX, -1, j->t->url, NULL, rsa->seen.suite,
			"accepts static RSA key exchange (no forward secrecy) "
			"from a client offering only RSA suites: chose %s at %s",
			rsa->seen.suite, tls_version_name(rsa->seen.version));
}

/* The profile's tls_ports (empty: any): the endpoint itself is on one,
 * or it breaks "only 443/tcp" as much as an open 8443 does. */
static void judge_port(struct judge *j)
{
	const char *v = profile_param(j->rs, j->p, "tls_ports");
	unsigned ports[16];
	int n = v ? parse_ports(v, ports, ARRAY_SIZE(ports)) : 0;

	for (int i = 0; i < n; i++)
		if (ports[i] == j->t->port)
			return;
	if (n > 0)
		probe_verdict_at(
			j, PR_PORT_NOT_ALLOWED, -1, j->t->url, NULL, NULL,
			"the "
			"endpoint is served on port %u; the profile allows only "
			"%s",
			j->t->port, v);
}

/* "1 day", "5 days", "less than a day" */
static const char *days(long long secs, char *out, size_t n)
{
	long long d = secs / 86400;

	if (d < 1)
		snprintf(out, n, "less than a day");
	else
		snprintf(out, n, "%lld day%s", d, d == 1 ? "" : "s");
	return out;
}

/* One certificate's findings. pre is "" for the default handshake's
 * certificate, or says which other one ("RSA certificate (served to
 * RSA PKCS#1, RSA-PSS clients): "); tag tells that one's findings apart
 * from the default one's in the fingerprint (NULL for the default). */
/* What every verdict on one chain shares: the target's URL, the prefix
 * naming the chain, the keys of its findings and the evidence. */
struct chain_words {
	const char *url, *pre, *key, *leaf, *chain, *ev;
};

/* Can a client verify it at all, and for this name? */
static void judge_trust(struct judge *j, const struct cert_result *c,
			const struct chain_words *w)
{
	if (c->self_signed)
		probe_verdict_at(j, PR_CERT_SELF_SIGNED, -1, w->url, w->key,
				 w->ev, "%sthe certificate is self-signed: no "
				 "client can verify it", w->pre);
	else if (c->untrusted)
		probe_verdict_at(j, PR_CERT_UNTRUSTED, -1, w->url, w->key,
				 w->ev, "%sthe certificate does not verify: %s",
				 w->pre, c->untrusted_why);
	if (c->chain_incomplete)
		probe_verdict_at(j, PR_CERT_CHAIN_INCOMPLETE, -1, w->url,
				 w->key, w->ev, "%sthe server does not send "
				 "the intermediate '%s'; clients without it "
				 "cached cannot verify", w->pre, c->missing);
	if (c->hostname_mismatch)
		probe_verdict_at(j, PR_CERT_HOSTNAME, -1, w->url, w->key,
				 w->ev, "%s'%s' is not among the certificate's "
				 "names (%s)", w->pre, j->t->host, c->names);
}

/* Is it valid now, for a while yet, and for no longer than allowed? */
static void judge_dates(struct judge *j, const struct cert_result *c,
			const struct chain_words *w, const char *from,
			const char *to)
{
	long warn = seconds(j, "cert_expiry_warning", 30L * 86400);
	long maxlife = seconds(j, "cert_max_lifetime", 398L * 86400);
	char span[32];

	if (c->not_after < j->now)
		probe_verdict_at(j, PR_CERT_EXPIRED, -1, w->url, w->leaf,
				 w->ev, "%sthe certificate expired on %s, %s "
				 "ago", w->pre, to,
				 days(j->now - c->not_after, span,
				      sizeof(span)));
	else if (c->not_after - j->now < warn)
		probe_verdict_at(j, PR_CERT_EXPIRING, -1, w->url, w->key,
				 w->ev, "%sthe certificate expires on %s, in "
				 "%s (warning from %ld days)", w->pre, to,
				 days(c->not_after - j->now, span,
				      sizeof(span)), warn / 86400);
	if (c->chain_expired[0])
		probe_verdict_at(j, PR_CERT_EXPIRED, -1, w->url, w->chain,
				 w->ev, "%sthe chain's %s", w->pre,
				 c->chain_expired);
	if (c->not_before > j->now)
		probe_verdict_at(j, PR_CERT_NOT_YET_VALID, -1, w->url, w->key,
				 w->ev, "%sthe certificate is not valid before "
				 "%s", w->pre, from);
	if (c->not_after - c->not_before > maxlife)
		probe_verdict_at(j, PR_CERT_LIFETIME, -1, w->url, w->key,
				 w->ev, "%sthe certificate is valid for %lld "
				 "days (at most %ld)", w->pre,
				 (c->not_after - c->not_before) / 86400,
				 maxlife / 86400);
}

/* Are its key and signature strong enough? */
static void judge_crypto(struct judge *j, const struct cert_result *c,
			 const struct chain_words *w)
{
	int md5 = strstr(c->weak_sig, "md5") || strstr(c->weak_sig, "MD5");

	if (c->weak_key)
		probe_verdict_at(j, PR_CERT_WEAK_KEY, -1, w->url, w->key,
				 w->ev, "%s%s key of %d bits (at least %d)",
				 w->pre, c->key_type, c->key_bits,
				 strcmp(c->key_type, "EC") ? 2048 : 256);
	if (c->weak_sig[0])
		probe_verdict_at(j, PR_CERT_WEAK_SIGNATURE,
				 md5 ? SEV_CRITICAL : -1, w->url, w->key,
				 w->ev, "%s%s", w->pre, c->weak_sig);
}

static void judge_chain(struct judge *j, const struct cert_result *c,
			const char *pre, const char *tag)
{
	struct strbuf evb = STRBUF_INIT, kl = STRBUF_INIT, kc = STRBUF_INIT;
	struct chain_words w = { j->t->url, pre, tag, "leaf", "chain", NULL };
	char from[16], to[16];

	if (tag) {
		strbuf_addf(&kl, "leaf %s", tag);
		strbuf_addf(&kc, "chain %s", tag);
		w.leaf = kl.buf;
		w.chain = kc.buf;
	}
	probe_day(c->not_before, from, sizeof(from));
	probe_day(c->not_after, to, sizeof(to));
	strbuf_addf(&evb, "subject '%s', issuer '%s', valid %s to %s, %s "
		    "%d-bit key; %s", c->subject, c->issuer, from, to,
		    c->key_type, c->key_bits, c->names);
	w.ev = evb.buf;
	judge_trust(j, c, &w);
	judge_dates(j, c, &w, from, to);
	judge_crypto(j, c, &w);
	strbuf_release(&evb);
	strbuf_release(&kl);
	strbuf_release(&kc);
}

/* Every certificate the signature views found, each judged once: the
 * default handshake's as ever, another one with a prefix naming which
 * clients get it. A view without a verdict is one, unless the default
 * handshake failed too (that says it). */
static void judge_cert(struct judge *j, const struct probe_result *res)
{
	const struct cert_result *c = &res->cert;

	if (c->v == VERDICT_ERROR) {
		/* a chain not read is not a chain verified, whoever is to
		 * blame: never a pass */
		char why[PROBE_WHY + 80];

		snprintf(why, sizeof(why), "%s%s", c->why, c->client_limit ?
			 "; OpenSSL 3 cannot complete a handshake with what "
			 "the server offers" : "");
		probe_verdict_unknown(j, "certificate", why);
	}
	if (c->v == VERDICT_ACCEPTED)
		judge_chain(j, c, "", NULL);
	for (unsigned v = CERT_ECDSA; v < CERT_NO_SNI; v++) {
		const struct cert_result *o = &res->certs[v];
		struct strbuf pre = STRBUF_INIT, who = STRBUF_INIT;
		char what[64];

		if (o->v == VERDICT_ERROR && c->v != VERDICT_ERROR) {
			snprintf(what, sizeof(what), "certificate for %s "
				 "signatures", probe_cert_view_names[v]);
			probe_verdict_unknown(j, what, o->why);
		}
		if (o->v != VERDICT_ACCEPTED || probe_cert_same(c, o) ||
		    probe_cert_first(res, (enum cert_view)v) != v)
			continue;
		probe_cert_views(res, (enum cert_view)v, &who);
		strbuf_addf(&pre, "%s certificate (served to %s clients): ",
			    o->key_type, who.buf);
		judge_chain(j, o, pre.buf, probe_cert_view_names[v]);
		strbuf_release(&pre);
		strbuf_release(&who);
	}
}

/* Is this status, with these headers, the API itself answering? */
static int api_content(const struct plain_result *p)
{
	return p->www_authenticate || strstr(p->content_type, "json") ||
	       strstr(p->content_type, "xml");
}

static void judge_plain(struct judge *j, const struct probe_result *res)
{
	const struct plain_result *p = &res->plain;
	const char *url = j->t->http_url;
	const char *sev = profile_param(j->rs, j->p, "plain_http_redirect");
	enum severity s = SEV_LOW;
	char ev[400];

	if (p->v == VERDICT_ERROR)
		probe_verdict_unknown(j, "plain HTTP", p->why);
	if (p->v != VERDICT_ACCEPTED)
		return;
	snprintf(ev, sizeof(ev), "HTTP %ld%s%s%s%s", p->status,
		 p->content_type[0] ? ", Content-Type: " : "",
		 p->content_type, p->location[0] ? ", Location: " : "",
		 p->location);
	if (p->status >= 200 && p->status < 300) {
		probe_verdict_at(
			j, PR_PLAIN_SERVED, -1, url, NULL, ev,
			"a plain-HTTP "
			"request was answered with %ld instead of being "
			"refused",
			p->status);
	} else if (p->status >= 300 && p->status < 400) {
		if (!strcmp(p->location, url)) {
			/* never followed, so the loop cost one request */
			probe_verdict_at(
				j, PR_PLAIN_SERVED, SEV_MEDIUM, url, NULL, ev,
				"a plain-HTTP request was redirected to itself "
				"(a loop), not to https:// and not refused");
		} else if (strncmp(p->location, "https://", 8)) {
			probe_verdict_at(
				j, PR_PLAIN_SERVED, SEV_MEDIUM, url, NULL, ev,
				"a plain-HTTP request was redirected to '%s', "
				"not to https:// and not refused",
				p->location[0] ? p->location : "(nowhere)");
		} else if (sev && strcmp(sev, "allow") &&
			   !severity_parse(sev, &s)) {
			probe_verdict_at(
				j, PR_PLAIN_REDIRECT, (int)s, url, NULL, ev,
				"a plain-HTTP request was redirected to https "
				"instead of rejected; a client that follows it "
				"has already sent its token in clear");
		}
	} else if (p->status >= 400 && api_content(p)) {
		probe_verdict_at(
			j, PR_PLAIN_SERVED, SEV_MEDIUM, url, NULL, ev,
			"a "
			"plain-HTTP request reached the API (%ld with %s): it "
			"processes requests over plain HTTP",
			p->status,
			p->www_authenticate ? "WWW-Authenticate"
					    : "an API body");
	}
}

static void judge_hsts(struct judge *j, const struct probe_result *res)
{
	const struct hsts_result *h = &res->hsts;
	long min = seconds(j, "hsts_min_max_age", 180L * 86400);
	struct strbuf why = STRBUF_INIT;

	if (h->v == VERDICT_REFUSED || (h->v == VERDICT_ERROR &&
	    res->cert.client_cert == CLIENT_CERT_REQUIRED)) {
		probe_hsts_cause(res, &why);
		report_add_notice(j->r, j->t->url, "HSTS not checked: %s",
				  why.buf);
	} else if (h->v == VERDICT_ERROR) {
		probe_verdict_unknown(j, "HSTS", h->why);
	}
	strbuf_release(&why);
	if (h->v != VERDICT_ACCEPTED)
		return;
	if (!h->present)
		probe_verdict_at(
			j, PR_HSTS_MISSING, -1, j->t->url, NULL, NULL,
			"the "
			"HTTPS answer has no Strict-Transport-Security header");
	else if (h->max_age < min)
		probe_verdict_at(
			j, PR_HSTS_SHORT, -1, j->t->url, NULL, h->header,
			"Strict-Transport-Security max-age is %lld s (%lld "
			"days), under %ld days",
			h->max_age < 0 ? 0 : h->max_age,
			(h->max_age < 0 ? 0 : h->max_age) / 86400, min / 86400);
}

static void judge_ports(struct judge *j, struct port_result *const *ports,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct port_result *p = ports[i];
		char host[300], url[400];

		if (p->reported || p->state == PORT_UNTESTED ||
		    p->state == PORT_CLOSED)
			continue;
		p->reported = 1;
		if (p->state == PORT_UNKNOWN) {
			char what[32];

			snprintf(what, sizeof(what), "port %u", p->port);
			probe_verdict_unknown(j, what, p->what);
			continue;
		}
		probe_host_for_url(p->host, host, sizeof(host));
		snprintf(url, sizeof(url), "%s://%s:%u/",
			 p->state == PORT_HTTP ? "http" : "https", host,
			 p->port);
		if (p->state == PORT_SILENT)
			report_add_notice(j->r, url, "%s", p->what);
		else
			probe_verdict_at(
				j, PR_ALT_PORT, -1, url, NULL, p->what,
				"port %u "
				"%s; the API must be served on 443/tcp only",
				p->port,
				p->state == PORT_TLS ? "answers TLS"
						     : "answers HTTP");
	}
}

/* Did the endpoint speak TLS at all? */
static int spoke_tls(const struct probe_result *res)
{
	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		if (res->versions[i].spoke_tls)
			return 1;
	return 0;
}

static const char *first_why(const struct probe_result *res)
{
	/* TLS 1.2's attempt says it best; any other will do */
	if (res->versions[3].why[0])
		return res->versions[3].why;
	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		if (res->versions[i].why[0])
			return res->versions[i].why;
	return "no answer";
}

int probe_judge(const struct ruleset *rs, const struct profile *p,
		const struct probe_target *t, const struct probe_result *res,
		struct port_result *const *ports, size_t nr_ports,
		time_t now, struct report *r)
{
	struct judge j = { rs, p, t, r, now, STRBUF_INIT };
	int probed = 1;

	if (t->plain_only) {
		judge_plain(&j, res);
		probed = res->plain.v != VERDICT_ERROR;
	} else if (!spoke_tls(res)) {
		probe_verdict_at(&j, PR_PROBE_FAILED, -1, t->url, "tls", NULL,
				 "no TLS answer from %s:%u: %s",
				 t->host, t->port, first_why(res));
		judge_plain(&j, res);	/* port 80 may serve it all the same */
		probed = 0;
	} else {
		judge_versions(&j, res);
		judge_port(&j);
		judge_ciphers(&j, res);
		judge_cert(&j, res);
		judge_kx(&j, res);
		judge_plain(&j, res);
		judge_hsts(&j, res);
	}
	probe_describe(r, t, res, ports, nr_ports, now);
	if (!t->plain_only)
		probe_judge_flaws(&j, res, spoke_tls(res));
	judge_ports(&j, ports, nr_ports);
	if (j.unknown.len)
		probe_verdict_at(&j, PR_PROBE_FAILED, -1, t->url, "partial",
				 j.unknown.buf,
				 "some checks got no verdict: %s",
				 j.unknown.buf);
	strbuf_release(&j.unknown);
	return probed;
}
