/* test_probe_target.c - probe URLs and targets files: rows of input and
 * the host, port, URL and plain-HTTP URL they give, or the error. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "probe/probe_target.h"

static const struct {
	const char *spec;
	unsigned http_port;
	const char *host;
	unsigned port;
	const char *url, *http_url;
	int plain_only;
} good[] = {
	{ "https://api.example.test/v1", 80, "api.example.test", 443,
	  "https://api.example.test/v1", "http://api.example.test/v1", 0 },
	{ "api.example.test", 80, "api.example.test", 443,
	  "https://api.example.test/", "http://api.example.test/", 0 },
	{ "api.example.test:8443/x?y=1", 80, "api.example.test", 8443,
	  "https://api.example.test:8443/x?y=1",
	  "http://api.example.test/x?y=1", 0 },
	{ "https://[::1]:8443/", 80, "::1", 8443, "https://[::1]:8443/",
	  "http://[::1]/", 0 },
	{ "https://127.0.0.1:443/a", 8080, "127.0.0.1", 443,
	  "https://127.0.0.1/a", "http://127.0.0.1:8080/a", 0 },
	{ "http://h.test:8080/p", 80, "h.test", 8080, "http://h.test:8080/p",
	  "http://h.test:8080/p", 1 },
	{ "https://h.test?x=1", 80, "h.test", 443, "https://h.test/?x=1",
	  "http://h.test/?x=1", 0 },
};

static const struct {
	const char *spec, *msg;
} bad[] = {
	{ "ftp://h.test/", "only https:// and http://" },
	{ "https://user:pw@h.test/", "no user:password@" },
	{ "https://h.test:0/", "bad port" },
	{ "https://h.test:99999/", "bad port" },
	{ "https://h.test:abc/", "bad port" },
	{ "https://[::1/", "unclosed '['" },
	{ "https:///x", "not a host name" },
	{ "https://h test/", "not a host name" },
};

START_TEST(test_good)
{
	struct probe_target t;
	struct err e = ERR_INIT;

	ck_assert_msg(!probe_target_parse(&t, good[_i].spec,
					  good[_i].http_port, &e),
		      "%s: %s", good[_i].spec, e.msg);
	ck_assert_str_eq(t.host, good[_i].host);
	ck_assert_uint_eq(t.port, good[_i].port);
	ck_assert_str_eq(t.url, good[_i].url);
	ck_assert_str_eq(t.http_url, good[_i].http_url);
	ck_assert_int_eq(t.plain_only, good[_i].plain_only);
	probe_target_release(&t);
}
END_TEST

START_TEST(test_bad)
{
	struct probe_target t;
	struct err e = ERR_INIT;

	ck_assert_int_eq(probe_target_parse(&t, bad[_i].spec, 80, &e), -1);
	ck_assert_msg(strstr(e.msg, bad[_i].msg), "%s: got '%s'",
		      bad[_i].spec, e.msg);
}
END_TEST

/* Write text to a temporary file; its name into path. */
static void temp_file(char *path, size_t n, const char *suffix,
		      const char *text)
{
	FILE *f;

	snprintf(path, n, "/tmp/authaudit-targets-%d%s", (int)getpid(),
		 suffix);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static const struct {
	const char *text;
	size_t nr;
	const char *second_url, *second_profile, *second_http;
	const char *error;	/* NULL: loads */
} files[] = {
	{ "# endpoints\nhttps://a.test/\n\n  b.test:8443/x   # legacy\n", 2,
	  "https://b.test:8443/x", NULL, "http://b.test/x", NULL },
	{ "targets:\n  - url: https://a.test/\n  - url: https://b.test/v\n"
	  "    profile: presto-fi\n    http_url: http://b.test:8080/v\n", 2,
	  "https://b.test/v", "presto-fi", "http://b.test:8080/v", NULL },
	{ "# header\ntargets:\n  - https://a.test/\n  - https://b.test/\n", 2,
	  "https://b.test/", NULL, "http://b.test/", NULL },
	{ "targets:\n  - url: https://a.test/\n    profil: x\n", 0, NULL, NULL,
	  NULL, ":3:5: a target: unknown key 'profil'" },
	{ "targets:\n  - profile: x\n", 0, NULL, NULL, NULL,
	  ":2:5: a target: missing required key 'url'" },
	{ "targets:\n  - url: https://a.test/\n    http_url: https://a.test/\n",
	  0, NULL, NULL, NULL, "http_url 'https://a.test/' must be http://" },
	{ "targets:\n  - url: [https://a.test/\n", 0, NULL, NULL, NULL,
	  ":3:1: " },
	{ "https://a.test/\nhttps://b.test/ https://c.test/\n", 0, NULL, NULL,
	  NULL, ":2:1: one URL a line" },
	{ "https://a.test/\nftp://b.test/\n", 0, NULL, NULL, NULL,
	  ":2:1: 'ftp://b.test/': only https:// and http://" },
};

START_TEST(test_files)
{
	struct probe_targets ts = { 0 };
	struct err e = ERR_INIT;
	char path[128];
	int rc;

	temp_file(path, sizeof(path), _i % 2 ? ".yaml" : ".txt",
		  files[_i].text);
	rc = probe_targets_load(&ts, path, 80, &e);
	unlink(path);
	if (files[_i].error) {
		char where[2048];

		ck_assert_int_eq(rc, -1);
		snprintf(where, sizeof(where), "%s:%u:%u: %s", e.file, e.line,
			 e.col, e.msg);
		ck_assert_msg(strstr(where, files[_i].error), "row %d: got "
			      "'%s'", _i, where);
	} else {
		ck_assert_msg(rc == 0, "row %d: %s", _i, e.msg);
		ck_assert_uint_eq(ts.nr, files[_i].nr);
		ck_assert_str_eq(ts.items[1].url, files[_i].second_url);
		ck_assert_str_eq(ts.items[1].http_url, files[_i].second_http);
		if (files[_i].second_profile)
			ck_assert_str_eq(ts.items[1].profile,
					 files[_i].second_profile);
		else
			ck_assert_ptr_null(ts.items[1].profile);
		ck_assert_uint_gt(ts.items[1].line, 0);
	}
	probe_targets_release(&ts);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("probe_target");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_loop_test(tc, test_files, 0,
			    sizeof(files) / sizeof(files[0]));
	suite_add_tcase(s, tc);
	return s;
}
