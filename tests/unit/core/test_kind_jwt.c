/* test_kind_jwt.c - the `jwt` rule kind on the rules of rules/ (unit
 * tests run from the repository root): tokens made here (base64url and
 * OpenSSL's HMAC, never copied) judged by each params.check, with the
 * finding's rule, severity, message and position; what does not decode is
 * never judged; profiles in force; word lists relative to the rule file;
 * what jwt_prepare() refuses at load time; and the kind behind the real
 * pattern through the scanner. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/jwt.h"
#include "lib/strbuf.h"
#include "scan/scan.h"

/* 2023-11-14T22:13:20Z: every time below is relative to it */
#define NOW 1700000000L
#define PREFIX "key = \""	/* the token stands at column 8 */
#define WORDLIST "rules/wordlists/jwt-secrets.txt"
#define KEY "a-key-no-word-list-holds-7Qv2"

static struct ruleset rs;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_msg(!ruleset_load_dir(&rs, "rules", 0, &e), "rules/: %s",
		      e.msg);
}

static void teardown(void)
{
	ruleset_release(&rs);
}

static void b64url(struct strbuf *sb, const void *data, size_t n)
{
	unsigned char *out = malloc(4 * ((n + 2) / 3) + 1);
	int len = EVP_EncodeBlock(out, data, (int)n);

	ck_assert_int_ge(len, 0);
	for (int i = 0; i < len; i++) {
		if (out[i] == '=')
			break;
		strbuf_addch(sb, out[i] == '+' ? '-' : out[i] == '/' ? '_' :
			     out[i]);
	}
	free(out);
}

static const EVP_MD *md_named(const char *alg)
{
	if (!strcmp(alg, "HS256"))
		return EVP_sha256();
	if (!strcmp(alg, "HS384"))
		return EVP_sha384();
	if (!strcmp(alg, "HS512"))
		return EVP_sha512();
	ck_abort_msg("no HMAC for '%s'", alg);
	return NULL;
}

/* header.payload.signature: signed by HMAC sign_alg with key, or with an
 * empty signature when sign_alg is NULL. The caller free()s it. */
static char *make_jwt(const char *header, const char *payload,
		      const char *sign_alg, const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	b64url(&sb, header, strlen(header));
	strbuf_addch(&sb, '.');
	b64url(&sb, payload, strlen(payload));
	if (sign_alg)
		ck_assert_ptr_nonnull(HMAC(md_named(sign_alg), key,
					   (int)strlen(key),
					   (unsigned char *)sb.buf, sb.len,
					   mac, &n));
	strbuf_addch(&sb, '.');
	b64url(&sb, mac, n);
	return strbuf_detach(&sb, NULL);
}

/* Judge `PREFIX token "` on line 1 of app.py (or a client-side file) by
 * rule id, as the scanner hands a confirmed match to the kind. */
static void judge_as(const char *id, const char *tok,
		     const struct profile *p, int client_side,
		     struct finding_list *out)
{
	const struct rule *r = ruleset_find(&rs, id);
	struct strbuf text = STRBUF_INIT;
	struct source_match m;

	ck_assert_msg(r != NULL, "no rule '%s' in rules/", id);
	ck_assert_str_eq(r->kind->name, "jwt");
	strbuf_addf(&text, PREFIX "%s\"\n", tok);
	memset(&m, 0, sizeof(m));
	m.rs = &rs;
	m.profile = p;
	m.path = client_side ? "web/public/app.js" : "app.py";
	m.buf = text.buf;
	m.len = text.len;
	m.start = 0;
	m.end = text.len - 1;
	m.base_line = m.base_col = 1;
	m.sstart = strlen(PREFIX);
	m.send = m.sstart + strlen(tok);
	m.client_side = client_side;
	m.now = NOW;
	r->kind->judge(r, &m, out);
	strbuf_release(&text);
}

/* Exactly one finding of rule id with severity sev and message want, at
 * app.py:1:8 holding the token as its secret; or none when want is NULL. */
static void check_one(const struct finding_list *out, const char *name,
		      const char *id, const char *sev, const char *tok,
		      const char *want)
{
	const struct finding *f = out->items;

	if (!want) {
		ck_assert_msg(out->nr == 0, "%s: want no finding, got '%s'",
			      name, out->nr ? f->message : "");
		return;
	}
	ck_assert_msg(out->nr == 1, "%s: %zu findings, want 1", name, out->nr);
	ck_assert_str_eq(f->rule->id, id);
	ck_assert_msg(!strcmp(f->message, want), "%s: message '%s', want '%s'",
		      name, f->message, want);
	ck_assert_str_eq(severity_name(f->severity), sev);
	ck_assert_int_eq(f->confidence, CONF_HIGH);
	ck_assert_str_eq(f->secret, tok);
	ck_assert_uint_eq(f->line, 1);
	ck_assert_uint_eq(f->column, 8);
}

#define HS256 "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

static const struct {
	const char *name, *rule, *sev;
	const char *header, *payload;
	const char *sign_alg, *key;
	const char *want;		/* the message; NULL: no finding */
} rows[] = {
	/* alg-none */
	{ "alg none", "token.jwt-alg-none", "critical",
	  "{\"alg\":\"none\",\"typ\":\"JWT\"}",
	  "{\"sub\":\"p-1\",\"iat\":1700000000,\"exp\":1700003600}", NULL, NULL,
	  "JWT with alg none (unsigned): header alg is none: the token is "
	  "unsigned" },
	{ "alg nOnE", "token.jwt-alg-none", "critical",
	  "{\"alg\":\"nOnE\"}", "{\"sub\":\"p-1\",\"exp\":1700003600}", NULL,
	  NULL, "JWT with alg none (unsigned): header alg is none: the token "
	  "is unsigned" },
	{ "alg-none: signed HS256", "token.jwt-alg-none", NULL, HS256,
	  "{\"sub\":\"p-1\",\"exp\":1700003600}", "HS256", KEY, NULL },
	/* no-exp */
	{ "no exp", "token.jwt-no-exp", "high", HS256,
	  "{\"sub\":\"c-7\",\"iat\":1699990000}", "HS256", KEY,
	  "JWT without an exp claim: no exp claim: the token never expires" },
	{ "exp a string is no NumericDate", "token.jwt-no-exp", "high", HS256,
	  "{\"sub\":\"c-7\",\"exp\":\"1700003600\"}", "HS256", KEY,
	  "JWT without an exp claim: no exp claim: the token never expires" },
	{ "no-exp: exp given", "token.jwt-no-exp", NULL, HS256,
	  "{\"sub\":\"c-7\",\"exp\":1700003600}", "HS256", KEY, NULL },
	/* lifetime: the default profile's 12 h (no profile in force) */
	{ "30 days", "token.jwt-lifetime", "medium", HS256,
	  "{\"iat\":1700000000,\"exp\":1702592000}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 30 days exceeds "
	  "the maximum of 12 h" },
	{ "exactly 12 h", "token.jwt-lifetime", NULL, HS256,
	  "{\"iat\":1700000000,\"exp\":1700043200}", "HS256", KEY, NULL },
	{ "13 h", "token.jwt-lifetime", "medium", HS256,
	  "{\"iat\":1700000000,\"exp\":1700046800}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 13 h exceeds the "
	  "maximum of 12 h" },
	{ "from nbf without iat", "token.jwt-lifetime", "medium", HS256,
	  "{\"nbf\":1700000000,\"exp\":1700172800}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 2 days exceeds the "
	  "maximum of 12 h" },
	{ "from now without iat or nbf", "token.jwt-lifetime", "medium", HS256,
	  "{\"exp\":1700086400}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 24 h exceeds the "
	  "maximum of 12 h" },
	{ "exp in 2100", "token.jwt-lifetime", "medium", HS256,
	  "{\"iat\":1700000000,\"exp\":4102444800}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 27806 days exceeds "
	  "the maximum of 12 h" },
	/* absurd: clamped to 9999-12-31T23:59:59Z (JWT_TIME_MAX) */
	{ "exp 1e300", "token.jwt-lifetime", "medium", HS256,
	  "{\"iat\":1700000000,\"exp\":1e300}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 2913221 days "
	  "exceeds the maximum of 12 h" },
	{ "exp an integer past int64", "token.jwt-lifetime", "medium", HS256,
	  "{\"iat\":1700000000,\"exp\":100000000000000000000}", "HS256", KEY,
	  "JWT lifetime above the profile maximum: lifetime 2913221 days "
	  "exceeds the maximum of 12 h" },
	{ "no-exp: none", "token.jwt-lifetime", NULL, HS256,
	  "{\"iat\":1700000000}", "HS256", KEY, NULL },
	/* expired */
	{ "expired in 2020", "token.jwt-expired", "low", HS256,
	  "{\"iat\":1600000000,\"exp\":1600003600}", "HS256", KEY,
	  "Expired JWT in the code base: expired at 2020-09-13T13:26:40Z" },
	{ "expires now", "token.jwt-expired", "low", HS256,
	  "{\"exp\":1700000000}", "HS256", KEY,
	  "Expired JWT in the code base: expired at 2023-11-14T22:13:20Z" },
	{ "expires in a second", "token.jwt-expired", NULL, HS256,
	  "{\"exp\":1700000001}", "HS256", KEY, NULL },
	{ "expired: exp 1e300", "token.jwt-expired", NULL, HS256,
	  "{\"exp\":1e300}", "HS256", KEY, NULL },
	/* not-yet-valid */
	{ "nbf tomorrow", "token.jwt-not-yet-valid", "low", HS256,
	  "{\"nbf\":1700086400,\"exp\":1700090000}", "HS256", KEY,
	  "JWT not valid yet (nbf in the future): not valid before "
	  "2023-11-15T22:13:20Z" },
	{ "nbf now", "token.jwt-not-yet-valid", NULL, HS256,
	  "{\"nbf\":1700000000,\"exp\":1700003600}", "HS256", KEY, NULL },
	/* missing-claim: params.claims [tenant, scope] without a profile */
	{ "no scope", "token.jwt-missing-claim", "medium", HS256,
	  "{\"sub\":\"p-9\",\"tenant\":\"acme\",\"exp\":1700003600}", "HS256",
	  KEY, "JWT lacks a claim the profile expects: lacks claim 'scope' "
	  "expected by profile 'default'" },
	{ "neither", "token.jwt-missing-claim", "medium", HS256,
	  "{\"sub\":\"p-9\"}", "HS256", KEY,
	  "JWT lacks a claim the profile expects: lacks claims 'tenant', "
	  "'scope' expected by profile 'default'" },
	{ "empty and null count as missing", "token.jwt-missing-claim",
	  "medium", HS256, "{\"tenant\":\"\",\"scope\":null}", "HS256", KEY,
	  "JWT lacks a claim the profile expects: lacks claims 'tenant', "
	  "'scope' expected by profile 'default'" },
	{ "an empty list counts as missing", "token.jwt-missing-claim",
	  "medium", HS256, "{\"tenant\":\"acme\",\"scope\":[]}", "HS256", KEY,
	  "JWT lacks a claim the profile expects: lacks claim 'scope' "
	  "expected by profile 'default'" },
	{ "both", "token.jwt-missing-claim", NULL, HS256,
	  "{\"tenant\":\"acme\",\"scope\":[\"orders:read\"]}", "HS256", KEY,
	  NULL },
	/* weak-secret: the tried counts are checked against the list below */
	{ "HS256 changeme", "token.jwt-weak-secret", "critical", HS256,
	  "{\"sub\":\"sf-7\",\"exp\":1700003600}", "HS256", "changeme",
	  "JWT signed with a weak HMAC secret: HS256 secret recovered from the "
	  "word list of weak secrets (3 tried)" },
	{ "HS384 secret", "token.jwt-weak-secret", "critical",
	  "{\"alg\":\"HS384\"}", "{\"sub\":\"sf-7\"}", "HS384", "secret",
	  "JWT signed with a weak HMAC secret: HS384 secret recovered from the "
	  "word list of weak secrets (1 tried)" },
	{ "HS512 password", "token.jwt-weak-secret", "critical",
	  "{\"alg\":\"HS512\"}", "{\"sub\":\"sf-7\"}", "HS512", "password",
	  "JWT signed with a weak HMAC secret: HS512 secret recovered from the "
	  "word list of weak secrets (2 tried)" },
	{ "strong secret", "token.jwt-weak-secret", NULL, HS256,
	  "{\"sub\":\"sf-7\"}", "HS256", KEY, NULL },
	{ "a word's prefix is not the word", "token.jwt-weak-secret", NULL,
	  HS256, "{\"sub\":\"sf-7\"}", "HS256", "changem", NULL },
	{ "alg none has no secret", "token.jwt-weak-secret", NULL,
	  "{\"alg\":\"none\"}", "{\"sub\":\"sf-7\"}", NULL, NULL, NULL },
	{ "RS256 is not HMAC", "token.jwt-weak-secret", NULL,
	  "{\"alg\":\"RS256\"}", "{\"sub\":\"sf-7\"}", "HS256", "secret",
	  NULL },
	{ "header says HS384, signed HS256", "token.jwt-weak-secret", NULL,
	  "{\"alg\":\"HS384\"}", "{\"sub\":\"sf-7\"}", "HS256", "secret",
	  NULL },
	/* credential (secret.jwt): any JWT that decodes */
	{ "credential", "secret.jwt", "high", HS256,
	  "{\"sub\":\"c-1042\",\"exp\":1700003600}", "HS256", KEY,
	  "JWT bearer token stored in code or configuration: alg HS256, "
	  "expires 2023-11-14T23:13:20Z" },
	{ "credential without exp", "secret.jwt", "high", HS256,
	  "{\"sub\":\"c-1042\"}", "HS256", KEY,
	  "JWT bearer token stored in code or configuration: alg HS256, no "
	  "expiry" },
	{ "credential without alg", "secret.jwt", "high", "{\"typ\":\"JWT\"}",
	  "{\"sub\":\"c-1042\"}", NULL, NULL,
	  "JWT bearer token stored in code or configuration: alg ?, no "
	  "expiry" },
	{ "credential, exp 1e300", "secret.jwt", "high", HS256,
	  "{\"exp\":1e300}", "HS256", KEY,
	  "JWT bearer token stored in code or configuration: alg HS256, "
	  "expires 9999-12-31T23:59:59Z" },
};

START_TEST(test_rows)
{
	struct finding_list out;
	char *tok = make_jwt(rows[_i].header, rows[_i].payload,
			     rows[_i].sign_alg, rows[_i].key);

	finding_list_init(&out);
	judge_as(rows[_i].rule, tok, NULL, 0, &out);
	check_one(&out, rows[_i].name, rows[_i].rule, rows[_i].sev, tok,
		  rows[_i].want);
	finding_list_release(&out);
	free(tok);
}
END_TEST

/* The tried counts of the rows are the words' places in the list, not
 * counting comments and blank lines; the last word is found after all. */
static unsigned long words_to(const char *word, unsigned long *total)
{
	FILE *f = fopen(WORDLIST, "r");
	char line[512];
	unsigned long n = 0, at = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		n++;
		if (!at && word && !strcmp(line, word))
			at = n;
	}
	fclose(f);
	if (total)
		*total = n;
	return at;
}

static char last_word[512];

static const char *word_last(void)
{
	FILE *f = fopen(WORDLIST, "r");
	char line[512];

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line && *line != '#')
			memcpy(last_word, line, sizeof(line));
	}
	fclose(f);
	return last_word;
}

START_TEST(test_weak_secret_counts)
{
	struct finding_list out;
	struct strbuf want = STRBUF_INIT;
	unsigned long total;
	char *tok;

	ck_assert_uint_eq(words_to("secret", NULL), 1);
	ck_assert_uint_eq(words_to("password", NULL), 2);
	ck_assert_uint_eq(words_to("changeme", &total), 3);
	ck_assert_uint_gt(total, 100);
	/* the last word: every word tried */
	tok = make_jwt(HS256, "{\"sub\":\"x\"}", "HS256", word_last());
	finding_list_init(&out);
	judge_as("token.jwt-weak-secret", tok, NULL, 0, &out);
	strbuf_addf(&want, "JWT signed with a weak HMAC secret: HS256 secret "
		    "recovered from the word list of weak secrets (%lu tried)",
		    total);
	check_one(&out, "last word", "token.jwt-weak-secret", "critical", tok,
		  want.buf);
	finding_list_release(&out);
	free(tok);
	strbuf_release(&want);
}
END_TEST

/* 32 random bytes as the key: no word list guesses it. */
START_TEST(test_random_secret)
{
	unsigned char raw[32];
	char key[65];
	struct finding_list out;
	char *tok;

	ck_assert_int_eq(RAND_bytes(raw, sizeof(raw)), 1);
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(key + 2 * i, 3, "%02x", raw[i]);
	tok = make_jwt(HS256, "{\"sub\":\"x\",\"exp\":1700003600}", "HS256",
		       key);
	finding_list_init(&out);
	judge_as("token.jwt-weak-secret", tok, NULL, 0, &out);
	ck_assert_uint_eq(out.nr, 0);
	finding_list_release(&out);
	free(tok);
}
END_TEST

/* What does not decode as a JWT is judged by no check. */
static const char *const jwt_rules[] = {
	"token.jwt-alg-none", "token.jwt-no-exp", "token.jwt-lifetime",
	"token.jwt-expired", "token.jwt-not-yet-valid",
	"token.jwt-missing-claim", "token.jwt-weak-secret", "secret.jwt",
};

#define NR_JWT_RULES (sizeof(jwt_rules) / sizeof(jwt_rules[0]))

static char *bad_token(int which)
{
	struct strbuf sb = STRBUF_INIT;
	const char *h = "{\"alg\":\"none\"}", *p = "{\"sub\":\"x\"}";

	switch (which) {
	case 0:		/* the payload cut short: not JSON */
		b64url(&sb, h, strlen(h));
		strbuf_addch(&sb, '.');
		b64url(&sb, "{\"sub\":", 7);
		strbuf_addch(&sb, '.');
		break;
	case 1:		/* a header that is no object */
		b64url(&sb, "[\"none\"]", 8);
		strbuf_addch(&sb, '.');
		b64url(&sb, p, strlen(p));
		strbuf_addch(&sb, '.');
		break;
	case 2:		/* a signature that is no base64url */
		b64url(&sb, h, strlen(h));
		strbuf_addch(&sb, '.');
		b64url(&sb, p, strlen(p));
		strbuf_addstr(&sb, ".ab*c");
		break;
	case 3:		/* two parts */
		b64url(&sb, h, strlen(h));
		strbuf_addch(&sb, '.');
		b64url(&sb, p, strlen(p));
		break;
	case 4:		/* five parts: a JWE */
		h = "{\"alg\":\"dir\",\"enc\":\"A128GCM\"}";
		b64url(&sb, h, strlen(h));
		strbuf_addstr(&sb, "..aXZpdml2aXZp.Y2lwaGVy.dGFndGFn");
		break;
	case 5:		/* a claim twice */
		b64url(&sb, h, strlen(h));
		strbuf_addch(&sb, '.');
		b64url(&sb, "{\"exp\":1,\"exp\":2}", 17);
		strbuf_addch(&sb, '.');
		break;
	case 6:		/* the documents' truncated examples */
		strbuf_addstr(&sb, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
		break;
	}
	return strbuf_detach(&sb, NULL);
}

START_TEST(test_undecodable_not_judged)
{
	char *tok = bad_token(_i);

	for (size_t k = 0; k < NR_JWT_RULES; k++) {
		struct finding_list out;

		finding_list_init(&out);
		judge_as(jwt_rules[k], tok, NULL, 0, &out);
		ck_assert_msg(out.nr == 0, "bad token %d (%s): %s reported "
			      "'%s'", _i, tok, jwt_rules[k],
			      out.nr ? out.items[0].message : "");
		finding_list_release(&out);
	}
	free(tok);
}
END_TEST

/* A token in a client-side file: the secret category goes up a step, the
 * token-lifetime one does not. */
START_TEST(test_client_side)
{
	char *tok = make_jwt("{\"alg\":\"none\"}", "{\"sub\":\"x\"}", NULL,
			     NULL);
	struct finding_list out;

	finding_list_init(&out);
	judge_as("secret.jwt", tok, NULL, 1, &out);
	ck_assert_uint_eq(out.nr, 1);
	ck_assert_int_eq(out.items[0].severity, SEV_CRITICAL);
	ck_assert_str_eq(out.items[0].path, "web/public/app.js");
	finding_list_release(&out);
	finding_list_init(&out);
	judge_as("token.jwt-no-exp", tok, NULL, 1, &out);
	ck_assert_uint_eq(out.nr, 1);
	ck_assert_int_eq(out.items[0].severity, SEV_HIGH);
	finding_list_release(&out);
	free(tok);
}
END_TEST

/* Profiles in force: their token_required_claims replace params.claims
 * (default expects none), their max_token_lifetime the 12 h; a vendor
 * profile without one has no limit. */
static const char short_profile[] =
	"profiles:\n"
	"  - name: t-short\n"
	"    title: One hour tokens\n"
	"    rules: ['token.*']\n"
	"    params:\n"
	"      max_token_lifetime: 1h\n"
	"      token_required_claims: [sub]\n";

static const struct {
	const char *profile, *rule, *payload;
	const char *want;		/* NULL: no finding */
} profile_rows[] = {
	{ "vista-integration", "token.jwt-missing-claim",
	  "{\"tenant\":\"acme\",\"scope\":\"orders\"}",
	  "JWT lacks a claim the profile expects: lacks claim 'aud' expected "
	  "by profile 'vista-integration'" },
	{ "vista-integration", "token.jwt-missing-claim",
	  "{\"aud\":\"https://partner.vista.test/\"}", NULL },
	{ "reseller-platform", "token.jwt-missing-claim",
	  "{\"tenant\":\"acme\"}",
	  "JWT lacks a claim the profile expects: lacks claim 'scope' "
	  "expected by profile 'reseller-platform'" },
	{ "reseller-platform", "token.jwt-missing-claim",
	  "{\"tenant\":\"acme\",\"scope\":\"orders\"}", NULL },
	/* default in force: no claim expected, params.claims unused */
	{ "default", "token.jwt-missing-claim", "{\"sub\":\"x\"}", NULL },
	{ "t-short", "token.jwt-missing-claim", "{\"tenant\":\"acme\"}",
	  "JWT lacks a claim the profile expects: lacks claim 'sub' expected "
	  "by profile 't-short'" },
	{ "t-short", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700007200}",
	  "JWT lifetime above the profile maximum: lifetime 2 h exceeds the "
	  "maximum of 1 h" },
	{ "t-short", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700003600}", NULL },
	/* vista-digital sets 12 h itself */
	{ "vista-digital", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700046800}",
	  "JWT lifetime above the profile maximum: lifetime 13 h exceeds the "
	  "maximum of 12 h" },
	/* a vendor document that states no lifetime has none: never GAS's
	 * 12 h from default (issue 13: a day-long Vista partner token was a
	 * finding, and could not be told from a ten-year one) */
	{ "presto-vendor", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700046800}", NULL },
	{ "vista-integration", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700086400}", NULL },
	/* default holds every document: the strictest stated, 12 h */
	{ "default", "token.jwt-lifetime",
	  "{\"iat\":1700000000,\"exp\":1700046800}",
	  "JWT lifetime above the profile maximum: lifetime 13 h exceeds the "
	  "maximum of 12 h" },
};

START_TEST(test_profile_rows)
{
	struct err e = ERR_INIT;
	const struct profile *p;
	struct finding_list out;
	char *tok;

	ck_assert_msg(!ruleset_load_buffer(&rs, "short.yaml", short_profile,
					   strlen(short_profile), 0, &e),
		      "%s", e.msg);
	p = ruleset_profile(&rs, profile_rows[_i].profile);
	ck_assert_ptr_nonnull(p);
	tok = make_jwt(HS256, profile_rows[_i].payload, "HS256", KEY);
	finding_list_init(&out);
	judge_as(profile_rows[_i].rule, tok, p, 0, &out);
	/* both rules are medium */
	check_one(&out, profile_rows[_i].profile, profile_rows[_i].rule,
		  "medium", tok, profile_rows[_i].want);
	finding_list_release(&out);
	free(tok);
}
END_TEST

/* A rule of a file of our own, its word list beside it. */
static char tmpdir[64];

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

#define OWN_RULE(check_params) \
	"rules:\n" \
	"  - id: t.jwt\n" \
	"    title: Own JWT rule\n" \
	"    kind: jwt\n" \
	"    category: secret\n" \
	"    severity: high\n" \
	"    guideline: { doc: d, quote: q }\n" \
	"    keywords: [eyJ]\n" \
	"    pattern: '(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\." \
	"[A-Za-z0-9_-]*)'\n" \
	"    secret_group: 1\n" \
	check_params \
	"    examples: [x]\n" \
	"    negative_examples: [y]\n"

START_TEST(test_own_wordlist)
{
	struct ruleset own = RULESET_INIT;
	struct err e = ERR_INIT;
	char sub[600], path[700];
	struct source_match m;
	struct finding_list out;
	const struct rule *r;
	struct strbuf text = STRBUF_INIT;
	char *tok;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_kind_jwt.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(sub, sizeof(sub), "%s/rules", tmpdir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	/* CRLF lines, a comment, a blank line: two words */
	write_file(tmpdir, "words.txt", "# ours\r\n\r\nalpha\r\nbeta-2\r\n");
	write_file(sub, "own.yaml", OWN_RULE("    params: { check: "
		   "weak-secret, wordlist: ../words.txt }\n"));
	snprintf(path, sizeof(path), "%s/own.yaml", sub);
	ck_assert_msg(!ruleset_load_file(&own, path, 0, &e), "%s", e.msg);
	r = ruleset_find(&own, "t.jwt");
	ck_assert_ptr_nonnull(r);

	tok = make_jwt(HS256, "{\"sub\":\"x\"}", "HS256", "beta-2");
	strbuf_addf(&text, "a\n\ttok=%s\n", tok);
	memset(&m, 0, sizeof(m));
	m.rs = &own;
	m.path = "conf/app.env";
	m.buf = text.buf;
	m.len = text.len;
	m.start = 2;
	m.end = text.len - 1;
	m.base = 2;
	m.base_line = 2;
	m.base_col = 1;
	m.sstart = 7;
	m.send = 7 + strlen(tok);
	m.now = NOW;
	finding_list_init(&out);
	r->kind->judge(r, &m, &out);
	ck_assert_uint_eq(out.nr, 1);
	ck_assert_str_eq(out.items[0].message, "Own JWT rule: HS256 secret "
			 "recovered from the word list of weak secrets (2 "
			 "tried)");
	ck_assert_uint_eq(out.items[0].line, 2);
	ck_assert_uint_eq(out.items[0].column, 6);
	ck_assert_str_eq(out.items[0].path, "conf/app.env");
	finding_list_release(&out);
	free(tok);
	strbuf_release(&text);
	ruleset_release(&own);
	unlink(path);
	snprintf(path, sizeof(path), "%s/words.txt", tmpdir);
	unlink(path);
	rmdir(sub);
	rmdir(tmpdir);
}
END_TEST

/* jwt_prepare(): what the loader refuses, naming the rule. */
static const struct {
	const char *yaml;
	const char *want;	/* the start of the error message */
} bad_rows[] = {
	{ OWN_RULE(""), "rule 't.jwt': kind 'jwt' needs params.check: one of "
	  "alg-none, no-exp, lifetime, expired, not-yet-valid, missing-claim, "
	  "weak-secret, credential" },
	{ OWN_RULE("    params: { check: lifetimes }\n"), "rule 't.jwt': kind "
	  "'jwt' needs params.check: one of alg-none" },
	{ OWN_RULE("    params: { check: weak-secret }\n"), "rule 't.jwt': "
	  "check weak-secret needs params.wordlist: a file of secrets, one a "
	  "line, relative to the rule file" },
	{ OWN_RULE("    params: { check: weak-secret, wordlist: '' }\n"),
	  "rule 't.jwt': check weak-secret needs params.wordlist" },
	{ OWN_RULE("    params: { check: weak-secret, wordlist: "
		   "no-such-words.txt }\n"),
	  "rule 't.jwt': cannot read word list 'tests/no-such-words.txt'" },
};

START_TEST(test_prepare_refuses)
{
	struct ruleset own = RULESET_INIT;
	struct err e = ERR_INIT;

	ck_assert_int_eq(ruleset_load_buffer(&own, "tests/own.yaml",
					     bad_rows[_i].yaml,
					     strlen(bad_rows[_i].yaml), 0, &e),
			 -1);
	ck_assert_msg(!strncmp(e.msg, bad_rows[_i].want,
			       strlen(bad_rows[_i].want)),
		      "got '%s', want '%s...'", e.msg, bad_rows[_i].want);
	ck_assert_str_eq(e.file, "tests/own.yaml");
	ck_assert_uint_eq(e.line, 2);
	ruleset_release(&own);
}
END_TEST

/* The kind behind the rules' real pattern: the scanner finds the token
 * in a file and the kind judges it. */
START_TEST(test_through_scanner)
{
	static const char *const ids[] = {
		"token.jwt-lifetime", "token.jwt-weak-secret",
	};
	char *tok = make_jwt(HS256, "{\"sub\":\"svc-4\",\"iat\":1700000000,"
			     "\"exp\":1702592000}", "HS256", "changeme");
	struct strbuf text = STRBUF_INIT;
	struct err e = ERR_INIT;

	strbuf_addf(&text, "# config\nAuthorization: Bearer %s\n", tok);
	for (size_t i = 0; i < 2; i++) {
		const struct rule *r = ruleset_find(&rs, ids[i]);
		struct scan_engine *eng;
		struct scanner *s;
		struct finding_list out;
		struct report_stats st = { 0 };

		ck_assert_msg(!scan_engine_build(&eng, &rs, NULL, r, 0, &e),
			      "%s", e.msg);
		s = scanner_new(eng);
		scanner_set_now(s, NOW);
		finding_list_init(&out);
		scanner_scan(s, "svc/app.cfg", text.buf, text.len, &out, &st);
		ck_assert_uint_eq(out.nr, 1);
		ck_assert_str_eq(out.items[0].rule->id, ids[i]);
		ck_assert_str_eq(out.items[0].secret, tok);
		ck_assert_uint_eq(out.items[0].line, 2);
		ck_assert_uint_eq(out.items[0].column, 23);
		ck_assert_str_eq(out.items[0].message, i ?
				 "JWT signed with a weak HMAC secret: HS256 "
				 "secret recovered from the word list of weak "
				 "secrets (3 tried)" :
				 "JWT lifetime above the profile maximum: "
				 "lifetime 30 days exceeds the maximum of "
				 "12 h");
		finding_list_release(&out);
		scanner_free(s);
		scan_engine_free(eng);
	}
	strbuf_release(&text);
	free(tok);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("kind_jwt");
	TCase *tc = tcase_create("judge");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_rows, 0, sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_weak_secret_counts);
	tcase_add_test(tc, test_random_secret);
	tcase_add_loop_test(tc, test_undecodable_not_judged, 0, 7);
	tcase_add_test(tc, test_client_side);
	tcase_add_loop_test(tc, test_profile_rows, 0,
			    sizeof(profile_rows) / sizeof(profile_rows[0]));
	tcase_add_test(tc, test_own_wordlist);
	tcase_add_loop_test(tc, test_prepare_refuses, 0,
			    sizeof(bad_rows) / sizeof(bad_rows[0]));
	tcase_add_test(tc, test_through_scanner);
	suite_add_tcase(s, tc);
	return s;
}
