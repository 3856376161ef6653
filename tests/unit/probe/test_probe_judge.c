/* test_probe_judge.c - the endpoint verdicts, from observed facts to
 * findings, under the shipped rules and profiles: rows of one change to a
 * compliant endpoint and the rule ids (and severities) it must give. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "lib/strbuf.h"
#include "probe/probe.h"
#include "probe/tls_suites.h"

#define NOW 1800000000LL	/* 2027-01-15 */
#define DAY 86400LL

static struct ruleset rs = RULESET_INIT;

/* A profile of one rule, beside the shipped ones: what the facts of the
 * checks it does not select say. */
static const char narrow_profile[] =
	"profiles:\n"
	"  - name: test-narrow\n"
	"    title: One certificate rule\n"
	"    rules: [endpoint.cert-expired]\n";

static void load_rules(void)
{
	struct err e = ERR_INIT;
	char path[] = "/tmp/test_probe_judge.XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, narrow_profile, sizeof(narrow_profile) - 1) !=
	    (ssize_t)sizeof(narrow_profile) - 1)
		ck_abort_msg("cannot write %s", path);
	close(fd);
	if (ruleset_load_dir(&rs, "rules/endpoint", 0, &e) ||
	    ruleset_load_file(&rs, "rules/profiles/profiles.yaml", 0, &e) ||
	    ruleset_load_file(&rs, path, 0, &e))
		ck_abort_msg("cannot load the shipped rules: %s", e.msg);
	unlink(path);
}

static void free_rules(void)
{
	ruleset_release(&rs);
}

/* A compliant endpoint: TLS 1.2 and 1.3, a good certificate, HSTS for a
 * year, plain HTTP refused. */
static void compliant(struct probe_result *r)
{
	memset(r, 0, sizeof(*r));
	for (unsigned i = 0; i < PROBE_VERSIONS; i++) {
		r->versions[i].v = probe_versions[i] >= TLS_1_2 ?
			VERDICT_ACCEPTED : VERDICT_REFUSED;
		r->versions[i].spoke_tls = 1;
		r->versions[i].suite = i == 4 ? 0x1301 : 0xc02f;
	}
	for (unsigned i = 0; i < PROBE_LEGACY; i++)
		r->weak[i].v = VERDICT_REFUSED;
	r->fs.v = VERDICT_ACCEPTED;
	r->fs.version = TLS_1_2;
	r->fs.suite = 0xc02f;
	r->cert.v = VERDICT_ACCEPTED;
	snprintf(r->cert.subject, sizeof(r->cert.subject), "CN=api");
	snprintf(r->cert.names, sizeof(r->cert.names), "DNS:api.test");
	snprintf(r->cert.key_type, sizeof(r->cert.key_type), "EC");
	r->cert.key_bits = 256;
	r->cert.not_before = NOW - DAY;
	r->cert.not_after = NOW + 90 * DAY;
	r->plain.v = VERDICT_REFUSED;
	r->hsts.v = VERDICT_ACCEPTED;
	r->hsts.present = 1;
	r->hsts.max_age = 365 * DAY;
}

static void tls10(struct probe_result *r) { r->versions[1].v = VERDICT_ACCEPTED; }
static void ssl3(struct probe_result *r) { r->versions[0].v = VERDICT_ACCEPTED; }
static void only_tls10(struct probe_result *r)
{
	r->versions[1].v = VERDICT_ACCEPTED;
	r->versions[3].v = r->versions[4].v = VERDICT_REFUSED;
}
static void tls12_silent(struct probe_result *r)
{
	r->versions[3].v = VERDICT_ERROR;
	r->versions[3].spoke_tls = 0;
	snprintf(r->versions[3].why, PROBE_WHY, "no answer within 5000 ms");
}
static void dead(struct probe_result *r)
{
	for (unsigned i = 0; i < PROBE_VERSIONS; i++) {
		r->versions[i].v = VERDICT_ERROR;
		r->versions[i].spoke_tls = 0;
		snprintf(r->versions[i].why, PROBE_WHY, "connection refused");
	}
	r->cert.v = VERDICT_ERROR;
	r->hsts.v = VERDICT_ERROR;
}
static void only_legacy_known(struct probe_result *r)
{
	r->versions[1].v = VERDICT_ACCEPTED;
	r->versions[3].v = r->versions[4].v = VERDICT_ERROR;
}
static void rc4(struct probe_result *r)
{
	r->versions[1].v = VERDICT_ACCEPTED;
	r->weak[1].v = r->weak[3].v = VERDICT_ACCEPTED;
	r->weak[1].suites[r->weak[1].nr++] = 0x0005;
	r->weak[3].suites[r->weak[3].nr++] = 0x0005;
	r->weak[3].suites[r->weak[3].nr++] = 0x0004;
}
static void null_suite(struct probe_result *r)
{
	r->weak[3].v = VERDICT_ACCEPTED;
	r->weak[3].suites[r->weak[3].nr++] = 0x003b;
}
static void weak_silent(struct probe_result *r) { r->weak[3].v = VERDICT_ERROR; }
static void rsa_kx(struct probe_result *r) { r->fs.suite = 0x009c; }
static void expired(struct probe_result *r) { r->cert.not_after = NOW - 3 * DAY; }
static void expiring(struct probe_result *r) { r->cert.not_after = NOW + 10 * DAY; }
static void notyet(struct probe_result *r) { r->cert.not_before = NOW + DAY; }
static void longlife(struct probe_result *r) { r->cert.not_after = NOW + 800 * DAY; }
static void selfsigned(struct probe_result *r)
{
	r->cert.self_signed = 1;
	r->cert.untrusted = 1;	/* self-signed says it better */
}
static void untrusted(struct probe_result *r) { r->cert.untrusted = 1; }
static void incomplete(struct probe_result *r) { r->cert.chain_incomplete = 1; }
static void mismatch(struct probe_result *r) { r->cert.hostname_mismatch = 1; }
static void weakkey(struct probe_result *r)
{
	snprintf(r->cert.key_type, sizeof(r->cert.key_type), "RSA");
	r->cert.key_bits = 1024;
	r->cert.weak_key = 1;
}
static void sha1(struct probe_result *r)
{
	snprintf(r->cert.weak_sig, sizeof(r->cert.weak_sig), "certificate "
		 "'CN=api' is signed with sha1WithRSAEncryption");
}
static void md5(struct probe_result *r)
{
	snprintf(r->cert.weak_sig, sizeof(r->cert.weak_sig), "certificate "
		 "'CN=api' is signed with md5WithRSAEncryption");
}
static void chain_expired(struct probe_result *r)
{
	snprintf(r->cert.chain_expired, sizeof(r->cert.chain_expired),
		 "intermediate 'CN=ca' is expired");
}
static void cert_client_limit(struct probe_result *r)
{
	r->cert.v = VERDICT_ERROR;
	r->cert.client_limit = 1;
	snprintf(r->cert.why, PROBE_WHY, "TLS handshake failed: sslv3 alert "
		 "handshake failure");
}
static void cert_too_big(struct probe_result *r)
{
	r->cert.v = VERDICT_ERROR;
	snprintf(r->cert.why, PROBE_WHY, "TLS handshake failed: excessive "
		 "message size");
}
static void cert_silent(struct probe_result *r) { r->cert.v = VERDICT_ERROR; }
/* A second certificate, RSA and expired, for the RSA views (nginx with
 * two ssl_certificate lines); the ECDSA view gets the default one. */
static void second_cert(struct probe_result *r, long long not_after)
{
	struct cert_result *o = &r->certs[CERT_RSA];

	r->certs[CERT_ECDSA] = r->cert;
	*o = r->cert;
	o->sha256[0] = 0x52;
	snprintf(o->subject, sizeof(o->subject), "CN=api-rsa");
	snprintf(o->key_type, sizeof(o->key_type), "RSA");
	o->key_bits = 2048;
	o->not_after = not_after;
	r->certs[CERT_RSA_PSS] = *o;
	r->certs[CERT_EDDSA].v = VERDICT_REFUSED;
	snprintf(r->certs[CERT_EDDSA].why, PROBE_WHY, "TLS handshake "
		 "failed: sslv3 alert handshake failure");
}
static void rsa_expired(struct probe_result *r) { second_cert(r, NOW - 2 * DAY); }
static void rsa_valid(struct probe_result *r) { second_cert(r, NOW + 60 * DAY); }
/* every view got the default certificate: judged once */
static void same_everywhere(struct probe_result *r)
{
	r->cert.not_after = NOW - 3 * DAY;
	for (unsigned v = CERT_ECDSA; v < CERT_VIEWS; v++)
		r->certs[v] = r->cert;
}
static void view_silent(struct probe_result *r)
{
	r->certs[CERT_RSA_PSS].v = VERDICT_ERROR;
	snprintf(r->certs[CERT_RSA_PSS].why, PROBE_WHY, "TLS handshake: no "
		 "answer within 5000 ms");
}
static void kx(struct probe_result *r, enum kx_probe k, const char *kind,
	       const char *group, int bits, int security)
{
	struct kx_seen *s = &r->kx[k].seen;

	r->kx[k].v = VERDICT_ACCEPTED;
	snprintf(s->kind, sizeof(s->kind), "%s", kind);
	snprintf(s->group, sizeof(s->group), "%s", group);
	s->bits = bits;
	s->security = security;
	s->version = TLS_1_2;
	snprintf(s->suite, sizeof(s->suite), "%s", !strcmp(kind, "DHE") ?
		 "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" :
		 "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
}
static void dhe1024(struct probe_result *r) { kx(r, KX_DHE, "DHE", "", 1024, 80); }
static void dhe512(struct probe_result *r) { kx(r, KX_DHE, "DHE", "", 512, 56); }
static void dhe2048(struct probe_result *r) { kx(r, KX_DHE, "DHE", "ffdhe2048", 2048, 112); }
static void x25519(struct probe_result *r) { kx(r, KX_ECDHE, "ECDHE", "X25519", 253, 128); }
static void p224(struct probe_result *r) { kx(r, KX_WEAK_CURVES, "ECDHE", "secp224r1", 224, 112); }
static void b163(struct probe_result *r) { kx(r, KX_WEAK_CURVES, "ECDHE", "sect163k1", 163, 80); }
/* the default handshake itself chose a weak DH group (no ECDHE) */
static void default_dhe1024(struct probe_result *r)
{
	snprintf(r->cert.kx.kind, sizeof(r->cert.kx.kind), "DHE");
	r->cert.kx.bits = 1024;
	r->cert.kx.security = 80;
	r->cert.kx.version = TLS_1_2;
}
static void rsa_taken(struct probe_result *r)
{
	r->kx[KX_RSA].v = VERDICT_ACCEPTED;
	snprintf(r->kx[KX_RSA].seen.kind, 8, "RSA");
	snprintf(r->kx[KX_RSA].seen.suite, 64, "TLS_RSA_WITH_AES_128_GCM_SHA256");
	r->kx[KX_RSA].seen.version = TLS_1_2;
}
/* chosen over ECDHE too: no-forward-secrecy says it, not twice */
static void rsa_chosen_and_taken(struct probe_result *r)
{
	rsa_taken(r);
	rsa_kx(r);
}
static void kx_silent(struct probe_result *r)
{
	r->kx[KX_DHE].v = VERDICT_ERROR;
	snprintf(r->kx[KX_DHE].why, PROBE_WHY, "TLS handshake: no answer "
		 "within 5000 ms");
}
static void plain(struct probe_result *r, long status, const char *loc,
		  const char *ct, int wa)
{
	r->plain.v = VERDICT_ACCEPTED;
	r->plain.status = status;
	snprintf(r->plain.location, sizeof(r->plain.location), "%s", loc);
	snprintf(r->plain.content_type, sizeof(r->plain.content_type), "%s",
		 ct);
	r->plain.www_authenticate = wa;
}
static void plain200(struct probe_result *r) { plain(r, 200, "", "application/json", 0); }
static void plain301(struct probe_result *r) { plain(r, 301, "https://api.test/", "text/html", 0); }
static void plain302http(struct probe_result *r) { plain(r, 302, "http://api.test/login", "", 0); }
static void plain401(struct probe_result *r) { plain(r, 401, "", "text/plain", 1); }
static void plain404(struct probe_result *r) { plain(r, 404, "", "text/html", 0); }
static void plain500json(struct probe_result *r) { plain(r, 500, "", "application/json", 0); }
static void plain_error(struct probe_result *r) { r->plain.v = VERDICT_ERROR; }
static void nohsts(struct probe_result *r) { r->hsts.present = 0; r->hsts.max_age = -1; }
static void shorthsts(struct probe_result *r) { r->hsts.max_age = 3600; }
/* the verified request failed in TLS: a client ignores HSTS there */
static void hsts_unverified(struct probe_result *r) { r->hsts.v = VERDICT_REFUSED; }
/* no status line came (silent, trickled): no verdict, never a pass */
static void hsts_silent(struct probe_result *r) { r->hsts.v = VERDICT_ERROR; }

/* the protocol flaws and revocation (probe_judge_flaws.c) */
static void flaw(struct flaw_result *f, enum flaw v, const char *what)
{
	f->f = v;
	snprintf(f->what, sizeof(f->what), "%s", what);
}
static void fb_try(struct probe_result *r, uint16_t offered, int got,
		   uint16_t version, uint8_t alert)
{
	struct fallback_try *ft = &r->flaws.fallback[r->flaws.nr_fallback++];

	ft->offered = offered;
	ft->got = got;
	ft->version = version;
	ft->alert = alert;
	snprintf(ft->why, sizeof(ft->why), "no answer within 5000 ms");
}
static void no_ri(struct probe_result *r) { flaw(&r->flaws.reneg_secure, FLAW_PRESENT, "no renegotiation_info"); }
static void client_reneg(struct probe_result *r) { flaw(&r->flaws.reneg_client, FLAW_PRESENT, "completed"); }
static void deflate(struct probe_result *r) { flaw(&r->flaws.compression, FLAW_PRESENT, "DEFLATE chosen"); }
static void bleeds(struct probe_result *r) { flaw(&r->flaws.heartbleed, FLAW_PRESENT, "answered"); }
static void robot(struct probe_result *r) { flaw(&r->flaws.robot, FLAW_PRESENT, "alerts differ"); }
static void hb_silent(struct probe_result *r) { flaw(&r->flaws.heartbleed, FLAW_ERROR, "no answer"); }
static void flaws_na(struct probe_result *r)
{
	flaw(&r->flaws.reneg_secure, FLAW_NA, "no TLS 1.2 or lower");
	flaw(&r->flaws.compression, FLAW_NA, "no TLS 1.2 or lower");
	flaw(&r->flaws.heartbleed, FLAW_NA, "no TLS 1.2 or lower");
	flaw(&r->flaws.reneg_client, FLAW_NA, "no TLS 1.2 or lower");
}
/* TLS 1.3 spoken, TLS 1.2 with the SCSV answered at TLS 1.2 */
static void fb_ignored(struct probe_result *r) { fb_try(r, TLS_1_2, FB_HELLO, TLS_1_2, 0); }
static void fb_honoured(struct probe_result *r) { fb_try(r, TLS_1_2, FB_ALERT, 0, 86); }
/* TLS 1.2 only: the SCSV at TLS 1.2 is no downgrade, 1.1 is refused */
static void fb_only12(struct probe_result *r)
{
	r->versions[4].v = VERDICT_REFUSED;
	fb_try(r, TLS_1_2, FB_HELLO, TLS_1_2, 0);
	fb_try(r, TLS_1_1, FB_ALERT, 0, 70);
}
/* TLS 1.1 and 1.2: the SCSV at TLS 1.1 answered is a downgrade */
static void fb_ignored11(struct probe_result *r)
{
	r->versions[2].v = VERDICT_ACCEPTED;
	r->versions[4].v = VERDICT_REFUSED;
	fb_try(r, TLS_1_2, FB_HELLO, TLS_1_2, 0);
	fb_try(r, TLS_1_1, FB_HELLO, TLS_1_1, 0);
}
static void fb_silent(struct probe_result *r) { fb_try(r, TLS_1_2, FB_ERROR, 0, 0); }
static void revoked(struct probe_result *r)
{
	r->revocation.s = REV_REVOKED;
	r->revocation.revoked_at = NOW - DAY;
	snprintf(r->revocation.source, sizeof(r->revocation.source),
		 "OCSP responder http://ocsp.test/");
}
static void rev_error(struct probe_result *r)
{
	r->revocation.s = REV_ERROR;
	snprintf(r->revocation.why, PROBE_WHY, "http://ocsp.test/: timeout");
}
static void rev_unknown(struct probe_result *r) { r->revocation.s = REV_UNKNOWN; }

static const struct {
	const char *name;
	void (*change)(struct probe_result *);
	const char *profile;
	const char *want;	/* sorted rule:severity, space-separated */
	int probed;
} rows[] = {
	{ "compliant", NULL, "default", "", 1 },
	{ "TLS 1.0 accepted", tls10, "default",
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "SSLv3 accepted", ssl3, "default",
	  "endpoint.tls-version-below-minimum:critical", 1 },
	{ "only TLS 1.0", only_tls10, "default",
	  "endpoint.tls-minimum-not-accepted:high "
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "TLS 1.2 silent", tls12_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "dead", dead, "default", "endpoint.probe-failed:medium", 0 },
	{ "1.2 and 1.3 unknown: no min verdict", only_legacy_known, "default",
	  "endpoint.probe-failed:medium "
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "RC4", rc4, "default", "endpoint.cipher-weak:high "
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "NULL", null_suite, "default", "endpoint.cipher-weak:critical", 1 },
	{ "weak suites silent", weak_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "RSA key exchange", rsa_kx, "default",
	  "endpoint.no-forward-secrecy:medium", 1 },
	{ "expired", expired, "default", "endpoint.cert-expired:critical", 1 },
	{ "expiring", expiring, "default",
	  "endpoint.cert-expiring-soon:medium", 1 },
	{ "not yet valid", notyet, "default",
	  "endpoint.cert-not-yet-valid:high", 1 },
	{ "long life", longlife, "default",
	  "endpoint.cert-lifetime-too-long:low", 1 },
	{ "self-signed", selfsigned, "default",
	  "endpoint.cert-self-signed:high", 1 },
	{ "untrusted", untrusted, "default", "endpoint.cert-untrusted:high",
	  1 },
	{ "incomplete", incomplete, "default",
	  "endpoint.cert-chain-incomplete:medium", 1 },
	{ "name mismatch", mismatch, "default",
	  "endpoint.cert-hostname-mismatch:high", 1 },
	{ "RSA-1024", weakkey, "default", "endpoint.cert-weak-key:high", 1 },
	{ "SHA-1", sha1, "default", "endpoint.cert-weak-signature:high", 1 },
	{ "MD5", md5, "default", "endpoint.cert-weak-signature:critical", 1 },
	{ "intermediate expired", chain_expired, "default",
	  "endpoint.cert-expired:critical", 1 },
	/* a chain not read is never a pass, whoever is to blame */
	{ "certificate unreadable by OpenSSL 3", cert_client_limit, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "certificate chain too big to read", cert_too_big, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "certificate read timed out", cert_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "plain 200", plain200, "default",
	  "endpoint.plain-http-served:high", 1 },
	{ "plain 301 to https", plain301, "default",
	  "endpoint.plain-http-redirect:low", 1 },
	{ "plain 302 to http", plain302http, "default",
	  "endpoint.plain-http-served:medium", 1 },
	{ "plain 401 from the API", plain401, "default",
	  "endpoint.plain-http-served:medium", 1 },
	{ "plain 404 page", plain404, "default", "", 1 },
	{ "plain 500 with JSON", plain500json, "default",
	  "endpoint.plain-http-served:medium", 1 },
	{ "plain unknown", plain_error, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "no HSTS", nohsts, "default", "endpoint.hsts-missing:low", 1 },
	{ "short HSTS", shorthsts, "default",
	  "endpoint.hsts-max-age-short:low", 1 },
	{ "HSTS over a connection that does not verify", hsts_unverified,
	  "default", "", 1 },
	{ "HSTS request got no status line", hsts_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "no secure renegotiation", no_ri, "default",
	  "endpoint.tls-renegotiation-insecure:high", 1 },
	{ "client renegotiation", client_reneg, "default",
	  "endpoint.tls-client-renegotiation:medium", 1 },
	{ "DEFLATE", deflate, "default", "endpoint.tls-compression:high", 1 },
	{ "Heartbleed", bleeds, "default", "endpoint.heartbleed:critical", 1 },
	{ "ROBOT", robot, "default", "endpoint.robot:high", 1 },
	{ "heartbeat without a verdict", hb_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "flaws that cannot arise (TLS 1.3 only)", flaws_na, "default", "",
	  1 },
	{ "fallback SCSV ignored below TLS 1.3", fb_ignored, "default",
	  "endpoint.tls-fallback-scsv-ignored:medium", 1 },
	{ "fallback SCSV honoured", fb_honoured, "default", "", 1 },
	{ "fallback: TLS 1.2 only, nothing below", fb_only12, "default", "",
	  1 },
	{ "fallback SCSV ignored at TLS 1.1", fb_ignored11, "default",
	  "endpoint.tls-fallback-scsv-ignored:medium "
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "fallback without a verdict", fb_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "revoked", revoked, "default", "endpoint.cert-revoked:critical", 1 },
	{ "revocation without a verdict", rev_error, "default",
	  "endpoint.probe-failed:medium", 1 },
	{ "unknown to the responder", rev_unknown, "default",
	  "endpoint.probe-failed:medium", 1 },
	/* every certificate the server can serve, each judged once */
	{ "second certificate expired", rsa_expired, "default",
	  "endpoint.cert-expired:critical", 1 },
	{ "second certificate valid", rsa_valid, "default", "", 1 },
	{ "one certificate for every view", same_everywhere, "default",
	  "endpoint.cert-expired:critical", 1 },
	{ "a view without an answer", view_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	/* key exchange: FFDHE under 2048 bits, curves under 256 */
	{ "DHE 1024", dhe1024, "default", "endpoint.key-exchange-weak:medium",
	  1 },
	{ "DHE 512", dhe512, "default", "endpoint.key-exchange-weak:high", 1 },
	{ "DHE 2048", dhe2048, "default", "", 1 },
	{ "ECDHE X25519", x25519, "default", "", 1 },
	{ "P-224 taken", p224, "default", "endpoint.key-exchange-weak:medium",
	  1 },
	{ "sect163k1 taken", b163, "default",
	  "endpoint.key-exchange-weak:high", 1 },
	{ "default handshake on DHE 1024", default_dhe1024, "default",
	  "endpoint.key-exchange-weak:medium", 1 },
	{ "static RSA taken when offered alone", rsa_taken, "default",
	  "endpoint.rsa-key-exchange:low", 1 },
	{ "static RSA chosen over ECDHE", rsa_chosen_and_taken, "default",
	  "endpoint.no-forward-secrecy:medium", 1 },
	{ "DHE probe silent", kx_silent, "default",
	  "endpoint.probe-failed:medium", 1 },
	/* profiles: each selects its rules and thresholds */
	{ "vista-digital: TLS 1.0", tls10, "vista-digital",
	  "endpoint.tls-version-below-minimum:high", 1 },
	{ "presto-fi: plain 200", plain200, "presto-fi",
	  "endpoint.plain-http-served:high", 1 },
};

static void summarise(const struct report *r, struct strbuf *out)
{
	const char *items[64];
	size_t n = 0;
	struct strbuf tmp = STRBUF_INIT;

	for (size_t i = 0; i < r->findings.nr && n < 64; i++) {
		const struct finding *f = &r->findings.items[i];

		strbuf_reset(&tmp);
		strbuf_addf(&tmp, "%s:%s", f->rule->id,
			    severity_name(f->severity));
		items[n++] = strbuf_detach(&tmp, NULL);
	}
	/* insertion sort: a handful of items */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(items[k - 1], items[k]) > 0;
		     k--) {
			const char *t = items[k];

			items[k] = items[k - 1];
			items[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(out, "%s%s", i ? " " : "", items[i]);
		free((char *)items[i]);
	}
	strbuf_release(&tmp);
}

static struct probe_target target(const char *url)
{
	struct probe_target t;
	struct err e = ERR_INIT;

	ck_assert_int_eq(probe_target_parse(&t, url, 80, &e), 0);
	return t;
}

START_TEST(test_rows)
{
	struct probe_result res;
	struct probe_target t = target("https://api.test/v1");
	const struct profile *p = ruleset_profile(&rs, rows[_i].profile);
	struct report r;
	struct strbuf got = STRBUF_INIT;
	int probed;

	ck_assert_ptr_nonnull(p);
	compliant(&res);
	if (rows[_i].change)
		rows[_i].change(&res);
	report_init(&r, "probe");
	probed = probe_judge(&rs, p, &t, &res, NULL, 0, NOW, &r);
	summarise(&r, &got);
	ck_assert_msg(!strcmp(got.buf, rows[_i].want), "%s: want [%s], got "
		      "[%s]", rows[_i].name, rows[_i].want, got.buf);
	ck_assert_msg(probed == rows[_i].probed, "%s: probed %d",
		      rows[_i].name, probed);
	for (size_t i = 0; i < r.findings.nr; i++) {
		ck_assert_str_eq(r.findings.items[i].url, rows[_i].change ==
				 plain200 || rows[_i].change == plain301 ||
				 rows[_i].change == plain302http ||
				 rows[_i].change == plain401 ||
				 rows[_i].change == plain500json ?
				 "http://api.test/v1" : "https://api.test/v1");
		ck_assert_int_eq(r.findings.items[i].fingerprint[0] != 0, 1);
	}
	strbuf_release(&got);
	report_release(&r);
	probe_target_release(&t);
}
END_TEST

/* Every flaw check leaves a fact, whatever came of it: what was seen, or
 * "not checked" and why, or "unknown" and why. */
static const struct {
	void (*change)(struct probe_result *);
	const char *profile, *key, *want;
} fact_rows[] = {
	{ NULL, "default", "secure renegotiation", "not checked" },
	{ NULL, "default", "revocation",
	  "not checked: opt-in, with --check-revocation" },
	{ NULL, "test-narrow", "heartbleed",
	  "not checked: the profile does not select endpoint.heartbleed" },
	{ NULL, "test-narrow", "revocation",
	  "not checked: the profile does not select endpoint.cert-revoked" },
	{ dead, "default", "heartbleed", "not checked: no TLS answer" },
	{ dead, "default", "fallback SCSV", "not checked: no TLS answer" },
	{ flaws_na, "default", "TLS compression",
	  "not checked: no TLS 1.2 or lower" },
	{ no_ri, "default", "secure renegotiation",
	  "missing (no renegotiation_info)" },
	{ deflate, "default", "TLS compression", "accepted (DEFLATE chosen)" },
	{ bleeds, "default", "heartbleed", "VULNERABLE (answered)" },
	{ robot, "default", "ROBOT", "VULNERABLE (alerts differ)" },
	{ hb_silent, "default", "heartbleed", "unknown (no answer)" },
	{ fb_ignored, "default", "fallback SCSV", "ignored (a TLS 1.2 "
	  "ClientHello with the SCSV was answered at TLS 1.2, though the "
	  "server speaks TLS 1.3)" },
	{ fb_honoured, "default", "fallback SCSV", "honoured (a TLS 1.2 "
	  "ClientHello with the SCSV got inappropriate_fallback)" },
	{ fb_only12, "default", "fallback SCSV",
	  "not checked: no version below TLS 1.2 to fall back to" },
	{ fb_ignored11, "default", "fallback SCSV", "ignored (a TLS 1.1 "
	  "ClientHello with the SCSV was answered at TLS 1.1, though the "
	  "server speaks TLS 1.2)" },
	{ revoked, "default", "revocation",
	  "revoked on 2027-01-14 (OCSP responder http://ocsp.test/)" },
	{ rev_error, "default", "revocation",
	  "unknown (http://ocsp.test/: timeout)" },
};

START_TEST(test_flaw_facts)
{
	struct probe_result res;
	struct probe_target t = target("https://api.test/v1");
	const struct profile *p = ruleset_profile(&rs, fact_rows[_i].profile);
	const char *got = NULL;
	struct report r;

	ck_assert_ptr_nonnull(p);
	compliant(&res);
	if (fact_rows[_i].change)
		fact_rows[_i].change(&res);
	report_init(&r, "probe");
	probe_judge(&rs, p, &t, &res, NULL, 0, NOW, &r);
	ck_assert_uint_eq(r.nr_endpoints, 1);
	for (size_t i = 0; i < r.endpoints[0].facts.nr; i++)
		if (!strcmp(r.endpoints[0].facts.items[i].key,
			    fact_rows[_i].key))
			got = r.endpoints[0].facts.items[i].value;
	ck_assert_msg(got && !strcmp(got, fact_rows[_i].want), "%s: want "
		      "'%s', got '%s'", fact_rows[_i].key, fact_rows[_i].want,
		      got ? got : "(none)");
	report_release(&r);
	probe_target_release(&t);
}
END_TEST

/* The RC4 finding names its suites and every version that took one. */
START_TEST(test_weak_message)
{
	struct probe_result res;
	struct probe_target t = target("https://api.test/");
	struct report r;

	compliant(&res);
	rc4(&res);
	report_init(&r, "probe");
	probe_judge(&rs, ruleset_profile(&rs, "default"), &t, &res, NULL, 0,
		    NOW, &r);
	for (size_t i = 0; i < r.findings.nr; i++) {
		const struct finding *f = &r.findings.items[i];

		if (strcmp(f->rule->id, "endpoint.cipher-weak"))
			continue;
		ck_assert_msg(strstr(f->message, "2 RC4 suites at TLS 1.0, "
				     "TLS 1.2"), "%s", f->message);
		ck_assert_msg(strstr(f->evidence, "TLS_RSA_WITH_RC4_128_SHA") &&
			      strstr(f->evidence, "TLS_RSA_WITH_RC4_128_MD5"),
			      "%s", f->evidence);
	}
	report_release(&r);
	probe_target_release(&t);
}
END_TEST

/* A certificate not read says why in the endpoint.probe-failed finding,
 * and is no notice beside it. */
START_TEST(test_cert_unread_message)
{
	static const struct {
		void (*change)(struct probe_result *);
		const char *want;
	} mrows[] = {
		{ cert_too_big, "some checks got no verdict: certificate (TLS "
		  "handshake failed: excessive message size)" },
		{ cert_client_limit, "some checks got no verdict: certificate "
		  "(TLS handshake failed: sslv3 alert handshake failure; "
		  "OpenSSL 3 cannot complete a handshake with what the server "
		  "offers)" },
	};

	for (size_t i = 0; i < sizeof(mrows) / sizeof(mrows[0]); i++) {
		struct probe_result res;
		struct probe_target t = target("https://api.test/");
		struct report r;

		compliant(&res);
		mrows[i].change(&res);
		report_init(&r, "probe");
		probe_judge(&rs, ruleset_profile(&rs, "default"), &t, &res,
			    NULL, 0, NOW, &r);
		ck_assert_uint_eq(r.findings.nr, 1);
		ck_assert_str_eq(r.findings.items[0].rule->id,
				 "endpoint.probe-failed");
		ck_assert_str_eq(r.findings.items[0].message, mrows[i].want);
		ck_assert_uint_eq(r.nr_notices, 0);
		report_release(&r);
		probe_target_release(&t);
	}
}
END_TEST

/* An alternative port that answered is reported once, at its own URL,
 * however many endpoints of the host share it. */
START_TEST(test_ports_once)
{
	struct probe_result res;
	struct probe_target a = target("https://api.test/a");
	struct probe_target b = target("https://api.test/b");
	struct port_result open = { (char *)"api.test", 8443, PORT_TLS,
				    "answers TLS: a TLS 1.2 ServerHello", 0 };
	struct port_result shut = { (char *)"api.test", 8080, PORT_CLOSED,
				    "connection refused", 0 };
	struct port_result *ports[] = { &open, &shut };
	const struct profile *fi = ruleset_profile(&rs, "presto-fi");
	struct report r;

	compliant(&res);
	report_init(&r, "probe");
	probe_judge(&rs, fi, &a, &res, ports, 2, NOW, &r);
	probe_judge(&rs, fi, &b, &res, ports, 2, NOW, &r);
	ck_assert_uint_eq(r.findings.nr, 1);
	ck_assert_str_eq(r.findings.items[0].rule->id, "endpoint.alt-port-open");
	ck_assert_str_eq(r.findings.items[0].url, "https://api.test:8443/");
	report_release(&r);
	probe_target_release(&a);
	probe_target_release(&b);
}
END_TEST

/* The shipped profiles: presto-fi and default limit ports, the other
 * vendor documents do not; the override wins. */
START_TEST(test_alt_ports)
{
	static const struct {
		const char *profile, *override;
		size_t want;
	} prows[] = {
		{ "default", NULL, 4 }, { "presto-fi", NULL, 4 },
		{ "presto-vendor", NULL, 0 }, { "vista-digital", NULL, 0 },
		{ "vista-integration", NULL, 0 },
		{ "reseller-platform", NULL, 0 },
		{ "presto-vendor", "8443,9000", 2 }, { "presto-fi", "none", 0 },
	};
	unsigned ports[8];

	for (size_t i = 0; i < sizeof(prows) / sizeof(prows[0]); i++) {
		const struct profile *p = ruleset_profile(&rs,
							  prows[i].profile);
		size_t n = probe_alt_ports(&rs, p, prows[i].override, ports, 8);

		ck_assert_msg(n == prows[i].want, "%s/%s: %zu ports",
			      prows[i].profile, prows[i].override ?
			      prows[i].override : "-", n);
	}
	ck_assert_uint_eq(probe_alt_ports(&rs, ruleset_profile(&rs,
				"presto-fi"), NULL, ports, 8), 4);
	ck_assert_uint_eq(ports[0], 8443);
	ck_assert_uint_eq(ports[3], 9443);
}
END_TEST

/* An http:// target is judged on plain HTTP alone. */
START_TEST(test_plain_only)
{
	struct probe_result res;
	struct probe_target t = target("http://api.test/v1");
	struct report r;

	memset(&res, 0, sizeof(res));	/* no TLS check ran */
	plain200(&res);
	report_init(&r, "probe");
	ck_assert_int_eq(probe_judge(&rs, ruleset_profile(&rs, "default"), &t,
				     &res, NULL, 0, NOW, &r), 1);
	ck_assert_uint_eq(r.findings.nr, 1);
	ck_assert_str_eq(r.findings.items[0].rule->id,
			 "endpoint.plain-http-served");
	report_release(&r);
	probe_target_release(&t);
}
END_TEST

/* The value of fact key of the report's one endpoint, or NULL. */
static const char *fact(const struct report *r, const char *key)
{
	ck_assert_uint_eq(r->nr_endpoints, 1);
	for (size_t i = 0; i < r->endpoints[0].facts.nr; i++)
		if (!strcmp(r->endpoints[0].facts.items[i].key, key))
			return r->endpoints[0].facts.items[i].value;
	return NULL;
}

static void judge_one(const char *url, const char *profile,
		      void (*change)(struct probe_result *),
		      struct port_result **ports, size_t nr_ports,
		      struct report *r)
{
	struct probe_result res;
	struct probe_target t = target(url);

	compliant(&res);
	if (change)
		change(&res);
	report_init(r, "probe");
	probe_judge(&rs, ruleset_profile(&rs, profile), &t, &res, ports,
		    nr_ports, NOW, r);
	probe_target_release(&t);
}

/* nginx's two ssl_certificate lines: the expired RSA one is named in the
 * finding, is a fact of its own, and its expiry is the one audits see. */
START_TEST(test_second_cert)
{
	struct report r;
	const struct finding *f;
	const char *v;

	judge_one("https://api.test/", "default", rsa_expired, NULL, 0, &r);
	ck_assert_uint_eq(r.findings.nr, 1);
	f = &r.findings.items[0];
	ck_assert_str_eq(f->rule->id, "endpoint.cert-expired");
	ck_assert_str_eq(f->message, "RSA certificate (served to RSA PKCS#1, "
			 "RSA-PSS clients): the certificate expired on "
			 "2027-01-13, 2 days ago");
	ck_assert_ptr_nonnull(strstr(f->evidence, "subject 'CN=api-rsa'"));
	v = fact(&r, "certificate (RSA PKCS#1, RSA-PSS)");
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(strstr(v, "CN=api-rsa, issued by"));
	ck_assert_ptr_nonnull(strstr(v, "; verifies; expired"));
	ck_assert_str_eq(fact(&r, "by signature algorithm"), "ECDSA: "
			 "certificate; RSA PKCS#1: certificate (RSA PKCS#1, "
			 "RSA-PSS); RSA-PSS: certificate (RSA PKCS#1, "
			 "RSA-PSS); EdDSA: none served (TLS handshake failed: "
			 "sslv3 alert handshake failure)");
	ck_assert_str_eq(fact(&r, "certificate expires"),
			 "2027-01-13T08:00:00Z");
	report_release(&r);
}
END_TEST

/* Both certificates expired: two findings, told apart by fingerprint. */
static void both_expired(struct probe_result *r)
{
	rsa_expired(r);
	r->cert.not_after = NOW - DAY;
	r->certs[CERT_ECDSA] = r->cert;
}

START_TEST(test_two_certs_expired)
{
	struct report r;

	judge_one("https://api.test/", "default", both_expired, NULL, 0, &r);
	ck_assert_uint_eq(r.findings.nr, 2);
	ck_assert_str_eq(r.findings.items[0].message, "the certificate "
			 "expired on 2027-01-14, 1 day ago");
	ck_assert_str_ne(r.findings.items[0].fingerprint,
			 r.findings.items[1].fingerprint);
	report_release(&r);
}
END_TEST

/* "only 443/tcp": the endpoint's own port, under the profiles that say
 * so; never for an endpoint that did not answer there. */
START_TEST(test_own_port)
{
	static const struct {
		const char *url, *profile;
		void (*change)(struct probe_result *);
		const char *want;
	} prows[] = {
		{ "https://api.test:19503/v1", "presto-fi", NULL,
		  "endpoint.port-not-allowed" },
		{ "https://api.test:443/v1", "presto-fi", NULL, NULL },
		{ "https://api.test/v1", "presto-fi", NULL, NULL },
		{ "https://api.test:19503/v1", "default", NULL, NULL },
		{ "https://api.test:19503/v1", "presto-vendor", NULL, NULL },
		{ "https://api.test:19503/v1", "presto-fi", dead,
		  "endpoint.probe-failed" },
	};

	for (size_t i = 0; i < sizeof(prows) / sizeof(prows[0]); i++) {
		struct report r;

		judge_one(prows[i].url, prows[i].profile, prows[i].change,
			  NULL, 0, &r);
		if (!prows[i].want) {
			ck_assert_msg(r.findings.nr == 0, "%s %s: %zu findings",
				      prows[i].url, prows[i].profile,
				      r.findings.nr);
		} else {
			ck_assert_msg(r.findings.nr >= 1, "%s", prows[i].url);
			ck_assert_str_eq(r.findings.items[0].rule->id,
					 prows[i].want);
		}
		if (i == 0) {
			ck_assert_uint_eq(r.findings.nr, 1);
			ck_assert_str_eq(r.findings.items[0].message, "the "
					 "endpoint is served on port 19503; the "
					 "profile allows only 443");
			ck_assert_str_eq(r.findings.items[0].url,
					 "https://api.test:19503/v1");
		}
		for (size_t k = 0; k < r.findings.nr; k++)
			ck_assert_str_ne(r.findings.items[k].rule->id,
					 i == 5 ? "endpoint.port-not-allowed" :
					 "-");
		report_release(&r);
	}
}
END_TEST

static void client_cert_required(struct probe_result *r)
{
	r->cert.client_cert = CLIENT_CERT_REQUIRED;
	snprintf(r->cert.client_cert_why, PROBE_WHY, "refused the connection "
		 "without one: tlsv13 alert certificate required");
	r->hsts.v = VERDICT_ERROR;
	r->hsts.curl_code = CURLE_RECV_ERROR;
	snprintf(r->hsts.why, PROBE_WHY, "OpenSSL SSL_read: tlsv13 alert "
		 "certificate required, errno 0");
}
static void dh_too_small(struct probe_result *r)
{
	dhe1024(r);
	r->hsts.v = VERDICT_REFUSED;
	r->hsts.curl_code = CURLE_SSL_CONNECT_ERROR;
	snprintf(r->hsts.why, PROBE_WHY, "OpenSSL/3.0.19: error:0A00018A:SSL "
		 "routines::dh key too small");
}
static void cert_rejected(struct probe_result *r)
{
	expired(r);
	r->hsts.v = VERDICT_REFUSED;
	r->hsts.curl_code = CURLE_PEER_FAILED_VERIFICATION;
	snprintf(r->hsts.why, PROBE_WHY, "SSL certificate problem: "
		 "certificate has expired");
}

/* The HSTS notice says why the verified request failed, in the words of
 * what was measured; a required client certificate is no probe failure,
 * and is a fact of the endpoint. */
START_TEST(test_hsts_cause)
{
	static const struct {
		void (*change)(struct probe_result *);
		const char *notice, *rules, *client_fact;
	} hrows[] = {
		{ client_cert_required, "HSTS not checked: the server requires "
		  "a client certificate (OpenSSL SSL_read: tlsv13 alert "
		  "certificate required, errno 0) and the probe holds none",
		  "", "required: the server refused the connection without "
		  "one: tlsv13 alert certificate required" },
		{ dh_too_small, "HSTS not checked: a client at OpenSSL's "
		  "default security level refuses the server's 1024-bit DHE "
		  "group (OpenSSL/3.0.19: error:0A00018A:SSL routines::dh key "
		  "too small)", "endpoint.key-exchange-weak", "not requested" },
		{ cert_rejected, "HSTS not checked: SSL certificate problem: "
		  "certificate has expired (a client ignores the header over a "
		  "connection it cannot verify)", "endpoint.cert-expired",
		  "not requested" },
	};

	for (size_t i = 0; i < sizeof(hrows) / sizeof(hrows[0]); i++) {
		struct report r;

		judge_one("https://api.test/", "default", hrows[i].change,
			  NULL, 0, &r);
		ck_assert_uint_eq(r.nr_notices, 1);
		ck_assert_str_eq(r.notices[0].message, hrows[i].notice);
		ck_assert_str_eq(fact(&r, "HSTS"), hrows[i].notice +
				 strlen("HSTS "));
		ck_assert_str_eq(fact(&r, "client certificate"),
				 hrows[i].client_fact);
		ck_assert_uint_eq(r.findings.nr, hrows[i].rules[0] ? 1 : 0);
		if (hrows[i].rules[0])
			ck_assert_str_eq(r.findings.items[0].rule->id,
					 hrows[i].rules);
		report_release(&r);
	}
}
END_TEST

/* A name that does not resolve: nothing was asked, so no fact says
 * "none accepted" or "closed"; each says "not checked" and why. */
static void unresolved(struct probe_result *r)
{
	dead(r);
	for (unsigned i = 0; i < PROBE_VERSIONS; i++)
		snprintf(r->versions[i].why, PROBE_WHY, "cannot resolve "
			 "'api.test': Name or service not known");
	for (unsigned i = 0; i < PROBE_LEGACY; i++)
		r->weak[i].v = VERDICT_ERROR;
	r->fs.v = VERDICT_ERROR;
	r->plain.v = VERDICT_ERROR;
	snprintf(r->plain.why, PROBE_WHY, "Could not resolve host: api.test");
	snprintf(r->hsts.why, PROBE_WHY, "Could not resolve host: api.test");
}

START_TEST(test_not_measured)
{
	struct port_result p8443 = { (char *)"api.test", 8443, PORT_UNKNOWN,
				     "cannot resolve 'api.test': Name or "
				     "service not known", 0 };
	struct port_result *ports[] = { &p8443 };
	struct report r;
	const struct kvlist *f;

	judge_one("https://api.test/", "presto-fi", unresolved, ports, 1, &r);
	f = &r.endpoints[0].facts;
	for (size_t i = 0; i < f->nr; i++) {
		const char *v = f->items[i].value;

		ck_assert_msg(!strstr(v, "none accepted") &&
			      !strstr(v, "closed") && !strstr(v, "refused") &&
			      !strstr(v, "not served"), "%s: %s",
			      f->items[i].key, v);
		ck_assert_msg(strstr(v, "not checked"), "%s: %s",
			      f->items[i].key, v);
	}
	ck_assert_str_eq(fact(&r, "protocols"), "not checked: cannot resolve "
			 "'api.test': Name or service not known");
	ck_assert_str_eq(fact(&r, "weak suites"), "not checked: no TLS "
			 "answer (see protocols)");
	ck_assert_str_eq(fact(&r, "other ports"), "8443 not checked (cannot "
			 "resolve 'api.test': Name or service not known)");
	ck_assert_str_eq(fact(&r, "plain HTTP"), "http://api.test/: not "
			 "checked: Could not resolve host: api.test");
	/* no alt-port finding: the port was never asked */
	for (size_t i = 0; i < r.findings.nr; i++)
		ck_assert_str_eq(r.findings.items[i].rule->id,
				 "endpoint.probe-failed");
	ck_assert_uint_eq(r.findings.nr, 2);
	ck_assert_ptr_nonnull(strstr(r.findings.items[1].message,
				     "port 8443 (cannot resolve"));
	report_release(&r);
}
END_TEST

/* Weak suites: a version whose check got no answer is named, not
 * counted as "none". */
static void weak_half(struct probe_result *r)
{
	r->weak[0].v = VERDICT_ERROR;
	snprintf(r->weak[0].why, PROBE_WHY, "no answer within 5000 ms");
}

START_TEST(test_weak_fact)
{
	struct report r;

	judge_one("https://api.test/", "default", weak_half, NULL, 0, &r);
	ck_assert_str_eq(fact(&r, "weak suites"), "none accepted; not checked "
			 "at SSLv3 (no answer within 5000 ms)");
	report_release(&r);
	judge_one("https://api.test/", "default", NULL, NULL, 0, &r);
	ck_assert_str_eq(fact(&r, "weak suites"), "none accepted");
	report_release(&r);
}
END_TEST

/* A curve this OpenSSL cannot offer is this machine's limit: a fact
 * that says the check did not run, no finding against the endpoint. */
static void no_weak_curves_here(struct probe_result *r)
{
	x25519(r);
	snprintf(r->kx[KX_WEAK_CURVES].why, PROBE_WHY, "this OpenSSL offers "
		 "no curve under 256 bits");
}

START_TEST(test_kx_untested)
{
	struct report r;

	judge_one("https://api.test/", "default", no_weak_curves_here, NULL, 0,
		  &r);
	ck_assert_uint_eq(r.findings.nr, 0);
	ck_assert_str_eq(fact(&r, "ECDHE"), "X25519 (128-bit security) with "
			 "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 at TLS 1.2; "
			 "curves under 256 bits not checked (this OpenSSL "
			 "offers no curve under 256 bits)");
	report_release(&r);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("probe_judge");
	TCase *tc = tcase_create("verdicts");

	tcase_add_unchecked_fixture(tc, load_rules, free_rules);
	tcase_add_loop_test(tc, test_rows, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_loop_test(tc, test_flaw_facts, 0,
			    sizeof(fact_rows) / sizeof(fact_rows[0]));
	tcase_add_test(tc, test_weak_message);
	tcase_add_test(tc, test_cert_unread_message);
	tcase_add_test(tc, test_ports_once);
	tcase_add_test(tc, test_alt_ports);
	tcase_add_test(tc, test_plain_only);
	tcase_add_test(tc, test_second_cert);
	tcase_add_test(tc, test_two_certs_expired);
	tcase_add_test(tc, test_own_port);
	tcase_add_test(tc, test_hsts_cause);
	tcase_add_test(tc, test_not_measured);
	tcase_add_test(tc, test_weak_fact);
	tcase_add_test(tc, test_kx_untested);
	suite_add_tcase(s, tc);
	return s;
}
