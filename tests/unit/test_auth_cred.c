/* test_auth_cred.c - the credentials-file permission rule (owner only)
 * and the auth config's refusals. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth_config.h"
#include "auth_cred.h"
#include "check_main.h"

static const struct {
	mode_t mode;
	uid_t owner;
	int want;		/* 0 accepted, -1 refused */
	const char *why;	/* part of the message */
} rows[] = {
	{ S_IFREG | 0600, 1000, 0, NULL },
	{ S_IFREG | 0400, 1000, 0, NULL },
	{ S_IFREG | 0700, 1000, 0, NULL },
	{ S_IFREG | 0640, 1000, -1, "mode 0640" },
	{ S_IFREG | 0644, 1000, -1, "mode 0644" },
	{ S_IFREG | 0604, 1000, -1, "group or others" },
	{ S_IFREG | 0620, 1000, -1, "group or others" },
	{ S_IFREG | 0601, 1000, -1, "group or others" },
	{ S_IFREG | 0600, 0, -1, "owned by uid 0" },
	{ S_IFDIR | 0700, 1000, -1, "not a regular file" },
};

START_TEST(test_mode_rows)
{
	struct stat st;
	struct err e = ERR_INIT;

	memset(&st, 0, sizeof(st));
	st.st_mode = rows[_i].mode;
	st.st_uid = rows[_i].owner;
	ck_assert_int_eq(auth_cred_mode_check("c.yaml", &st, 1000, &e),
			 rows[_i].want);
	if (rows[_i].why)
		ck_assert_msg(strstr(e.msg, rows[_i].why), "'%s' lacks '%s'",
			      e.msg, rows[_i].why);
	else
		ck_assert_str_eq(e.msg, "");
}
END_TEST

static const struct {
	const char *yaml;
	const char *err;	/* NULL: loads */
} configs[] = {
	{ "targets:\n  - name: a\n    style: reseller-apikey\n"
	  "    base_url: https://127.0.0.1:1\n    endpoint: /x\n", NULL },
	{ "targets:\n  - name: a\n    style: reseller-apikey\n"
	  "    base_url: http://127.0.0.1:1\n    endpoint: /x\n",
	  "must be https://" },
	{ "targets:\n  - name: a\n    style: nope\n"
	  "    base_url: https://h\n    endpoint: /x\n", "unknown style" },
	{ "targets:\n  - name: a\n    style: presto-fi\n"
	  "    base_url: https://h\n    endpoint: /x\n", "token_endpoint" },
	{ "targets:\n  - name: a\n    style: vista-gas\n"
	  "    base_url: https://h\n", "needs 'endpoint'" },
	{ "targets:\n  - name: a\n    stlye: vista-gas\n",
	  "unknown target key 'stlye'" },
	{ "target: []\n", "unknown key 'target'" },
	{ "targets:\n  - name: a\n    style: vista-gas\n"
	  "    base_url: https://u:p@h/x\n    endpoint: /x\n",
	  "must not carry credentials" },
	{ "targets:\n  - name: a\n    style: reseller-apikey\n"
	  "    base_url: https://h/x?a=@\n    endpoint: /x\n", NULL },
	{ "targets:\n  - name: a\n    style: vista-gas\n"
	  "    base_url: https://h\n    endpoint: /x\n"
	  "    credentials: { vault: x }\n", "unknown credentials key" },
};

START_TEST(test_config_rows)
{
	char path[] = "/tmp/authaudit-test-XXXXXX";
	int fd = mkstemp(path);
	struct auth_config c;
	struct err e = ERR_INIT;
	int rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq((int)write(fd, configs[_i].yaml,
				    strlen(configs[_i].yaml)),
			 (int)strlen(configs[_i].yaml));
	close(fd);
	rc = auth_config_load(&c, path, &e);
	unlink(path);
	if (!configs[_i].err) {
		ck_assert_msg(rc == 0, "%s", e.msg);
		ck_assert_uint_eq(c.nr, 1);
		ck_assert_str_eq(c.targets[0].profile, "reseller-platform");
		auth_config_release(&c);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(e.msg, configs[_i].err), "'%s' lacks "
			      "'%s'", e.msg, configs[_i].err);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_cred");
	TCase *tc = tcase_create("cred");

	tcase_add_loop_test(tc, test_mode_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_loop_test(tc, test_config_rows, 0,
			    sizeof(configs) / sizeof(configs[0]));
	suite_add_tcase(s, tc);
	return s;
}
