/* test_scan_read.c - differential tests of the scan engine's fast paths
 * against the slow obvious one, with the built-in rules:
 *  - every positive example of every source rule, between filler text, at
 *    every offset 0..127 of an aligned buffer, is found each time;
 *  - seeded random files with planted examples give the same findings
 *    with the prefilter as with every pattern on every line
 *    (SCAN_ENGINE_REFERENCE), whole and fed in small pieces whose
 *    boundaries fall everywhere, long cut lines included.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/strbuf.h"
#include "scan/scan.h"
#include "scan/scan_read.h"

#define NOW 1767225600	/* 2026-01-01: examples' dates judge alike */

static struct ruleset rs;
static struct scan_engine *fast, *ref;

static void setup(void)
{
	struct err e = ERR_INIT;

	memset(&rs, 0, sizeof(rs));
	ck_assert_msg(!ruleset_load_dir(&rs, "rules", 0, &e), "%s", e.msg);
	ck_assert_msg(!scan_engine_build(&fast, &rs, NULL, NULL, 0, &e), "%s",
		      e.msg);
	ck_assert_msg(!scan_engine_build(&ref, &rs, NULL, NULL,
					 SCAN_ENGINE_REFERENCE, &e), "%s",
		      e.msg);
}

static void teardown(void)
{
	scan_engine_free(fast);
	scan_engine_free(ref);
	ruleset_release(&rs);
}

static int is_source(const struct rule *r)
{
	return r->kind->target == RULE_TARGET_SOURCE && r->re;
}

/* The findings as sorted text lines: rule, position, secret, message. */
static void describe(struct finding_list *l, struct strbuf *out)
{
	finding_list_sort(l);
	strbuf_reset(out);
	for (size_t i = 0; i < l->nr; i++) {
		const struct finding *f = &l->items[i];

		strbuf_addf(out, "%s %u:%u %.12s %s\n", f->rule->id, f->line,
			    f->column, f->secret_sha256, f->message);
	}
}

enum how { WHOLE, PIECES };

static void scan_with(const struct scan_engine *eng, enum how how,
		      const char *path, const char *buf, size_t len,
		      struct strbuf *out)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list l;
	struct report_stats st = { 0 };

	scanner_set_now(s, (time_t)NOW);
	finding_list_init(&l);
	if (how == WHOLE) {
		scanner_scan(s, path, buf, len, &l, &st);
	} else {
		struct scan_reader rd;

		scan_reader_init(&rd);
		rd.piece = 509;		/* boundaries fall everywhere */
		rd.line_cap = 2039;
		rd.cut_overlap = 257;
		scan_read_buffer(&rd, s, path, buf, len, &l, &st);
		scan_reader_release(&rd);
	}
	describe(&l, out);
	finding_list_release(&l);
	scanner_free(s);
}

static const char *const fillers[] = {
	"                                                                ",
	"int x = 0; /* counter */ const char *name = \"widget\"; return;  ",
	"The quick brown fox jumps over the lazy dog, twice; then rests. ",
	"\t\t<div class=\"row\">\xc3\xa9t\xc3\xa9 \xe2\x82\xac 12</div>\r  ",
};

/* n bytes of filler f ending in a newline (none when n is 0). */
static void put_filler(char *p, size_t n, unsigned f)
{
	const char *src = fillers[f % 4];
	size_t flen = strlen(src);

	for (size_t i = 0; i < n; i++)
		p[i] = i + 1 == n ? '\n' : src[i % flen];
}

static int has_rule(const struct strbuf *found, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = found->buf; (p = strstr(p, id)); p++)
		if ((p == found->buf || p[-1] == '\n') && p[n] == ' ')
			return 1;
	return 0;
}

START_TEST(test_examples_at_every_offset)
{
	struct strbuf found = STRBUF_INIT;
	char *block = aligned_alloc(64, 1 << 16);
	unsigned checked = 0, missed = 0;

	for (size_t i = 0; i < rs.nr; i++) {
		const struct rule *r = rs.rules[i];

		if (!is_source(r))
			continue;
		for (size_t x = 0; x < r->nr_examples; x++) {
			const struct rule_example *ex = &r->examples[x];
			size_t n = strlen(ex->text);

			if (n + 400 > (1 << 16))
				continue;
			for (size_t off = 0; off < 128; off++) {
				size_t after = 127 - off + 1;

				put_filler(block, off, (unsigned)off);
				memcpy(block + off, ex->text, n);
				block[off + n] = '\n';
				put_filler(block + off + n + 1, after,
					   (unsigned)off + 1);
				scan_with(fast, WHOLE, ex->path ? ex->path :
					  "example.txt", block,
					  off + n + 1 + after, &found);
				checked++;
				if (!has_rule(&found, r->id)) {
					missed++;
					fprintf(stderr, "%s: example at line "
						"%u missed at offset %zu\n",
						r->id, ex->line, off);
				}
			}
		}
	}
	ck_assert_uint_gt(checked, 128 * 500);
	ck_assert_uint_eq(missed, 0);
	free(block);
	strbuf_release(&found);
}
END_TEST

/* A small seeded generator (xorshift64*), the same on every machine. */
static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545F4914F6CDD1DULL;
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *const words[] = {
	"password", "token", " = ", "\"", "'", ": ", "https://", "http://",
	"Bearer ", "ApiKey ", "api_key", "secret", "verify=False", "\n",
	"\r\n", "\t", "export ", "localStorage", "{", "}", "(", ")", ";",
	"-----BEGIN ", "PRIVATE KEY-----", "|", "ak_live_", "eyJ", ".",
	"\xc3\xa9", "\xff", "AAAAAAAA", "0123456789abcdef", "presto", "vista",
	"curl -k ", "# ", "//", "=", "tls", "1.0", "TLSv1", "key", "\n\n",
};

/* A line anchor: a '^' that does not open a negated class. */
static int anchored(const char *pattern)
{
	for (const char *p = pattern; (p = strchr(p, '^')); p++)
		if (p == pattern || p[-1] != '[')
			return 1;
	return 0;
}

/* One planted positive example of a random source rule. Inside a line
 * long enough to be cut, none anchored at the line start: such a match
 * reaches back further than pieces overlap (scan_read.h). */
static void plant(struct strbuf *sb, int in_long_line)
{
	for (;;) {
		const struct rule *r = rs.rules[below((unsigned)rs.nr)];

		if (!is_source(r) || !r->nr_examples)
			continue;
		if (in_long_line && anchored(r->pattern))
			continue;
		strbuf_addstr(sb, r->examples[below((unsigned)
						    r->nr_examples)].text);
		return;
	}
}

static void random_file(struct strbuf *sb, unsigned seed)
{
	size_t target = 2000 + below(60000);

	rnd_state = 0x9E3779B97F4A7C15ULL * (seed + 1);
	strbuf_reset(sb);
	while (sb->len < target) {
		unsigned k = below(100);

		if (k < 6) {
			plant(sb, 0);
		} else if (k < 8) {
			strbuf_addch(sb, '\n');
			plant(sb, 0);
			strbuf_addch(sb, '\n');
		} else if (k < 9 && seed % 4 == 3) {
			/* a long line: cut into pieces */
			size_t n = 70000 + below(80000);

			for (size_t i = 0; i < n; i++) {
				if (below(5000) == 0)
					plant(sb, 1);
				strbuf_addch(sb, "ABCxyz0189+/="[below(13)]);
			}
		} else if (k < 20) {
			for (unsigned i = below(40); i; i--)
				strbuf_addch(sb, "aZ09_-+/="[below(9)]);
		} else {
			strbuf_addstr(sb, words[below(sizeof(words) /
							sizeof(words[0]))]);
		}
	}
}

static const char *const paths[] = {
	"src/app.py", "web/public/app.js", "config/.env", "deploy.sh",
	"README.md", "src/Main.java",
};

START_TEST(test_random_files_match_reference)
{
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT,
		      got = STRBUF_INIT;
	unsigned findings = 0;

	for (unsigned seed = 0; seed < 24; seed++) {
		const char *path = paths[seed % 6];

		random_file(&text, seed);
		scan_with(ref, WHOLE, path, text.buf, text.len, &want);
		scan_with(fast, WHOLE, path, text.buf, text.len, &got);
		ck_assert_msg(!strcmp(want.buf, got.buf),
			      "seed %u, whole:\nreference:\n%s\nfast:\n%s",
			      seed, want.buf, got.buf);
		scan_with(fast, PIECES, path, text.buf, text.len, &got);
		ck_assert_msg(!strcmp(want.buf, got.buf),
			      "seed %u, pieces:\nreference:\n%s\nfast:\n%s",
			      seed, want.buf, got.buf);
		for (const char *p = want.buf; (p = strchr(p, '\n')); p++)
			findings++;
	}
	/* the comparison is not of two empty sets */
	ck_assert_uint_gt(findings, 500);
	strbuf_release(&text);
	strbuf_release(&want);
	strbuf_release(&got);
}
END_TEST

/* Positions stay right across piece boundaries and cut lines. */
START_TEST(test_pieces_positions)
{
	struct strbuf text = STRBUF_INIT, want = STRBUF_INIT,
		      got = STRBUF_INIT;

	for (unsigned i = 0; i < 3000; i++)
		strbuf_addf(&text, "line %u \xc3\xa9\n", i);
	strbuf_addstr(&text, "x = \"ak_live_0f1e2d3c4b5a69788796a5b4c3d2e1f0\"\n");
	for (unsigned i = 0; i < 100000; i++)
		strbuf_addch(&text, i % 7 ? 'q' : '\xe2');
	strbuf_addstr(&text, " ak_live_1f1e2d3c4b5a69788796a5b4c3d2e1f0 \n");
	scan_with(fast, WHOLE, "a.txt", text.buf, text.len, &want);
	ck_assert_ptr_nonnull(strstr(want.buf, " 3001:6 "));
	scan_with(fast, PIECES, "a.txt", text.buf, text.len, &got);
	ck_assert_str_eq(want.buf, got.buf);
	strbuf_release(&text);
	strbuf_release(&want);
	strbuf_release(&got);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_read");
	TCase *tc = tcase_create("differential");

	tcase_set_timeout(tc, 600);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_examples_at_every_offset);
	tcase_add_test(tc, test_random_files_match_reference);
	tcase_add_test(tc, test_pieces_positions);
	suite_add_tcase(s, tc);
	return s;
}
