/* test_auth_url.c - a credential goes only to base_url's scheme, host and
 * port: endpoint paths, base URLs, joins and origin checks, row by row,
 * each crafted value that would reach another host refused. */
#include <string.h>

#include "check_main.h"
#include "auth/auth_url.h"

/* Each row: want NULL for success, else a part of the message. */
static const struct {
	const char *path;
	const char *want;
} paths[] = {
	{ "/Supplier/Products/List", NULL },
	{ "/Orders/List?page=2&size=10", NULL },
	{ "/", NULL },
	{ "/a:b/c%40d", NULL },		/* an encoded '@' is a path byte */
	{ "@localhost:8443/Supplier/Products/List", "one '/' first" },
	{ "//localhost:8443/x", "no '//'" },
	{ "https://localhost/x", "one '/' first" },
	{ "Supplier/Products/List", "one '/' first" },
	{ "", "one '/' first" },
	{ "/x@localhost:8443/y", "no '@'" },
	{ "/\\\\localhost/x", "no '@', '\\'" },
	{ "/x#@localhost", "'#'" },
	{ "/x y", "space" },
	{ "/x\ty", "control" },
	{ "/x\r\nHost: other", "control" },
	{ "/caf\xc3\xa9", "non-ASCII" },
};

START_TEST(test_path_rows)
{
	struct err e = ERR_INIT;
	int rc = auth_url_check_path(paths[_i].path, &e);

	if (!paths[_i].want) {
		ck_assert_msg(rc == 0, "'%s': %s", paths[_i].path, e.msg);
		ck_assert_str_eq(e.msg, "");
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, paths[_i].want), "'%s' lacks '%s'",
			      e.msg, paths[_i].want);
	}
}
END_TEST

static const struct {
	const char *base;
	const char *want;
} bases[] = {
	{ "https://127.0.0.1:8443", NULL },
	{ "https://api.example.test", NULL },
	{ "https://api.example.test/api/v1/", NULL },
	{ "https://[::1]:8443", NULL },
	{ "http://127.0.0.1:8443", "must be https://" },
	{ "HTTPS://api.example.test", "must be https://" },
	{ "ftp://api.example.test", "must be https://" },
	{ "https://u:p@api.example.test", "must not carry credentials" },
	{ "https://u@api.example.test/x", "must not carry credentials" },
	{ "https://api.example.test/x?a=@b", "query or a fragment" },
	{ "https://api.example.test?@other", "query or a fragment" },
	{ "https://api.example.test#@other", "query or a fragment" },
	{ "https://", "base_url" },
};

START_TEST(test_base_rows)
{
	struct err e = ERR_INIT;
	int rc = auth_url_check_base(bases[_i].base, &e);

	if (!bases[_i].want) {
		ck_assert_msg(rc == 0, "'%s': %s", bases[_i].base, e.msg);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, bases[_i].want), "'%s' lacks '%s'",
			      e.msg, bases[_i].want);
		/* never echo a base_url: it may hold a password */
		ck_assert_ptr_null(strstr(e.msg, "u:p"));
	}
}
END_TEST

static const struct {
	const char *origin, *url;
	int plain;
	const char *want;
} origins[] = {
	{ "https://127.0.0.1:1", "https://127.0.0.1:1/x", 0, NULL },
	{ "https://API.example.test", "https://api.example.test/x", 0, NULL },
	{ "https://h.test", "https://h.test:443/x", 0, NULL },
	{ "https://h.test:443", "https://h.test/x", 0, NULL },
	{ "https://h.test:8443", "http://h.test:8443/x", 1, NULL },
	{ "https://h.test", "http://h.test/x", 1, NULL },
	/* the review's case: base_url + "@localhost:P/..." */
	{ "https://127.0.0.1:1", "https://127.0.0.1:1@localhost:9/x", 0,
	  "names a user or password" },
	{ "https://127.0.0.1:1", "https://localhost:1/x", 0,
	  "host 'localhost': base_url's host is '127.0.0.1'" },
	{ "https://127.0.0.1:1", "https://127.0.0.1:2/x", 0,
	  "port '2': base_url's port is '1'" },
	{ "https://h.test", "https://h.test:8443/x", 0, "port '8443'" },
	{ "https://h.test", "http://h.test/x", 0, "over 'http'" },
	{ "https://h.test", "https://h.test/x", 1, "over 'https'" },
	/* plain HTTP carries nothing: any port of the host, never another
	 * host, user or password */
	{ "https://h.test:8443", "http://h.test/x", 1, NULL },
	{ "https://h.test:443", "http://h.test:8080/x", 1, NULL },
	{ "https://h.test:8443", "http://other.test/x", 1,
	  "host 'other.test'" },
	{ "https://h.test", "http://u:p@h.test/x", 1, "names a user" },
	{ "https://h.test", "https://other.test/x", 0, "host 'other.test'" },
	{ "https://h.test", "https://h.test.other.test/x", 0, "host" },
	{ "https://h.test", "not a url at all", 0, "does not parse" },
	{ "http://h.test", "http://h.test/x", 1, "must be https://" },
};

START_TEST(test_origin_rows)
{
	struct err e = ERR_INIT;
	int rc = auth_url_same_origin(origins[_i].origin, origins[_i].url,
				      origins[_i].plain, &e);

	if (!origins[_i].want) {
		ck_assert_msg(rc == 0, "%s vs %s: %s", origins[_i].origin,
			      origins[_i].url, e.msg);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, origins[_i].want), "'%s' lacks "
			      "'%s'", e.msg, origins[_i].want);
	}
}
END_TEST

static const struct {
	const char *base, *path;
	int plain;
	const char *url;	/* NULL: refused */
} joins[] = {
	{ "https://127.0.0.1:1", "/x", 0, "https://127.0.0.1:1/x" },
	{ "https://h.test/", "/x", 0, "https://h.test/x" },
	{ "https://h.test/api", "/x?a=1", 0, "https://h.test/api/x?a=1" },
	{ "https://h.test/api/", "/../x", 0, "https://h.test/api/../x" },
	/* plain: port 80, never the TLS port (issue 13: base_url :443 sent
	 * the plain-HTTP check to http://host:443/) */
	{ "https://h.test:8443", "/x", 1, "http://h.test/x" },
	{ "https://api.example:443/", "/x", 1, "http://api.example/x" },
	{ "https://h.test", "/x", 1, "http://h.test/x" },
	{ "https://[::1]:8443/api", "/x", 1, "http://[::1]/api/x" },
	{ "https://127.0.0.1:1", "@localhost:9/Supplier/Products/List", 0,
	  NULL },
	{ "https://127.0.0.1:1", "//localhost:9/x", 0, NULL },
	{ "https://127.0.0.1:1/", "/localhost:9/x", 0,
	  "https://127.0.0.1:1/localhost:9/x" },
	{ "https://127.0.0.1:1/", "//localhost:9/x", 0, NULL },
	{ "https://127.0.0.1:1", ":9@localhost/x", 0, NULL },
	{ "https://127.0.0.1:1", ".localhost/x", 0, NULL },
	{ "http://127.0.0.1:1", "/x", 1, NULL },
};

START_TEST(test_join_rows)
{
	struct strbuf out = STRBUF_INIT;
	struct err e = ERR_INIT;
	int rc = auth_url_join(joins[_i].base, joins[_i].path,
			       joins[_i].plain, &out, &e);

	if (joins[_i].url) {
		ck_assert_msg(rc == 0, "%s + %s: %s", joins[_i].base,
			      joins[_i].path, e.msg);
		ck_assert_str_eq(out.buf, joins[_i].url);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(out.buf, "");
		ck_assert_str_ne(e.msg, "");
	}
	strbuf_release(&out);
}
END_TEST

/* A target's http_url: http:// on base_url's host, any port. */
static const struct {
	const char *base, *url, *want;	/* want NULL: accepted */
} plains[] = {
	{ "https://127.0.0.1:8443", "http://127.0.0.1:8080/x", NULL },
	{ "https://h.test", "http://h.test/x", NULL },
	{ "https://h.test", "http://H.TEST:81/x?a=1", NULL },
	{ "https://h.test", "https://h.test/x", "must be http://" },
	{ "https://h.test", "http://other.test/x",
	  "must be on base_url's host" },
	{ "https://h.test", "http://h.test@other.test/x",
	  "must be on base_url's host" },
	{ "https://h.test", "http://u:p@h.test/x",
	  "must be on base_url's host" },
	{ "https://h.test", "http://h.test/x#f", "fragment" },
};

START_TEST(test_plain_rows)
{
	struct err e = ERR_INIT;
	int rc = auth_url_check_plain(plains[_i].base, plains[_i].url, &e);

	if (!plains[_i].want) {
		ck_assert_msg(rc == 0, "%s: %s", plains[_i].url, e.msg);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, plains[_i].want), "'%s' lacks "
			      "'%s'", e.msg, plains[_i].want);
	}
}
END_TEST

static const struct {
	const char *from, *to;
	enum auth_redirect want;
	const char *shown;
} redirects[] = {
	{ "https://h.test/x", "https://h.test/y", AUTH_REDIRECT_SAME,
	  "https://h.test:443/y" },
	{ "https://h.test/x", "https://h.test:443/x", AUTH_REDIRECT_SELF,
	  "https://h.test:443/x" },
	{ "https://h.test:8443/x?a=1", "https://h.test:8443/x?a=1",
	  AUTH_REDIRECT_SELF, "https://h.test:8443/x" },
	{ "https://h.test/x", "https://other.invalid/x", AUTH_REDIRECT_HOST,
	  "https://other.invalid:443/x" },
	{ "https://h.test/x", "https://h.test:8443/x", AUTH_REDIRECT_HOST,
	  "https://h.test:8443/x" },
	{ "https://h.test/x", "http://h.test/x", AUTH_REDIRECT_PLAIN,
	  "http://h.test:80/x" },
	{ "https://h.test/x", "http://other.invalid:81/x", AUTH_REDIRECT_PLAIN,
	  "http://other.invalid:81/x" },
	/* what a report shows drops the user, query and fragment */
	{ "https://h.test/x", "https://u:pw@other.invalid/p?code=s3cret#f",
	  AUTH_REDIRECT_HOST, "https://other.invalid:443/p" },
	{ "https://h.test/x", "", AUTH_REDIRECT_BAD, "" },
	{ "https://h.test/x", NULL, AUTH_REDIRECT_BAD, "" },
	{ "https://h.test/x", "not a url", AUTH_REDIRECT_BAD, "" },
};

START_TEST(test_redirect_rows)
{
	struct strbuf shown = STRBUF_INIT;
	enum auth_redirect k = auth_url_redirect(redirects[_i].from,
						 redirects[_i].to, &shown);

	ck_assert_msg(k == redirects[_i].want, "%s -> %s: kind %d, want %d",
		      redirects[_i].from, redirects[_i].to ? redirects[_i].to :
		      "(null)", (int)k, (int)redirects[_i].want);
	ck_assert_str_eq(shown.buf, redirects[_i].shown);
	strbuf_release(&shown);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_url");
	TCase *tc = tcase_create("url");

	tcase_add_loop_test(tc, test_path_rows, 0,
			    sizeof(paths) / sizeof(paths[0]));
	tcase_add_loop_test(tc, test_base_rows, 0,
			    sizeof(bases) / sizeof(bases[0]));
	tcase_add_loop_test(tc, test_origin_rows, 0,
			    sizeof(origins) / sizeof(origins[0]));
	tcase_add_loop_test(tc, test_join_rows, 0,
			    sizeof(joins) / sizeof(joins[0]));
	tcase_add_loop_test(tc, test_plain_rows, 0,
			    sizeof(plains) / sizeof(plains[0]));
	tcase_add_loop_test(tc, test_redirect_rows, 0,
			    sizeof(redirects) / sizeof(redirects[0]));
	suite_add_tcase(s, tc);
	return s;
}
