/* test_escape.c - escape_text(): what a terminal or a text report may
 * show of a name or message that someone else wrote; escape_name() and
 * unescape_name(): a name in JSON that gives its bytes back. */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "lib/escape.h"

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

static const struct {
	const char *in, *want;
} names[] = {
	{ "src/app.py", "src/app.py" },
	{ "caf\xc3\xa9.py", "caf\xc3\xa9.py" },
	{ "caf\xe9.py", "caf\\xe9.py" },
	/* a backslash is escaped too, so the two below differ */
	{ "back\\slash\\x41", "back\\x5cslash\\x5cx41" },
	{ "\\xe9", "\\x5cxe9" },
	{ "\xff\\", "\\xff\\x5c" },
	{ "", "" },
};

START_TEST(test_escape_name_rows)
{
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;

	escape_name(&sb, names[_i].in);
	ck_assert_str_eq(sb.buf, names[_i].want);
	unescape_name(&back, sb.buf);
	ck_assert_str_eq(back.buf, names[_i].in);
	strbuf_release(&sb);
	strbuf_release(&back);
}
END_TEST

/* Every name of up to three bytes from an alphabet holding the escape's
 * own characters and invalid UTF-8: distinct names give distinct text,
 * and each text gives its name back. */
START_TEST(test_escape_name_injective)
{
	static const char alpha[] = { '\\', 'x', '5', 'c', 'e', '9',
				      (char)0xe9, (char)0xc3, (char)0xa9 };
	enum { A = sizeof(alpha), N = A + A * A + A * A * A };
	char **seen = calloc(N, sizeof(*seen));
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;
	size_t n = 0;

	for (size_t len = 1; len <= 3; len++) {
		size_t total = len == 1 ? A : len == 2 ? A * A : A * A * A;

		for (size_t k = 0; k < total; k++) {
			char name[4] = { 0 };
			size_t v = k;

			for (size_t i = 0; i < len; i++, v /= A)
				name[i] = alpha[v % A];
			escape_name(&sb, name);
			unescape_name(&back, sb.buf);
			ck_assert_msg(!strcmp(back.buf, name),
				      "'%s' came back as '%s'", name, back.buf);
			seen[n++] = strdup(sb.buf);
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert_msg(strcmp(seen[i], seen[j]),
				      "two names give '%s'", seen[i]);
	for (size_t i = 0; i < n; i++)
		free(seen[i]);
	free(seen);
	strbuf_release(&sb);
	strbuf_release(&back);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("escape");
	TCase *tc = tcase_create("text");

	tcase_add_loop_test(tc, test_escape_text_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_loop_test(tc, test_escape_name_rows, 0,
			    sizeof(names) / sizeof(names[0]));
	tcase_add_test(tc, test_escape_name_injective);
	suite_add_tcase(s, tc);
	return s;
}
