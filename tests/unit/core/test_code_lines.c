/* test_context.c - the lines around a finding, and their redaction. */
#include <string.h>

#include "check_main.h"
#include "core/code_lines.h"

#define E "\xe2\x80\xa6"

/* Rows: a file, the offset and line of a finding, the secrets marked
 * (with the line each starts on) and the lines a report shows. */
static const struct {
	const char *file;
	size_t off;
	unsigned line;
	const char *secret[2];
	unsigned sline[2];
	unsigned first;
	const char *want[3];
} rows[] = {
	/* the middle of a file: one line either side, a neighbour's
	 * secret redacted too */
	{ "a\npw = \"Qm7vX2kL9pZ4\"\nkey = AKIAQ8M2ZX7C4B6N1V3T\nz\n", 8, 2,
	  { "Qm7vX2kL9pZ4", "AKIAQ8M2ZX7C4B6N1V3T" }, { 2, 3 }, 1,
	  { "a", "pw = \"Qm7" E "(12 chars)\"",
	    "key = AKIA" E "(20 chars)" } },
	/* the first line has none before; the last none after, and no
	 * empty line past the final newline */
	{ "pw = \"Qm7vX2kL9pZ4\"\n", 6, 1, { "Qm7vX2kL9pZ4" }, { 1 }, 1,
	  { "pw = \"Qm7" E "(12 chars)\"" } },
	/* the same secret twice on a line, and CRLF */
	{ "x\r\nQm7vX2kL9pZ4 Qm7vX2kL9pZ4\r\n", 3, 2, { "Qm7vX2kL9pZ4" },
	  { 2 }, 1, { "x", "Qm7" E "(12 chars) Qm7" E "(12 chars)" } },
	/* a value no rule reports but that looks random is redacted; code
	 * is not */
	{ "NODE_TLS_REJECT_UNAUTHORIZED=0\npw = \"Qm7vX2kL9pZ4\"\n"
	  "totp: IFTXE3SPOEYVURT2MRYGI52TKJ4HC3KH\n", 37, 2,
	  { "Qm7vX2kL9pZ4" }, { 2 }, 1,
	  { "NODE_TLS_REJECT_UNAUTHORIZED=0",
	    "pw = \"Qm7" E "(12 chars)\"", "totp: IFTX" E "(32 chars)" } },
	/* a multi-line secret: its lines replaced whole */
	{ "-----BEGIN K-----\nMC4CAQAwBQYDK2VwBCIEIA\nq7Zz\n-----END K-----\n",
	  18, 2, { "MC4CAQAwBQYDK2VwBCIEIA\nq7Zz" }, { 2 }, 1,
	  { "-----BEGIN K-----", E "(a line of a secret, redacted)",
	    E "(a line of a secret, redacted)" } },
};

START_TEST(test_context_rows)
{
	struct code_lines *c = code_lines_capture(rows[_i].file,
						    strlen(rows[_i].file),
						    rows[_i].off,
						    rows[_i].line);
	struct strbuf sb = STRBUF_INIT;
	unsigned n = 0;

	ck_assert_ptr_nonnull(c);
	for (int k = 0; k < 2 && rows[_i].secret[k]; k++)
		code_lines_mark(c, rows[_i].secret[k], rows[_i].sline[k]);
	while (n < 3 && rows[_i].want[n])
		n++;
	ck_assert_uint_eq(c->first, rows[_i].first);
	ck_assert_uint_eq(c->nr, n);
	for (unsigned i = 0; i < n; i++) {
		strbuf_reset(&sb);
		code_lines_line(c, i, 0, &sb);
		ck_assert_str_eq(sb.buf, rows[_i].want[i]);
	}
	/* --show-secrets: the lines as they are */
	strbuf_reset(&sb);
	code_lines_line(c, c->focus, 1, &sb);
	ck_assert_ptr_nonnull(strstr(rows[_i].file, sb.buf));
	strbuf_release(&sb);
	code_lines_free(c);
}
END_TEST

/* A long line is cut at CONTEXT_LINE_MAX bytes, on a whole character,
 * and a secret the cut runs through is redacted as far as it is kept. */
START_TEST(test_context_cut)
{
	char file[400];
	struct code_lines *c;
	struct strbuf sb = STRBUF_INIT;
	const char *secret = "Zx9Qm7vX2kL9pZ4wR8tY";

	memset(file, 'a', sizeof(file));
	memcpy(file + CONTEXT_LINE_MAX - 6, secret, strlen(secret));
	file[sizeof(file) - 1] = '\0';
	c = code_lines_capture(file, strlen(file), CONTEXT_LINE_MAX - 6, 1);
	code_lines_mark(c, secret, 1);
	code_lines_line(c, 0, 0, &sb);
	ck_assert_ptr_null(strstr(sb.buf, "Zx9Qm7"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "(6 chars)" E));
	ck_assert_uint_eq(c->cut[0], 1);
	strbuf_release(&sb);
	code_lines_free(c);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("context");
	TCase *tc = tcase_create("rows");

	tcase_add_loop_test(tc, test_context_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_context_cut);
	suite_add_tcase(s, tc);
	return s;
}
