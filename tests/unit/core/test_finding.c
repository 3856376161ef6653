/* test_finding.c - the findings sink: keyed hashes and fingerprints, and
 * the fingerprint schema 1.x gave a finding, each against the obvious
 * computation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/finding.h"
#include "core/rule.h"
#include "lib/secret_hash.h"
#include "lib/sha256.h"

/* The keyed fingerprint and the schema 1.x one of the same finding, each
 * against the obvious computation. */
START_TEST(test_fingerprints)
{
	struct rule rule = { 0 };
	struct finding_list l;
	struct finding f = { 0 };
	char plain[65], keyed[65], want[65], buf[200];
	const char *secret = "vQ7mZ2xK9pL4wN8rT3bY";
	size_t n;

	secret_hash_set_key("a key of twenty bytes", 21);
	rule.id = "t.rule";
	f.rule = &rule;
	f.path = strdup("a.py");
	f.secret = strdup(secret);
	finding_list_init(&l);
	finding_list_add(&l, &f, NULL);
	secret_hash_hex(secret, strlen(secret), keyed);
	ck_assert_str_eq(l.items[0].secret_sha256, keyed);
	n = (size_t)snprintf(buf, sizeof(buf), "t.rule%ca.py%c%s", 0, 0,
			     keyed) + 1;
	sha256_hex(buf, n, want);
	ck_assert_str_eq(l.items[0].fingerprint, want);
	sha256_hex(secret, strlen(secret), plain);
	n = (size_t)snprintf(buf, sizeof(buf), "t.rule%ca.py%c%s", 0, 0,
			     plain) + 1;
	sha256_hex(buf, n, want);
	finding_fingerprint_v1(&l.items[0], keyed);
	ck_assert_str_eq(keyed, want);
	finding_list_release(&l);
	secret_hash_clear();
}
END_TEST

/* A finding without a secret: the same fingerprint in both schemas. */
START_TEST(test_no_secret)
{
	struct rule rule = { 0 };
	struct finding_list l;
	struct finding f = { 0 };
	char v1[65];

	rule.id = "t.rule";
	f.rule = &rule;
	f.path = strdup("a.py");
	finding_list_init(&l);
	finding_list_add(&l, &f, "verify=False");
	finding_fingerprint_v1(&l.items[0], v1);
	ck_assert_str_eq(v1, l.items[0].fingerprint);
	finding_list_release(&l);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("finding");
	TCase *tc = tcase_create("fingerprints");

	tcase_add_test(tc, test_fingerprints);
	tcase_add_test(tc, test_no_secret);
	suite_add_tcase(s, tc);
	return s;
}
