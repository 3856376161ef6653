/* test_audit_config.c - the audit config: every key read, relative paths
 * taken from the config's directory, and each mistake reported at its
 * file:line:column before anything runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "audit/audit_config.h"

static char dir[64], path[128];

static void write_config(const char *text)
{
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/authaudit-audit-%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/audit.yaml", dir);
	mkdir(dir, 0700);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

START_TEST(test_full_config)
{
	struct audit_config c;
	struct err e = ERR_INIT;
	char want[256];

	write_config("name: estate\nprofile: presto-vendor\n"
		     "formats: [json, html]\nkeep: 7\n"
		     "sources:\n  - path: src\n    exclude: ['*.min.js', vendor]\n"
		     "  - path: /abs/tree\n    profile: vista-digital\n"
		     "endpoints:\n  - https://a.test/\n"
		     "  - url: https://b.test/x\n    profile: presto-fi\n"
		     "    http_url: http://b.test/x\n"
		     "probe: { ca_file: ca.pem, timeout: 3s, "
		     "resolve: ['a.test:443:127.0.0.1'] }\n"
		     "tokens:\n  - file: t.txt\n  - env: TOKEN\n"
		     "  - name: opaque\n    expires: 2027-01-05\n");
	ck_assert_int_eq(audit_config_load(&c, path, &e), 0);
	ck_assert_str_eq(c.name, "estate");
	ck_assert_str_eq(c.profile, "presto-vendor");
	ck_assert_uint_eq(c.formats.nr, 2);
	ck_assert_int_eq(c.keep, 7);
	ck_assert_uint_eq(c.nr_sources, 2);
	snprintf(want, sizeof(want), "%s/src", dir);
	ck_assert_str_eq(c.sources[0].path, want);
	ck_assert_uint_eq(c.sources[0].exclude.nr, 2);
	ck_assert_str_eq(c.sources[1].path, "/abs/tree");
	ck_assert_str_eq(c.sources[1].profile, "vista-digital");
	ck_assert_uint_eq(c.nr_endpoints, 2);
	ck_assert_str_eq(c.endpoints[0].url, "https://a.test/");
	ck_assert_ptr_null(c.endpoints[0].profile);
	ck_assert_str_eq(c.endpoints[1].http_url, "http://b.test/x");
	ck_assert_uint_eq(c.endpoints[1].line, 12);
	snprintf(want, sizeof(want), "%s/ca.pem", dir);
	ck_assert_str_eq(c.ca_file, want);
	ck_assert_int_eq(c.timeout, 3);
	ck_assert_uint_eq(c.resolve.nr, 1);
	ck_assert_uint_eq(c.nr_tokens, 3);
	snprintf(want, sizeof(want), "%s/t.txt", dir);
	ck_assert_str_eq(c.tokens[0].file, want);
	ck_assert_str_eq(c.tokens[1].env, "TOKEN");
	ck_assert_str_eq(c.tokens[2].expires, "2027-01-05");
	snprintf(want, sizeof(want), "%s/reports", dir);
	ck_assert_str_eq(c.output_dir, want);
	audit_config_release(&c);
}
END_TEST

static const struct {
	const char *yaml, *want;
	unsigned line, col;
} bad[] = {
	{ "sources:\n  - path: s\n    profil: x\n", "unknown key 'profil'",
	  3, 5 },
	{ "sources:\n  - exclude: [x]\n", "a source: missing required key 'path'", 2, 5 },
	{ "sources: src\n", "'sources' must be a list", 1, 10 },
	{ "history:\n  - branch: [main]\n", "a history entry (a git repository): missing "
	  "required key 'path'",
	  2, 5 },
	{ "history:\n  - path: r\n    branches: [main]\n",
	  "unknown key 'branches'", 3, 5 },
	{ "endpoints:\n  - profile: x\n", "an endpoint: missing required key 'url'", 2, 5 },
	{ "tokens:\n  - name: t\n", "'name' and 'expires' go together", 2,
	  5 },
	{ "tokens:\n  - name: t\n    expires: 05/01/2027\n",
	  "takes a date YYYY-MM-DD", 3, 14 },
	{ "tokens:\n  - file: a\n    env: B\n", "one of 'file', 'env'", 2,
	  5 },
	{ "keep: -1\nsources: [{path: s}]\n", "whole number", 1, 7 },
	{ "probe: { timeout: soon }\nsources: [{path: s}]\n",
	  "takes a duration", 1, 19 },
	{ "name: x\n", "nothing to audit", 0, 0 },
	{ "sourcs: []\n", "unknown key 'sourcs' (known: name, profile", 1,
	  1 },
};

START_TEST(test_bad_config)
{
	struct audit_config c;
	struct err e = ERR_INIT;

	write_config(bad[_i].yaml);
	ck_assert_int_eq(audit_config_load(&c, path, &e), -1);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "row %d: '%s'", _i,
		      e.msg);
	if (bad[_i].line) {
		ck_assert_str_eq(e.file, path);
		ck_assert_uint_eq(e.line, bad[_i].line);
		ck_assert_uint_eq(e.col, bad[_i].col);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("audit_config");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_full_config);
	tcase_add_loop_test(tc, test_bad_config, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	suite_add_tcase(s, tc);
	return s;
}
