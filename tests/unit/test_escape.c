/* test_escape.c - escape_text(): what a terminal or a text report may
 * show of a name or message that someone else wrote. */
#include <string.h>

#include "check_main.h"
#include "escape.h"

static const struct {
	const char *in, *want;
} rows[] = {
	{ "src/app.py", "src/app.py" },
	{ "\xc3\xa9t\xc3\xa9/\xe2\x82\xac", "\xc3\xa9t\xc3\xa9/\xe2\x82\xac" },
	/* a name that would repaint the screen and forge a report line */
	{ "a\x1b[2Jb\nsrc/x.py:1:1  CRITICAL", "a\\x1b[2Jb\\nsrc/x.py:1:1  CRITICAL" },
	{ "bell\x07 del\x7f tab\t cr\r x\x01", "bell\\x07 del\\x7f tab\\t cr\\r x\\x01" },
	/* C1 CSI, U+009B, acts like ESC [ on some terminals */
	{ "x\xc2\x9b" "31m", "x\\u009b31m" },
	/* invalid UTF-8: each byte shown, never passed through */
	{ "\xff\xfe latin1 \xe9", "\\xff\\xfe latin1 \\xe9" },
	{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },	/* a surrogate */
};

START_TEST(test_escape_text_rows)
{
	struct strbuf sb = STRBUF_INIT;

	escape_text(&sb, rows[_i].in);
	ck_assert_str_eq(sb.buf, rows[_i].want);
	strbuf_release(&sb);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("text");

	tcase_add_loop_test(tc, test_escape_text_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
