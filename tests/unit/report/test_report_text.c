/* test_report_text.c - the text report, line for line, on reports built by
 * hand over a small inline ruleset: a finding's block, the secret
 * redacted or shown, control characters of names and messages escaped,
 * colour only when asked, endpoints, notices and stale entries, the
 * summary's counts, an audit's comparison; and report_where(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/secret_hash.h"
#include "lib/xalloc.h"
#include "report/report_format.h"

#define RULE(id, sev, quote) \
	"  - id: " id "\n" \
	"    title: Title of " id "\n" \
	"    category: secret\n" \
	"    severity: " sev "\n" \
	"    guideline: { doc: doc-a.txt, section: Tokens, quote: '" quote \
	"' }\n" \
	"    keywords: [tsec_]\n" \
	"    pattern: 'tsec_([a-z0-9]{8})'\n" \
	"    examples: [x]\n" \
	"    negative_examples: [y]\n"

/* 99 ASCII characters, then an é across the 100-character cut */
#define LONG_QUOTE "Tokens must be renewed before they expire and never " \
	"kept in code that ships to the client ever anyw\xc3\xa9re at all"

static const char rules_yaml[] =
	"rules:\n"
	RULE("t.secret", "high", "Never store tokens in code.")
	RULE("t.long", "medium", LONG_QUOTE)
	"  - id: t.nosec\n"
	"    title: No section\n"
	"    category: transport\n"
	"    severity: low\n"
	"    guideline: { doc: doc-b.txt, quote: Use HTTPS. }\n"
	"    keywords: [http]\n"
	"    pattern: 'http://'\n"
	"    secret_group: -1\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n"
	"profiles:\n"
	"  - name: default\n"
	"    title: Everything\n"
	"    rules: ['*']\n";

#define SECRET "tsec_s3cr3tv4lue"

static struct ruleset rs;
static struct report r;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_msg(!ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					   strlen(rules_yaml), 0, &e),
		      "%s", e.msg);
	report_init(&r, "scan");
	r.rules = &rs;
	r.profile = ruleset_profile(&rs, "default");
}

static void teardown(void)
{
	report_release(&r);
	ruleset_release(&rs);
}

static struct finding *add(const char *id, enum severity sev,
			   const char *root, const char *path,
			   const char *message, const char *secret)
{
	struct finding f = { 0 };

	f.rule = ruleset_find(&rs, id);
	ck_assert_ptr_nonnull(f.rule);
	f.severity = sev;
	f.confidence = CONF_HIGH;
	f.message = xstrdup(message);
	f.root = root ? xstrdup(root) : NULL;
	f.path = path ? xstrdup(path) : NULL;
	f.line = path ? 3 : 0;
	f.column = path ? 7 : 0;
	f.secret = secret ? xstrdup(secret) : NULL;
	finding_list_add(&r.findings, &f, message);
	return &r.findings.items[r.findings.nr - 1];
}

/* The whole text report of r. */
static char *text_of(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	struct err e = ERR_INIT;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(report_write_text(m, &r, &e), 0);
	ck_assert_int_eq(fclose(m), 0);
	return buf;
}

static void check_text(const char *want)
{
	char *got = text_of();

	ck_assert_msg(!strcmp(got, want), "got:\n%s\nwant:\n%s", got, want);
	free(got);
}

/* The 12 hex digits the report shows of the secret's keyed hash. */
static const char *sha12(const char *secret)
{
	static char hex[65];

	secret_hash_hex(secret, strlen(secret), hex);
	hex[12] = '\0';
	return hex;
}

#define FILES_ZERO \
	"files: 0 scanned (0.0 MB), 0 unreadable\n" \
	"skipped: 0 binary, 0 too large, 0 excluded, 0 symlinks, 0 special " \
	"files, 0 VCS dirs, 0 git-ignored\n"

START_TEST(test_zero_findings)
{
	check_text("scan: 0 findings (critical 0, high 0, medium 0, low 0, "
		   "info 0); 0 at or above low\n" FILES_ZERO);
}
END_TEST

START_TEST(test_secret_redacted)
{
	struct strbuf want = STRBUF_INIT;

	add("t.secret", SEV_HIGH, "src", "app.py", "Test secret found",
	    SECRET);
	r.stats.files_scanned = 2;
	r.stats.bytes_scanned = 1250000;
	strbuf_addf(&want,
		    "src/app.py:3:7  HIGH  t.secret\n"
		    "    Test secret found\n"
		    "    guideline: doc-a.txt - Tokens: \"Never store tokens in "
		    "code.\"\n"
		    "    secret: tsec\xe2\x80\xa6(16 chars)  hmac:%s\n"
		    "\n"
		    "scan: 1 finding (critical 0, high 1, medium 0, low 0, "
		    "info 0); 1 at or above low\n"
		    "files: 2 scanned (1.2 MB), 0 unreadable\n"
		    "skipped: 0 binary, 0 too large, 0 excluded, 0 symlinks, "
		    "0 special files, 0 VCS dirs, 0 git-ignored\n"
		    "secrets are redacted; --show-secrets prints them\n",
		    sha12(SECRET));
	check_text(want.buf);
	strbuf_release(&want);
}
END_TEST

START_TEST(test_secret_shown)
{
	struct strbuf want = STRBUF_INIT;
	char *got;

	add("t.secret", SEV_HIGH, "src", "app.py", "Test secret found",
	    SECRET);
	r.show_secrets = 1;
	got = text_of();
	strbuf_addf(&want, "\n    secret: " SECRET "  hmac:%s\n\n",
		    sha12(SECRET));
	ck_assert_msg(strstr(got, want.buf) != NULL, "%s", got);
	ck_assert_ptr_null(strstr(got, "redacted"));
	ck_assert_ptr_null(strstr(got, "\xe2\x80\xa6"));
	free(got);
	strbuf_release(&want);
}
END_TEST

/* A file name, message, secret, evidence, notice and stale entry with
 * ESC, newline, CR, tab, DEL, a C1 CSI and a stray byte: each escaped,
 * so no line of the report can be forged or the terminal repainted. */
START_TEST(test_control_characters_escaped)
{
	struct finding *f;
	struct finding st = { 0 };
	char *got;

	f = add("t.secret", SEV_HIGH, "src", "x\033[31my\nz\r\t\x7f\xc2\x9b"
		"\xff.py", "found\n    guideline: forged", "tsec_\033]0;pwn\a");
	f->evidence = xstrdup("seen\033[2J");
	r.show_secrets = 1;
	report_add_notice(&r, "src/\033[1mbad\n", "cannot read:\ndenied");
	st.rule = ruleset_find(&rs, "t.secret");
	st.path = xstrdup("old\nfile.py");
	finding_list_add(&r.stale, &st, "old");
	got = text_of();
	ck_assert_msg(strstr(got, "src/x\\x1b[31my\\nz\\r\\t\\x7f\\u009b\\xff"
			     ".py:3:7  HIGH  t.secret\n"
			     "    found\\n    guideline: forged\n") != NULL,
		      "%s", got);
	ck_assert_msg(strstr(got, "\n    secret: tsec_\\x1b]0;pwn\\x07  "
			     "hmac:") != NULL, "%s", got);
	ck_assert_msg(strstr(got, "\n    evidence: seen\\x1b[2J\n") != NULL,
		      "%s", got);
	ck_assert_msg(strstr(got, "\nnotice: src/\\x1b[1mbad\\n: cannot "
			     "read:\\ndenied\n") != NULL, "%s", got);
	ck_assert_msg(strstr(got, "\nstale baseline entry: t.secret "
			     "old\\nfile.py (no longer found)\n") != NULL,
		      "%s", got);
	/* nothing raw: no ESC, DEL or C1 byte anywhere */
	ck_assert_ptr_null(strchr(got, '\033'));
	ck_assert_ptr_null(strchr(got, '\x7f'));
	ck_assert_ptr_null(strstr(got, "\xc2\x9b"));
	ck_assert_ptr_null(strchr(got, '\r'));
	free(got);
}
END_TEST

/* Colour: the severity alone, each its own, and only when asked. */
static const struct {
	enum severity sev;
	const char *name, *code;
} paints[] = {
	{ SEV_INFO, "INFO", "\033[2m" },
	{ SEV_LOW, "LOW", "\033[36m" },
	{ SEV_MEDIUM, "MEDIUM", "\033[33m" },
	{ SEV_HIGH, "HIGH", "\033[31m" },
	{ SEV_CRITICAL, "CRITICAL", "\033[1;31m" },
};

START_TEST(test_colour)
{
	struct strbuf want = STRBUF_INIT;
	char *got;

	add("t.nosec", paints[_i].sev, NULL, "a.txt", "No section", NULL);
	got = text_of();
	ck_assert_ptr_null(strchr(got, '\033'));
	strbuf_addf(&want, "a.txt:3:7  %s  t.nosec\n", paints[_i].name);
	ck_assert_msg(!strncmp(got, want.buf, want.len), "%s", got);
	free(got);

	r.color = 1;
	got = text_of();
	strbuf_reset(&want);
	strbuf_addf(&want, "a.txt:3:7  %s%s\033[0m  t.nosec\n",
		    paints[_i].code, paints[_i].name);
	ck_assert_msg(!strncmp(got, want.buf, want.len), "%s", got);
	/* one colour on and one off, nothing else painted */
	ck_assert_ptr_eq(strchr(got, '\033'), got + strlen("a.txt:3:7  "));
	ck_assert_ptr_null(strchr(strstr(got, "\033[0m") + 1, '\033'));
	free(got);
	strbuf_release(&want);
}
END_TEST

/* A long quote is cut at 100 bytes on a character boundary; a rule
 * without a section shows none; "(new)" in an audit; no secret, no
 * secret line and no redaction footer. */
START_TEST(test_block_details)
{
	struct finding *f;

	add("t.long", SEV_MEDIUM, ".", "lib/a.py", "Long one", NULL);
	f = add("t.nosec", SEV_LOW, NULL, "b.txt", "No section", NULL);
	f->change = CHANGE_NEW;
	check_text("lib/a.py:3:7  MEDIUM  t.long\n"
		   "    Long one\n"
		   "    guideline: doc-a.txt - Tokens: \"Tokens must be renewed "
		   "before they expire and never kept in code that ships to "
		   "the client ever anyw\xe2\x80\xa6\"\n"
		   "\n"
		   "b.txt:3:7  LOW  t.nosec  (new)\n"
		   "    No section\n"
		   "    guideline: doc-b.txt: \"Use HTTPS.\"\n"
		   "\n"
		   "scan: 2 findings (critical 0, high 0, medium 1, low 1, "
		   "info 0); 2 at or above low\n" FILES_ZERO);
}
END_TEST

/* A probe: endpoint blocks with their facts, notices, no file lines;
 * counts by severity and those at or above fail_on. */
START_TEST(test_probe_summary)
{
	struct finding f = { 0 };

	r.command = "probe";
	r.fail_on = SEV_HIGH;
	r.stats.endpoints_probed = 2;
	f.rule = ruleset_find(&rs, "t.nosec");
	f.severity = SEV_LOW;
	f.message = xstrdup("plain http answered");
	f.url = xstrdup("http://127.0.0.1:8080/");
	f.evidence = xstrdup("HTTP/1.1 200 OK");
	finding_list_add(&r.findings, &f, "http");
	add("t.secret", SEV_CRITICAL, NULL, NULL, "critical one", NULL);
	add("t.secret", SEV_HIGH, NULL, NULL, "high one", NULL);
	report_add_fact(&r, "https://127.0.0.1:8443/", "tls", "%s",
			"TLS 1.2, TLS 1.3");
	report_add_fact(&r, "https://127.0.0.1:8443/", "certificate", "%s",
			"CN=local\nforged: line");
	report_add_notice(&r, "https://127.0.0.1:9/", "connection refused");
	r.stats.suppressed_inline = 1;
	r.stats.suppressed_baseline = 4;
	check_text("http://127.0.0.1:8080/  LOW  t.nosec\n"
		   "    plain http answered\n"
		   "    guideline: doc-b.txt: \"Use HTTPS.\"\n"
		   "    evidence: HTTP/1.1 200 OK\n"
		   "\n"
		   "-  CRITICAL  t.secret\n"
		   "    critical one\n"
		   "    guideline: doc-a.txt - Tokens: \"Never store tokens in "
		   "code.\"\n"
		   "\n"
		   "-  HIGH  t.secret\n"
		   "    high one\n"
		   "    guideline: doc-a.txt - Tokens: \"Never store tokens in "
		   "code.\"\n"
		   "\n"
		   "endpoint https://127.0.0.1:8443/\n"
		   "    tls: TLS 1.2, TLS 1.3\n"
		   "    certificate: CN=local\\nforged: line\n"
		   "\n"
		   "notice: https://127.0.0.1:9/: connection refused\n"
		   "\n"
		   "probe: 3 findings (critical 1, high 1, medium 0, low 1, "
		   "info 0); 2 at or above high\n"
		   "endpoints: 2 probed\n"
		   "suppressed: 1 inline (authaudit:allow), 4 by baseline\n");
}
END_TEST

/* An audit: the comparison with the previous run, what was resolved,
 * what expires soon or did. */
START_TEST(test_audit)
{
	struct report_audit *a = xcalloc(1, sizeof(*a));
	struct finding *f, res = { 0 };

	finding_list_init(&a->resolved);
	r.command = "audit";
	r.audit = a;
	f = add("t.nosec", SEV_LOW, NULL, "b.txt", "No section", NULL);
	f->change = CHANGE_OPEN;
	res.rule = ruleset_find(&rs, "t.secret");
	res.path = xstrdup("gone\n.py");
	finding_list_add(&a->resolved, &res, "gone");
	a->previous = xstrdup("runs/prev.json");
	a->previous_start = xstrdup("2026-01-02T03:04:05.000Z");
	a->expiring = xcalloc(2, sizeof(*a->expiring));
	a->nr_expiring = a->alloc_expiring = 2;
	a->expiring[0] = (struct report_expiry){ xstrdup("certificate"),
		xstrdup("https://127.0.0.1:8443/"), xstrdup("2026-01-20"), 18 };
	a->expiring[1] = (struct report_expiry){ xstrdup("token"),
		xstrdup("env\033:TOKEN"), xstrdup("2025-12-30"), -3 };
	check_text("b.txt:3:7  LOW  t.nosec\n"
		   "    No section\n"
		   "    guideline: doc-b.txt: \"Use HTTPS.\"\n"
		   "\n"
		   "audit: 1 finding (critical 0, high 0, medium 0, low 1, "
		   "info 0); 1 at or above low\n" FILES_ZERO
		   "since the previous run (2026-01-02T03:04:05.000Z): 0 new, "
		   "1 still open, 1 resolved\n"
		   "resolved: t.secret gone\\n.py\n"
		   "expiring: certificate https://127.0.0.1:8443/ on "
		   "2026-01-20 (in 18 days)\n"
		   "expiring: token env\\x1b:TOKEN on 2025-12-30 (expired 3 "
		   "days ago)\n");
	free(a->previous);
	free(a->previous_start);
	a->previous = a->previous_start = NULL;
	{
		char *got = text_of();

		ck_assert_msg(strstr(got, "\nfirst run: nothing to compare "
				     "with\nresolved: ") != NULL, "%s", got);
		free(got);
	}
}
END_TEST

/* report_where: root/path:line:col, the root dropped when NULL, "." or
 * empty, one slash between; the URL; "-" for neither. */
static const struct {
	const char *root, *path, *url;
	unsigned line, col;
	const char *want;
} wheres[] = {
	{ "src", "app.py", NULL, 3, 7, "src/app.py:3:7" },
	{ "src/", "app.py", NULL, 3, 7, "src/app.py:3:7" },
	{ "/abs/repo", "a/b.py", NULL, 10, 1, "/abs/repo/a/b.py:10:1" },
	{ ".", "app.py", NULL, 1, 1, "app.py:1:1" },
	{ NULL, "app.py", NULL, 1, 2, "app.py:1:2" },
	{ "", "app.py", NULL, 1, 2, "app.py:1:2" },
	{ "./", "app.py", NULL, 1, 2, "./app.py:1:2" },
	{ NULL, NULL, "https://127.0.0.1:8443/", 0, 0,
	  "https://127.0.0.1:8443/" },
	{ NULL, "f.py", "https://ignored/", 2, 3, "f.py:2:3" },
	{ NULL, NULL, NULL, 0, 0, "-" },
};

START_TEST(test_where)
{
	struct finding f = { 0 };
	struct strbuf sb = STRBUF_INIT;
	char *root = wheres[_i].root ? xstrdup(wheres[_i].root) : NULL;

	/* a root of its own allocation, as read back from a report */
	f.root = root;
	f.path = (char *)wheres[_i].path;
	f.url = (char *)wheres[_i].url;
	f.line = wheres[_i].line;
	f.column = wheres[_i].col;
	strbuf_addstr(&sb, "at ");
	report_where(&f, &sb);
	ck_assert_str_eq(sb.buf + 3, wheres[_i].want);
	strbuf_release(&sb);
	free(root);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("report_text");
	TCase *tc = tcase_create("text");
	TCase *tw = tcase_create("where");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_zero_findings);
	tcase_add_test(tc, test_secret_redacted);
	tcase_add_test(tc, test_secret_shown);
	tcase_add_test(tc, test_control_characters_escaped);
	tcase_add_loop_test(tc, test_colour, 0,
			    sizeof(paints) / sizeof(paints[0]));
	tcase_add_test(tc, test_block_details);
	tcase_add_test(tc, test_probe_summary);
	tcase_add_test(tc, test_audit);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tw, test_where, 0,
			    sizeof(wheres) / sizeof(wheres[0]));
	suite_add_tcase(s, tw);
	return s;
}
