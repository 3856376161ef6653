/* test_strbuf.c - the growable buffer's invariants and its cap. */
#include <string.h>

#include "check_main.h"
#include "lib/strbuf.h"

START_TEST(test_init_is_empty_string)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_ptr_nonnull(sb.buf);
	ck_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
	ck_assert_str_eq(sb.buf, "");
}
END_TEST

static const struct {
	const char *fmt;
	int n;
	const char *want;
} addf_rows[] = {
	{ "%d", 42, "42" },
	{ "x%05dy", 7, "x00007y" },
	{ "%d items", 1000000, "1000000 items" },
};

START_TEST(test_addf_rows)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_int_eq(strbuf_addf(&sb, addf_rows[_i].fmt, addf_rows[_i].n),
			 0);
	ck_assert_str_eq(sb.buf, addf_rows[_i].want);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_grows_past_many_appends)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < 10000; i++)
		ck_assert_int_eq(strbuf_addch(&sb, 'a' + i % 26), 0);
	ck_assert_uint_eq(sb.len, 10000);
	ck_assert_int_eq(sb.buf[26], 'a');
	ck_assert_int_eq(sb.buf[10000], '\0');
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_cap_fails_and_releases)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_setcap(&sb, 8);
	ck_assert_int_eq(strbuf_addstr(&sb, "12345678"), 0);
	ck_assert_int_eq(strbuf_addch(&sb, '9'), -1);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_detach_hands_out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	char *s;

	strbuf_addstr(&sb, "owned");
	s = strbuf_detach(&sb, &len);
	ck_assert_str_eq(s, "owned");
	ck_assert_uint_eq(len, 5);
	ck_assert_str_eq(sb.buf, "");
	free(s);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_init_is_empty_string);
	tcase_add_loop_test(tc, test_addf_rows, 0,
			    sizeof(addf_rows) / sizeof(addf_rows[0]));
	tcase_add_test(tc, test_grows_past_many_appends);
	tcase_add_test(tc, test_cap_fails_and_releases);
	tcase_add_test(tc, test_detach_hands_out);
	suite_add_tcase(s, tc);
	return s;
}
