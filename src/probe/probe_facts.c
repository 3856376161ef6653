/* probe_facts.c - an endpoint's block in the report: what the probes
 * observed, one fact per check, beside the findings and whatever the
 * profile makes of them. A fact states only what was measured: a check
 * that did not run, or got no answer, says "not checked" and why (a name
 * that does not resolve gets no "weak suites: none accepted" and no
 * "8443 closed"). No I/O; see probe.h.
 */
#include <curl/curl.h>
#include <string.h>

#include "probe.h"
#include "tls_suites.h"
#include "core/token_check.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

static const char *suite_name(uint16_t id, char *buf, size_t n)
{
	const struct tls_suite *s = tls_suite_find(id);

	if (s)
		return s->name;
	snprintf(buf, n, "0x%04x", id);
	return buf;
}

static const char *verdict_word(enum verdict v)
{
	static const char *const words[] = {
		"not tested", "accepted", "refused", "unknown"
	};

	return words[v];
}

/* "accepted: TLS 1.2, TLS 1.3; refused: SSLv3, TLS 1.0, TLS 1.1", or
 * "not checked: why" when no version got an answer. */
static void protocols_fact(struct report *r, const char *url,
			   const struct probe_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned errors = 0;

	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		errors += res->versions[i].v == VERDICT_ERROR;
	if (errors == PROBE_VERSIONS) {
		report_add_fact(r, url, "protocols", "not checked: %s",
				res->versions[3].why[0] ? res->versions[3].why :
				"no answer");
		return;
	}
	for (int v = VERDICT_ACCEPTED; v <= VERDICT_ERROR; v++) {
		const char *sep = sb.len ? "; " : "";
		int n = 0;

		for (unsigned i = 0; i < PROBE_VERSIONS; i++) {
			if (res->versions[i].v != (enum verdict)v)
				continue;
			if (!n++)
				strbuf_addf(&sb, "%s%s: ", sep,
					    verdict_word((enum verdict)v));
			else
				strbuf_addstr(&sb, ", ");
			strbuf_addstr(&sb, tls_version_name(probe_versions[i]));
		}
	}
	report_add_fact(r, url, "protocols", "%s", sb.buf);
	strbuf_release(&sb);
}

/* "CN=api, issued by CN=R11, EC 256-bit, valid until 2027-02-20,
 * DNS:api; verifies": the chain against the trust store; an expired or
 * not yet valid certificate says so after it. */
static void cert_line(const struct cert_result *c, time_t now,
		      struct strbuf *out)
{
	char to[16];

	probe_day(c->not_after, to, sizeof(to));
	strbuf_addf(out, "%s, issued by %s, %s %d-bit, valid until %s, %s%s%s",
		    c->subject, c->issuer, c->key_type, c->key_bits, to,
		    c->names, c->self_signed || c->untrusted ?
		    "; does not verify" : "; verifies", c->not_after < now ?
		    "; expired" : c->not_before > now ? "; not yet valid" :
		    "");
}

/* The fact key of a certificate besides the default one: "certificate
 * (RSA PKCS#1, RSA-PSS)", the signature views that got it. */
static void other_key(const struct probe_result *res, enum cert_view v,
		      struct strbuf *out)
{
	strbuf_addstr(out, "certificate (");
	probe_cert_views(res, v, out);
	strbuf_addch(out, ')');
}

/* Which certificate each kind of client gets. */
static void by_signature(struct report *r, const char *url,
			 const struct probe_result *res)
{
	struct strbuf sb = STRBUF_INIT;

	for (unsigned v = CERT_ECDSA; v < CERT_NO_SNI; v++) {
		const struct cert_result *o = &res->certs[v];

		if (o->v == VERDICT_UNTESTED)
			continue;
		strbuf_addf(&sb, "%s%s: ", sb.len ? "; " : "",
			    probe_cert_view_names[v]);
		if (o->v == VERDICT_REFUSED)
			strbuf_addf(&sb, "none served (%s)", o->why);
		else if (o->v == VERDICT_ERROR)
			strbuf_addf(&sb, "not checked (%s)", o->why);
		else if (probe_cert_same(&res->cert, o))
			strbuf_addstr(&sb, "certificate");
		else
			other_key(res, probe_cert_first(res, v), &sb);
	}
	if (sb.len)
		report_add_fact(r, url, "by signature algorithm", "%s",
				sb.buf);
	strbuf_release(&sb);
}

static void client_cert_fact(struct report *r, const char *url,
			     const struct cert_result *c)
{
	static const char *const words[] = {
		[CLIENT_CERT_NONE] = "not requested",
		[CLIENT_CERT_REQUESTED] = "requested, not required",
		[CLIENT_CERT_REQUIRED] = "required",
		[CLIENT_CERT_ASKED] = "requested",
	};

	report_add_fact(r, url, "client certificate", "%s%s%s",
			words[c->client_cert], c->client_cert_why[0] ?
			": the server " : "", c->client_cert_why);
}

/* The default handshake's certificate, every other one a signature view
 * found (each once), which view got which, and what a client without
 * SNI gets. "certificate expires" is the earliest of them, for audits. */
static void certs_facts(struct report *r, const char *url,
			const struct probe_result *res, time_t now)
{
	const struct cert_result *c = &res->cert, *ns = &res->certs[CERT_NO_SNI];
	struct strbuf sb = STRBUF_INIT, key = STRBUF_INIT;
	long long expires = 0;

	if (c->v == VERDICT_ACCEPTED) {
		cert_line(c, now, &sb);
		report_add_fact(r, url, "certificate", "%s", sb.buf);
		expires = c->not_after;
	} else if (c->v == VERDICT_ERROR) {
		report_add_fact(r, url, "certificate", "not checked: %s",
				c->why);
	}
	for (unsigned v = CERT_ECDSA; v < CERT_NO_SNI; v++) {
		const struct cert_result *o = &res->certs[v];

		if (o->v != VERDICT_ACCEPTED || probe_cert_same(c, o) ||
		    probe_cert_first(res, v) != v)
			continue;
		strbuf_reset(&sb);
		strbuf_reset(&key);
		cert_line(o, now, &sb);
		other_key(res, v, &key);
		report_add_fact(r, url, key.buf, "%s", sb.buf);
		if (!expires || o->not_after < expires)
			expires = o->not_after;
	}
	if (expires) {
		strbuf_reset(&sb);
		token_fmt_time(&sb, expires);
		report_add_fact(r, url, "certificate expires", "%s", sb.buf);
	}
	by_signature(r, url, res);
	strbuf_reset(&sb);
	if (ns->v == VERDICT_ACCEPTED && probe_cert_same(c, ns)) {
		report_add_fact(r, url, "without SNI", "the same certificate");
	} else if (ns->v == VERDICT_ACCEPTED) {
		cert_line(ns, now, &sb);
		report_add_fact(r, url, "without SNI", "a different default "
				"certificate: %s", sb.buf);
	} else if (ns->v != VERDICT_UNTESTED) {
		report_add_fact(r, url, "without SNI", "%s: %s", ns->v ==
				VERDICT_REFUSED ? "refused" : "not checked",
				ns->why);
	}
	if (c->v == VERDICT_ACCEPTED)
		client_cert_fact(r, url, c);
	strbuf_release(&sb);
	strbuf_release(&key);
}

/* "none accepted", "3 accepted (see findings)", with the versions whose
 * check got no answer named: never "none" for what was not asked. */
static void weak_fact(struct report *r, const char *url,
		      const struct probe_result *res)
{
	struct strbuf sb = STRBUF_INIT, unknown = STRBUF_INIT;
	size_t n = 0, errors = 0;

	if (res->weak[0].v == VERDICT_UNTESTED)
		return;
	for (unsigned i = 0; i < PROBE_LEGACY; i++) {
		n += res->weak[i].nr;
		if (res->weak[i].v != VERDICT_ERROR)
			continue;
		errors++;
		strbuf_addf(&unknown, "%s%s (%s)", unknown.len ? ", " : "",
			    tls_version_name(probe_versions[i]),
			    res->weak[i].why);
	}
	if (errors == PROBE_LEGACY)
		strbuf_addf(&sb, "not checked: %s", res->weak[3].why);
	else if (n)
		strbuf_addf(&sb, "%zu accepted (see findings)", n);
	else
		strbuf_addstr(&sb, "none accepted");
	if (errors && errors < PROBE_LEGACY)
		strbuf_addf(&sb, "; not checked at %s", unknown.buf);
	report_add_fact(r, url, "weak suites", "%s", sb.buf);
	strbuf_release(&sb);
	strbuf_release(&unknown);
}

/* One key-exchange probe: "<group> with <suite> at <version>", "not
 * accepted at TLS 1.2 or lower (why)", "not checked: why". */
static void kx_line(const struct kx_result *k, struct strbuf *out)
{
	if (k->v == VERDICT_ACCEPTED) {
		probe_kx_describe(&k->seen, out);
		if (k->seen.suite[0])
			strbuf_addf(out, " with %s at %s", k->seen.suite,
				    tls_version_name(k->seen.version));
	} else if (k->v == VERDICT_REFUSED) {
		strbuf_addf(out, "not accepted at TLS 1.2 or lower (%s)",
			    k->why);
	} else {
		strbuf_addf(out, "not checked: %s", k->why);
	}
}

static void kx_facts(struct report *r, const char *url,
		     const struct probe_result *res)
{
	const struct kx_seen *dflt = &res->cert.kx;
	const struct kx_result *weak = &res->kx[KX_WEAK_CURVES];
	const struct kx_result *rsa = &res->kx[KX_RSA];
	struct strbuf sb = STRBUF_INIT;
	char buf[16];

	if (res->fs.v == VERDICT_ACCEPTED) {
		const struct tls_suite *s = tls_suite_find(res->fs.suite);
		const struct kx_result *k = !s ? NULL :
			!strncmp(s->name, "TLS_ECDHE_", 10) ? &res->kx[KX_ECDHE] :
			!strncmp(s->name, "TLS_DHE_", 8) ? &res->kx[KX_DHE] :
			NULL;

		strbuf_addf(&sb, "%s at %s", suite_name(res->fs.suite, buf,
							sizeof(buf)),
			    tls_version_name(res->fs.version));
		if (k && k->v == VERDICT_ACCEPTED) {
			strbuf_addstr(&sb, ", ");
			probe_kx_describe(&k->seen, &sb);
		}
	} else if (res->fs.v == VERDICT_REFUSED) {
		strbuf_addstr(&sb, "no suite at TLS 1.2 or lower");
	} else if (res->fs.v == VERDICT_ERROR) {
		strbuf_addf(&sb, "not checked: %s", res->fs.why);
	}
	if (dflt->version == TLS_1_3 && dflt->kind[0]) {
		strbuf_addf(&sb, "%sTLS 1.3: ", sb.len ? "; " : "");
		probe_kx_describe(dflt, &sb);
	}
	if (sb.len)
		report_add_fact(r, url, "key exchange", "%s", sb.buf);
	for (unsigned i = KX_ECDHE; i <= KX_DHE; i++) {
		if (res->kx[i].v == VERDICT_UNTESTED)
			continue;
		strbuf_reset(&sb);
		kx_line(&res->kx[i], &sb);
		if (i == KX_ECDHE && weak->v == VERDICT_ACCEPTED) {
			strbuf_addstr(&sb, "; offered only curves under 256 "
				      "bits, took ");
			probe_kx_describe(&weak->seen, &sb);
		} else if (i == KX_ECDHE && weak->v == VERDICT_REFUSED) {
			strbuf_addstr(&sb, "; curves under 256 bits refused");
		} else if (i == KX_ECDHE && (weak->v == VERDICT_ERROR ||
					     weak->why[0])) {
			strbuf_addf(&sb, "; curves under 256 bits not checked "
				    "(%s)", weak->why);
		}
		report_add_fact(r, url, i == KX_ECDHE ? "ECDHE" : "DHE", "%s",
				sb.buf);
	}
	if (rsa->v == VERDICT_ACCEPTED)
		report_add_fact(r, url, "static RSA key exchange", "accepted: "
				"%s at %s", rsa->seen.suite,
				tls_version_name(rsa->seen.version));
	else if (rsa->v != VERDICT_UNTESTED)
		report_add_fact(r, url, "static RSA key exchange", "%s%s",
				rsa->v == VERDICT_REFUSED ? "refused" :
				"not checked: ", rsa->v == VERDICT_REFUSED ?
				"" : rsa->why);
	strbuf_release(&sb);
}

void probe_hsts_cause(const struct probe_result *res, struct strbuf *out)
{
	const struct hsts_result *h = &res->hsts;
	const struct kx_seen *dh = &res->kx[KX_DHE].seen;

	if (res->cert.client_cert == CLIENT_CERT_REQUIRED)
		strbuf_addf(out, "the server requires a client certificate "
			    "(%s) and the probe holds none", h->why);
	else if (h->curl_code == CURLE_PEER_FAILED_VERIFICATION)
		strbuf_addf(out, "%s (a client ignores the header over a "
			    "connection it cannot verify)", h->why);
	else if (strstr(h->why, "dh key too small") && dh->bits)
		strbuf_addf(out, "a client at OpenSSL's default security "
			    "level refuses the server's %d-bit DHE group (%s)",
			    dh->bits, h->why);
	else if (strstr(h->why, "dh key too small"))
		strbuf_addf(out, "a client at OpenSSL's default security "
			    "level refuses the server's DHE group as too "
			    "small (%s)", h->why);
	else if (h->v == VERDICT_REFUSED)
		strbuf_addf(out, "the TLS handshake of a verifying client "
			    "with libcurl's defaults failed (%s)", h->why);
	else
		strbuf_addstr(out, h->why);
}

static void http_facts(struct report *r, const struct probe_target *t,
		       const struct probe_result *res)
{
	const char *url = t->url;
	struct strbuf sb = STRBUF_INIT;

	if (res->plain.v == VERDICT_ACCEPTED)
		report_add_fact(r, url, "plain HTTP", "%s: HTTP %ld%s%s",
				t->http_url, res->plain.status,
				res->plain.location[0] ? " to " : "",
				res->plain.location);
	else if (res->plain.v != VERDICT_UNTESTED)
		report_add_fact(r, url, "plain HTTP", "%s: %s%s", t->http_url,
				res->plain.v == VERDICT_REFUSED ?
				"not served: " : "not checked: ",
				res->plain.why);
	if (res->hsts.v == VERDICT_ACCEPTED) {
		report_add_fact(r, url, "HSTS", "%s", res->hsts.present ?
				res->hsts.header : "none");
	} else if (res->hsts.v != VERDICT_UNTESTED) {
		probe_hsts_cause(res, &sb);
		report_add_fact(r, url, "HSTS", "not checked: %s", sb.buf);
	}
	strbuf_release(&sb);
}

static void ports_fact(struct report *r, const char *url,
		       struct port_result *const *ports, size_t n)
{
	static const char *const words[] = {
		[PORT_UNTESTED] = "not checked", [PORT_CLOSED] = "closed",
		[PORT_TLS] = "answers TLS", [PORT_HTTP] = "answers HTTP",
		[PORT_SILENT] = "open, silent", [PORT_UNKNOWN] = "not checked",
	};
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&sb, "%s%u %s", i ? ", " : "", ports[i]->port,
			    words[ports[i]->state]);
		if (ports[i]->state == PORT_UNKNOWN)
			strbuf_addf(&sb, " (%s)", ports[i]->what);
	}
	if (n)
		report_add_fact(r, url, "other ports", "%s", sb.buf);
	strbuf_release(&sb);
}

/* No version got a TLS answer: every TLS check says so in a few words,
 * the protocols fact says why. */
static void no_tls_facts(struct report *r, const char *url,
			 const struct probe_result *res)
{
	static const char *const keys[] = {
		"certificate", "weak suites", "key exchange"
	};

	protocols_fact(r, url, res);
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		report_add_fact(r, url, keys[i], "not checked: no TLS answer "
				"(see protocols)");
}

void probe_describe(struct report *r, const struct probe_target *t,
		    const struct probe_result *res,
		    struct port_result *const *ports, size_t nr_ports,
		    time_t now)
{
	int spoke = 0;

	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		spoke |= res->versions[i].spoke_tls;
	if (!t->plain_only && !spoke) {
		no_tls_facts(r, t->url, res);
	} else if (!t->plain_only) {
		protocols_fact(r, t->url, res);
		certs_facts(r, t->url, res, now);
		weak_fact(r, t->url, res);
		kx_facts(r, t->url, res);
	}
	http_facts(r, t, res);
	ports_fact(r, t->url, ports, nr_ports);
}
