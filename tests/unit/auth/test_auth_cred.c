/* test_auth_cred.c - the credentials-file permission rule (owner only);
 * the auth config's refusals are in test_auth_config.c. */
#include <string.h>

#include "check_main.h"
#include "auth/auth_cred.h"

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

static Suite *make_suite(void)
{
	Suite *s = suite_create("auth_cred");
	TCase *tc = tcase_create("cred");

	tcase_add_loop_test(tc, test_mode_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
