/* test_shard.c - --shard I/N: what parses and the errors for what does
 * not, keys spread evenly, the key -> shard map pinned (a change would
 * split old and new runs differently; the values come from an independent
 * Python FNV-1a 64 + fmix64), and the shard sets merge checks. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "lib/shard.h"
#include "lib/strbuf.h"

static const struct {
	const char *in;
	int ok;
	unsigned index, count;
	const char *msg;	/* a part of the error */
} parse_rows[] = {
	{ "1/1", 1, 1, 1, NULL },
	{ "2/3", 1, 2, 3, NULL },
	{ "3/3", 1, 3, 3, NULL },
	{ "1024/1024", 1, 1024, 1024, NULL },
	{ "0/3", 0, 0, 0, "I counts from 1" },
	{ "4/3", 0, 0, 0, "1 <= I <= N, e.g. 2/4; got '4/3'" },
	{ "1/0", 0, 0, 0, "got '1/0'" },
	{ "0/0", 0, 0, 0, "got '0/0'" },
	{ "1/1025", 0, 0, 0, "N is at most 1024" },
	{ "", 0, 0, 0, "got ''" },
	{ "/", 0, 0, 0, "got '/'" },
	{ "2", 0, 0, 0, "got '2'" },
	{ "2/", 0, 0, 0, "got '2/'" },
	{ "/3", 0, 0, 0, "got '/3'" },
	{ " 1/3", 0, 0, 0, "got ' 1/3'" },
	{ "1/3 ", 0, 0, 0, "got '1/3 '" },
	{ "+1/3", 0, 0, 0, "got '+1/3'" },
	{ "1/3/3", 0, 0, 0, "got '1/3/3'" },
	{ "a/b", 0, 0, 0, "got 'a/b'" },
	{ "1.0/3", 0, 0, 0, "got '1.0/3'" },
	{ "99999999999/3", 0, 0, 0, "got '99999999999/3'" },
	{ "-1/3", 0, 0, 0, "got '-1/3'" },
};

START_TEST(test_parse)
{
	struct shard s = { 9, 9 };
	struct err e = ERR_INIT;
	int rc = shard_parse(parse_rows[_i].in, &s, &e);

	if (parse_rows[_i].ok) {
		ck_assert_msg(rc == 0, "'%s': %s", parse_rows[_i].in, e.msg);
		ck_assert_uint_eq(s.index, parse_rows[_i].index);
		ck_assert_uint_eq(s.count, parse_rows[_i].count);
	} else {
		ck_assert_msg(rc == -1, "'%s' parsed", parse_rows[_i].in);
		ck_assert_msg(strstr(e.msg, parse_rows[_i].msg) != NULL,
			      "'%s': '%s' lacks '%s'", parse_rows[_i].in,
			      e.msg, parse_rows[_i].msg);
		ck_assert_msg(!strncmp(e.msg, "--shard", 7), "%s", e.msg);
	}
}
END_TEST

START_TEST(test_none_keeps_all)
{
	struct shard s = { 5, 5 }, none = SHARD_NONE;
	struct err e = ERR_INIT;
	char name[SHARD_NAME_MAX];

	ck_assert_int_eq(shard_parse(NULL, &s, &e), 0);
	ck_assert_uint_eq(s.count, 0);
	ck_assert(shard_keeps(&s, "anything"));
	ck_assert(shard_keeps(&none, "anything"));
	ck_assert(shard_keeps(NULL, "anything"));
	shard_name(&none, name, sizeof(name));
	ck_assert_str_eq(name, "");
	s.index = 2;
	s.count = 4;
	shard_name(&s, name, sizeof(name));
	ck_assert_str_eq(name, "2/4");
}
END_TEST

static const struct {
	const char *key;
	unsigned long long hash;
	unsigned of2, of3, of4, of7, of1024;
} pinned[] = {
	{ "", 0xefd01f60ba992926ULL, 1, 3, 3, 2, 295 },
	{ "examples/acme-integration/.env", 0x4b390cd55ce08833ULL,
	  2, 3, 4, 3, 52 },
	{ "src/app.py", 0x7280d89f7de354fdULL, 2, 2, 2, 7, 254 },
	{ "https://127.0.0.1:8443", 0x67189a708feb2d30ULL, 1, 1, 1, 4, 305 },
	{ "https://api.example.test:443", 0xf9dee02bbeded7aeULL,
	  1, 1, 3, 7, 943 },
	{ "a", 0x82a2a958a9bece5bULL, 2, 3, 4, 2, 604 },
};

START_TEST(test_pinned)
{
	const char *k = pinned[_i].key;

	ck_assert_msg(shard_hash(k) == pinned[_i].hash, "'%s': %llx", k,
		      (unsigned long long)shard_hash(k));
	ck_assert_uint_eq(shard_of(k, 1), 1);
	ck_assert_uint_eq(shard_of(k, 2), pinned[_i].of2);
	ck_assert_uint_eq(shard_of(k, 3), pinned[_i].of3);
	ck_assert_uint_eq(shard_of(k, 4), pinned[_i].of4);
	ck_assert_uint_eq(shard_of(k, 7), pinned[_i].of7);
	ck_assert_uint_eq(shard_of(k, 1024), pinned[_i].of1024);
}
END_TEST

/* Every key in exactly one shard, and shards of like size: 20000 paths
 * that differ only in a digit or two, as real trees do. */
START_TEST(test_even)
{
	static const unsigned ns[] = { 2, 3, 4, 7, 16, 100 };

	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		unsigned n = ns[k], count[100] = { 0 };
		const unsigned keys = 20000;

		for (unsigned i = 0; i < keys; i++) {
			char key[64];
			unsigned held = 0;

			snprintf(key, sizeof(key), "src/module%u/file%u.c",
				 i / 10, i % 10);
			for (unsigned s = 1; s <= n; s++) {
				struct shard sh = { s, n };

				held += shard_keeps(&sh, key);
			}
			ck_assert_uint_eq(held, 1);
			count[shard_of(key, n) - 1]++;
		}
		for (unsigned s = 0; s < n; s++) {
			double want = (double)keys / n;

			/* within 5 sigma of an even share: 5% of it at
			 * N = 2, 35% at N = 100 */
			ck_assert_msg(fabs(count[s] - want) < 5 * sqrt(want),
				      "N=%u: shard %u holds %u of %u", n,
				      s + 1, count[s], keys);
		}
	}
}
END_TEST

static void set_name(const struct shard_set *set, enum shard_pick p,
		     const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	shard_set_name(set, p, &sb);
	ck_assert_str_eq(sb.buf, want);
	strbuf_release(&sb);
}

START_TEST(test_sets)
{
	struct shard_set all, one, two, bad;
	struct err e = ERR_INIT;

	shard_set_init(&all);
	ck_assert_int_eq(shard_set_parse("1/5", &one, &e), 0);
	ck_assert_int_eq(shard_set_parse("3-4/5", &two, &e), 0);
	ck_assert_int_eq(shard_set_add(&all, &one), 0);
	ck_assert_int_eq(shard_set_add(&all, &two), 0);
	ck_assert(!shard_set_complete(&all));
	set_name(&all, SHARD_HELD, "1,3-4/5");
	set_name(&all, SHARD_MISSING, "2,5/5");
	set_name(&all, SHARD_REPEATED, "");
	ck_assert(shard_set_covers(&all, &two));
	ck_assert_int_eq(shard_set_parse("2,5/5", &one, &e), 0);
	ck_assert(!shard_set_covers(&all, &one));
	ck_assert_int_eq(shard_set_add(&all, &one), 0);
	ck_assert(shard_set_complete(&all));
	set_name(&all, SHARD_HELD, "1-5/5");
	ck_assert_int_eq(shard_set_add(&all, &two), 0);
	ck_assert(!shard_set_complete(&all));
	set_name(&all, SHARD_REPEATED, "3-4/5");
	/* another N does not add */
	ck_assert_int_eq(shard_set_parse("1/4", &one, &e), 0);
	ck_assert_int_eq(shard_set_add(&all, &one), -1);
	ck_assert(!shard_set_covers(&all, &one));
	/* malformed */
	ck_assert_int_eq(shard_set_parse("3,1/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("1-6/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("0/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("1,/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("2-1/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("1/5x", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("/5", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("1", &bad, &e), -1);
	ck_assert_int_eq(shard_set_parse("1/1025", &bad, &e), -1);
	ck_assert_msg(strstr(e.msg, "'1/1025' is not I/N") != NULL, "%s",
		      e.msg);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("shard");
	TCase *tc = tcase_create("shard");

	tcase_add_loop_test(tc, test_parse, 0,
			    sizeof(parse_rows) / sizeof(parse_rows[0]));
	tcase_add_test(tc, test_none_keeps_all);
	tcase_add_loop_test(tc, test_pinned, 0,
			    sizeof(pinned) / sizeof(pinned[0]));
	tcase_add_test(tc, test_even);
	tcase_add_test(tc, test_sets);
	suite_add_tcase(s, tc);
	return s;
}
