/* test_probe_cert.c - the certificate check (probe_cert.c) against a real
 * TLS server on 127.0.0.1 presenting chains made now: a good chain, and
 * one defect each (expired, expiring, not yet valid, wrong name,
 * self-signed, a weak key, a SHA-1 signature, an expired intermediate,
 * too long a life, an intermediate the server does not send, a chain to
 * another root), and nothing listening. For each: what probe_cert()
 * read of the chain, field by field, and the exact findings the judge
 * makes of it under the default profile, the rest of the endpoint being
 * compliant.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "check_main.h"
#include "tls_fixture.h"
#include "lib/strbuf.h"
#include "probe/probe.h"
#include "probe/tls_suites.h"

#define DAY 86400L

static char dir[64];
static time_t epoch;		/* the certificates' dates count from it */
static struct ruleset rs = RULESET_INIT;

/* The PKI: a root the client trusts, an intermediate below it (and one
 * that has expired), and another root with its intermediate, trusted by
 * no one. */
static EVP_PKEY *root_key, *inter_key, *old_key, *other_key,
		*other_inter_key, *leaf_key;
static X509 *root, *inter, *old_inter, *other_root, *other_inter;

static void setup(void)
{
	static const struct tf_spec root_s = { "tp root", -10, 3650, 1, NULL,
					       NULL };
	static const struct tf_spec inter_s = { "tp inter", -10, 1000, 1,
						NULL, NULL };
	static const struct tf_spec old_s = { "tp old inter", -400, -1, 1,
					      NULL, NULL };
	static const struct tf_spec other_s = { "tp other root", -10, 3650,
						1, NULL, NULL };
	static const struct tf_spec other_inter_s = { "tp other inter", -10,
						      1000, 1, NULL, NULL };
	struct err e = ERR_INIT;

	snprintf(dir, sizeof(dir), "/tmp/authaudit-probecert-%d",
		 (int)getpid());
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	epoch = time(NULL);
	root_key = tf_key(0);
	inter_key = tf_key(0);
	old_key = tf_key(0);
	other_key = tf_key(0);
	other_inter_key = tf_key(0);
	leaf_key = tf_key(0);
	root = tf_cert(&root_s, epoch, root_key, NULL, NULL);
	inter = tf_cert(&inter_s, epoch, inter_key, root, root_key);
	old_inter = tf_cert(&old_s, epoch, old_key, root, root_key);
	other_root = tf_cert(&other_s, epoch, other_key, NULL, NULL);
	other_inter = tf_cert(&other_inter_s, epoch, other_inter_key,
			      other_root, other_key);
	if (ruleset_load_dir(&rs, "rules/endpoint", 0, &e) ||
	    ruleset_load_file(&rs, "rules/profiles/profiles.yaml", 0, &e))
		ck_abort_msg("cannot load the shipped rules: %s", e.msg);
}

static void teardown(void)
{
	char cmd[128];

	X509_free(root);
	X509_free(inter);
	X509_free(old_inter);
	X509_free(other_root);
	X509_free(other_inter);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(inter_key);
	EVP_PKEY_free(old_key);
	EVP_PKEY_free(other_key);
	EVP_PKEY_free(other_inter_key);
	EVP_PKEY_free(leaf_key);
	ruleset_release(&rs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define SAN "DNS:localhost, IP:127.0.0.1"
#define NAMES "DNS:localhost, IP:127.0.0.1"

enum sent { LEAF_INTER, LEAF_ONLY, LEAF_OTHER, LEAF_OTHER_ROOT, LEAF_OLD };
enum store { STORE_ROOT, STORE_ROOT_INTER };

static const struct row {
	const char *name;
	struct tf_spec leaf;
	int rsa_bits;		/* the leaf's key: 0 is EC P-256 */
	int self_signed;	/* the leaf signs itself */
	enum sent sent;
	enum store store;
	/* what probe_cert() read; {from} and {to} are the leaf's dates */
	const char *read;
	/* the findings: "rule:severity message" lines, sorted */
	const char *want;
} rows[] = {
	{ "good", { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0, LEAF_INTER,
	  STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names '" NAMES "', "
	  "EC 256, weak key 0, weak sig '', self-signed 0, untrusted 0 '', "
	  "name mismatch 0, incomplete 0 '', chain expired ''", "" },
	{ "expired", { "tp leaf", -30, -1, 0, SAN, NULL }, 0, 0, LEAF_INTER,
	  STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names '" NAMES "', "
	  "EC 256, weak key 0, weak sig '', self-signed 0, untrusted 0 '', "
	  "name mismatch 0, incomplete 0 '', chain expired ''",
	  "endpoint.cert-expired:critical the certificate expired on {to}, "
	  "1 day ago\n" },
	{ "expiring", { "tp leaf", -1, 10, 0, SAN, NULL }, 0, 0, LEAF_INTER,
	  STORE_ROOT, NULL,
	  "endpoint.cert-expiring-soon:medium the certificate expires on "
	  "{to}, in 9 days (warning from 30 days)\n" },
	{ "not yet valid", { "tp leaf", 2, 90, 0, SAN, NULL }, 0, 0,
	  LEAF_INTER, STORE_ROOT, NULL,
	  "endpoint.cert-not-yet-valid:high the certificate is not valid "
	  "before {from}\n" },
	{ "wrong name", { "tp leaf", -1, 90, 0, "DNS:other.test", NULL }, 0,
	  0, LEAF_INTER, STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names "
	  "'DNS:other.test', EC 256, weak key 0, weak sig '', self-signed 0, "
	  "untrusted 0 '', name mismatch 1, incomplete 0 '', chain expired "
	  "''",
	  "endpoint.cert-hostname-mismatch:high '127.0.0.1' is not among the "
	  "certificate's names (DNS:other.test)\n" },
	{ "no names", { "tp leaf", -1, 90, 0, NULL, NULL }, 0, 0, LEAF_INTER,
	  STORE_ROOT, NULL,
	  "endpoint.cert-hostname-mismatch:high '127.0.0.1' is not among the "
	  "certificate's names ((no subject alternative names))\n" },
	{ "self-signed", { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 1,
	  LEAF_ONLY, STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp leaf', names '" NAMES "', "
	  "EC 256, weak key 0, weak sig '', self-signed 1, untrusted 0 '', "
	  "name mismatch 0, incomplete 0 '', chain expired ''",
	  "endpoint.cert-self-signed:high the certificate is self-signed: no "
	  "client can verify it\n" },
	{ "weak key", { "tp leaf", -1, 90, 0, SAN, NULL }, 1024, 0,
	  LEAF_INTER, STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names '" NAMES "', "
	  "RSA 1024, weak key 1, weak sig '', self-signed 0, untrusted 0 '', "
	  "name mismatch 0, incomplete 0 '', chain expired ''",
	  "endpoint.cert-weak-key:high RSA key of 1024 bits (at least "
	  "2048)\n" },
	{ "strong RSA", { "tp leaf", -1, 90, 0, SAN, NULL }, 2048, 0,
	  LEAF_INTER, STORE_ROOT, NULL, "" },
	{ "SHA-1 signature", { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0,
	  LEAF_INTER, STORE_ROOT, NULL,
	  "endpoint.cert-weak-signature:high certificate 'CN=tp leaf' is "
	  "signed with ecdsa-with-SHA1\n" },
	{ "too long a life", { "tp leaf", -1, 500, 0, SAN, NULL }, 0, 0,
	  LEAF_INTER, STORE_ROOT, NULL,
	  "endpoint.cert-lifetime-too-long:low the certificate is valid for "
	  "501 days (at most 398)\n" },
	{ "short chain, the intermediate in the store",
	  { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0, LEAF_ONLY,
	  STORE_ROOT_INTER,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names '" NAMES "', "
	  "EC 256, weak key 0, weak sig '', self-signed 0, untrusted 0 '', "
	  "name mismatch 0, incomplete 1 'CN=tp inter', chain expired ''",
	  "endpoint.cert-chain-incomplete:medium the server does not send "
	  "the intermediate 'CN=tp inter'; clients without it cached cannot "
	  "verify\n" },
	{ "short chain, the intermediate nowhere",
	  { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0, LEAF_ONLY, STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp inter', names '" NAMES "', "
	  "EC 256, weak key 0, weak sig '', self-signed 0, untrusted 1 'the "
	  "issuer 'CN=tp inter' of 'CN=tp leaf' is not in the trust store "
	  "(nor sent by the server)', name mismatch 0, incomplete 0 '', "
	  "chain expired ''",
	  "endpoint.cert-untrusted:high the certificate does not verify: the "
	  "issuer 'CN=tp inter' of 'CN=tp leaf' is not in the trust store "
	  "(nor sent by the server)\n" },
	{ "another root, sent", { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0,
	  LEAF_OTHER_ROOT, STORE_ROOT, NULL,
	  "endpoint.cert-untrusted:high the certificate does not verify: the "
	  "chain ends in 'CN=tp other root', which is not a trusted root\n" },
	{ "another root, not sent", { "tp leaf", -1, 90, 0, SAN, NULL }, 0,
	  0, LEAF_OTHER, STORE_ROOT, NULL,
	  "endpoint.cert-untrusted:high the certificate does not verify: the "
	  "issuer 'CN=tp other root' of 'CN=tp other inter' is not in the "
	  "trust store (nor sent by the server)\n" },
	{ "expired intermediate", { "tp leaf", -1, 90, 0, SAN, NULL }, 0, 0,
	  LEAF_OLD, STORE_ROOT,
	  "subject 'CN=tp leaf', issuer 'CN=tp old inter', names '" NAMES
	  "', EC 256, weak key 0, weak sig '', self-signed 0, untrusted 0 '', "
	  "name mismatch 0, incomplete 0 '', chain expired 'intermediate "
	  "'CN=tp old inter' is expired'",
	  "endpoint.cert-expired:critical the chain's intermediate 'CN=tp "
	  "old inter' is expired\n" },
};

/* A compliant endpoint but for its certificate (test_probe_judge.c's). */
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
	r->plain.v = VERDICT_REFUSED;
	r->hsts.v = VERDICT_ACCEPTED;
	r->hsts.present = 1;
	r->hsts.max_age = 365 * DAY;
}

static void day_of(long days, char out[16])
{
	time_t t = epoch + days * DAY;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* text with {from} and {to} replaced by the days of leaf's dates. */
static void expand(const char *text, const struct tf_spec *leaf,
		   struct strbuf *out)
{
	char from[16], to[16];

	day_of(leaf->from, from);
	day_of(leaf->to, to);
	for (const char *p = text; *p; ) {
		if (!strncmp(p, "{from}", 6)) {
			strbuf_addstr(out, from);
			p += 6;
		} else if (!strncmp(p, "{to}", 4)) {
			strbuf_addstr(out, to);
			p += 4;
		} else {
			strbuf_addch(out, *p++);
		}
	}
}

static void describe_read(const struct cert_result *c, struct strbuf *out)
{
	strbuf_addf(out, "subject '%s', issuer '%s', names '%s', %s %d, "
		    "weak key %d, weak sig '%s', self-signed %d, untrusted %d "
		    "'%s', name mismatch %d, incomplete %d '%s', chain "
		    "expired '%s'", c->subject, c->issuer, c->names,
		    c->key_type, c->key_bits, c->weak_key, c->weak_sig,
		    c->self_signed, c->untrusted, c->untrusted_why,
		    c->hostname_mismatch, c->chain_incomplete, c->missing,
		    c->chain_expired);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings as sorted "rule:severity message" lines. */
static void describe_findings(const struct report *r, struct strbuf *out)
{
	char **lines = calloc(r->findings.nr + 1, sizeof(*lines));
	struct strbuf one = STRBUF_INIT;

	for (size_t i = 0; i < r->findings.nr; i++) {
		const struct finding *f = &r->findings.items[i];

		strbuf_addf(&one, "%s:%s %s", f->rule->id,
			    severity_name(f->severity), f->message);
		lines[i] = strbuf_detach(&one, NULL);
	}
	qsort(lines, r->findings.nr, sizeof(*lines), cmp_line);
	for (size_t i = 0; i < r->findings.nr; i++) {
		strbuf_addf(out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* Probe the certificate at 127.0.0.1:port with trust in store_path. */
static void probe_at(unsigned port, const char *store_path,
		     struct probe_result *res, struct probe_target *t)
{
	struct probe_opts o = { .ca_file = store_path, .timeout_ms = 10000,
				.concurrency = 1, .per_host = 1 };
	struct probe_ctx c;
	struct err e = ERR_INIT;
	char url[64];

	snprintf(url, sizeof(url), "https://127.0.0.1:%u/", port);
	ck_assert_int_eq(probe_target_parse(t, url, 80, &e), 0);
	ck_assert_msg(!probe_ctx_init(&c, &o, &e), "%s", e.msg);
	compliant(res);
	probe_cert(&c, t, CERT_DEFAULT, res);
	probe_ctx_release(&c);
}

/* The judge's findings of res, an hour after the epoch. */
static void judge(const struct probe_target *t, const struct probe_result *res,
		  struct strbuf *out)
{
	struct report r;

	report_init(&r, "probe");
	probe_judge(&rs, ruleset_profile(&rs, "default"), t, res, NULL, 0,
		    epoch + 3600, &r);
	describe_findings(&r, out);
	report_release(&r);
}

START_TEST(test_chains)
{
	const struct row *row = &rows[_i];
	X509 *leaf, *chain[3];
	EVP_PKEY *key = row->rsa_bits ? tf_key(row->rsa_bits) : leaf_key;
	struct tf_spec spec = row->leaf;
	struct tf_server srv;
	struct probe_result res;
	struct probe_target t;
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	char store[96];
	size_t n = 0;

	if (!strcmp(row->name, "SHA-1 signature"))
		spec.md = EVP_sha1();
	if (row->self_signed)
		leaf = tf_cert(&spec, epoch, key, NULL, NULL);
	else if (row->sent == LEAF_OTHER || row->sent == LEAF_OTHER_ROOT)
		leaf = tf_cert(&spec, epoch, key, other_inter,
			       other_inter_key);
	else if (row->sent == LEAF_OLD)
		leaf = tf_cert(&spec, epoch, key, old_inter, old_key);
	else
		leaf = tf_cert(&spec, epoch, key, inter, inter_key);
	chain[n++] = leaf;
	if (row->sent == LEAF_INTER)
		chain[n++] = inter;
	else if (row->sent == LEAF_OLD)
		chain[n++] = old_inter;
	else if (row->sent == LEAF_OTHER || row->sent == LEAF_OTHER_ROOT)
		chain[n++] = other_inter;
	if (row->sent == LEAF_OTHER_ROOT)
		chain[n++] = other_root;
	snprintf(store, sizeof(store), "%s/store-%d.pem", dir, _i);
	{
		X509 *trusted[] = { root, inter };

		tf_write_certs(store, trusted, row->store == STORE_ROOT_INTER ?
			       2 : 1);
	}

	tf_server_start(&srv, chain, n, key, NULL, NULL);
	probe_at(srv.port, store, &res, &t);
	tf_server_stop(&srv);

	ck_assert_msg(res.cert.v == VERDICT_ACCEPTED, "%s: %s", row->name,
		      res.cert.why);
	ck_assert_int_eq(res.cert.not_before, epoch + spec.from * DAY);
	ck_assert_int_eq(res.cert.not_after, epoch + spec.to * DAY);
	if (row->read) {
		describe_read(&res.cert, &got);
		ck_assert_msg(!strcmp(got.buf, row->read), "%s: read\n  %s\n"
			      "want\n  %s", row->name, got.buf, row->read);
		strbuf_reset(&got);
	}
	judge(&t, &res, &got);
	expand(row->want, &spec, &want);
	ck_assert_msg(!strcmp(got.buf, want.buf), "%s: findings\n%swant\n%s",
		      row->name, got.buf, want.buf);
	strbuf_release(&got);
	strbuf_release(&want);
	probe_target_release(&t);
	X509_free(leaf);
	if (key != leaf_key)
		EVP_PKEY_free(key);
}
END_TEST

/* Nothing listening: no certificate read, and no pass either. */
START_TEST(test_nothing_listening)
{
	struct probe_result res;
	struct probe_target t;
	struct strbuf got = STRBUF_INIT;
	char store[96];

	snprintf(store, sizeof(store), "%s/store-dead.pem", dir);
	tf_write_certs(store, &root, 1);
	probe_at(tf_closed_port(), store, &res, &t);
	ck_assert_int_eq(res.cert.v, VERDICT_ERROR);
	ck_assert_str_eq(res.cert.why, "Connection refused");
	ck_assert_int_eq(res.cert.client_limit, 0);
	judge(&t, &res, &got);
	ck_assert_str_eq(got.buf, "endpoint.probe-failed:medium some checks "
			 "got no verdict: certificate (Connection refused)\n");
	strbuf_release(&got);
	probe_target_release(&t);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("probe_cert");
	TCase *tc = tcase_create("chains");

	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_chains, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_nothing_listening);
	suite_add_tcase(s, tc);
	return s;
}
