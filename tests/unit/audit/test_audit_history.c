/* test_audit_history.c - an audit's report directory: run directories
 * that never clash, only run directories listed, `latest` moved, old runs pruned, and
 * the comparison of two runs by rule and fingerprint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "audit/audit_history.h"

static char dir[64];
static struct rule rule_a = { .id = (char *)"t.a", .title = (char *)"A" };
static struct rule rule_b = { .id = (char *)"t.b", .title = (char *)"B" };

static void sh(const char *fmt, const char *arg)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	ck_assert_int_eq(system(cmd), 0);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/authaudit-history-%d", (int)getpid());
	sh("rm -rf '%s'", dir);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
}

static void teardown(void)
{
	sh("rm -rf '%s'", dir);
}

static void mkrun(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_int_eq(mkdir(path, 0700), 0);
}

START_TEST(test_runs_and_names)
{
	struct strlist runs = { 0 };
	struct err e = ERR_INIT;
	char *name;

	mkrun("20261122T060000Z");
	mkrun("20261121T060000Z");
	mkrun("20261122T060000Z-2");
	mkrun("notes");
	mkrun("2026112T060000Z");
	audit_runs_list(dir, &runs);
	ck_assert_uint_eq(runs.nr, 3);
	ck_assert_str_eq(runs.items[0], "20261121T060000Z");
	ck_assert_str_eq(runs.items[2], "20261122T060000Z-2");
	name = audit_run_create(dir, (time_t)1795327200, &e);	/* 06:00 */
	ck_assert_str_eq(name, "20261122T060000Z-3");
	free(name);
	name = audit_run_create(dir, (time_t)1795327200, &e);
	ck_assert_str_eq(name, "20261122T060000Z-4");	/* created: taken */
	free(name);
	name = audit_run_create(dir, (time_t)1795330800, &e);
	ck_assert_str_eq(name, "20261122T070000Z");
	free(name);
	strlist_release(&runs);
	runs = (struct strlist){ 0 };
	audit_runs_list(dir, &runs);
	ck_assert_uint_eq(runs.nr, 6);
	ck_assert_ptr_null(audit_run_create("/nonexistent-authaudit", 0, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "cannot create"));
	strlist_release(&runs);
}
END_TEST

START_TEST(test_latest_and_prune)
{
	struct strlist runs = { 0 }, left = { 0 };
	struct err e = ERR_INIT;
	char path[128], target[64];
	ssize_t n;

	mkrun("20261120T060000Z");
	mkrun("20261121T060000Z");
	mkrun("20261122T060000Z");
	sh("touch '%s/20261120T060000Z/authaudit.json'", dir);
	ck_assert_int_eq(audit_latest_update(dir, "20261121T060000Z", &e), 0);
	ck_assert_int_eq(audit_latest_update(dir, "20261122T060000Z", &e), 0);
	snprintf(path, sizeof(path), "%s/latest", dir);
	n = readlink(path, target, sizeof(target) - 1);
	ck_assert_int_gt(n, 0);
	target[n] = '\0';
	ck_assert_str_eq(target, "20261122T060000Z");
	audit_runs_list(dir, &runs);
	audit_prune(dir, &runs, 2);
	audit_runs_list(dir, &left);
	ck_assert_uint_eq(left.nr, 2);
	ck_assert_str_eq(left.items[0], "20261121T060000Z");
	audit_prune(dir, &left, 0);	/* keep 0: every run */
	strlist_release(&runs);
	strlist_release(&left);
	runs = (struct strlist){ 0 };
	audit_runs_list(dir, &runs);
	ck_assert_uint_eq(runs.nr, 2);
	strlist_release(&runs);
}
END_TEST

static void add(struct finding_list *l, const struct rule *r,
		const char *path, const char *secret)
{
	struct finding f = { 0 };

	f.rule = r;
	f.severity = SEV_HIGH;
	f.message = strdup("m");
	f.path = strdup(path);
	f.secret = strdup(secret);
	finding_list_add(l, &f, NULL);
}

START_TEST(test_compare)
{
	struct report now, prev;

	report_init(&now, "audit");
	report_init(&prev, "audit");
	now.audit = calloc(1, sizeof(*now.audit));
	finding_list_init(&now.audit->resolved);
	add(&prev.findings, &rule_a, "a.py", "s1");	/* still open */
	add(&prev.findings, &rule_a, "b.py", "s2");	/* resolved */
	add(&prev.findings, &rule_b, "a.py", "s1");	/* another rule */
	add(&now.findings, &rule_a, "a.py", "s1");
	add(&now.findings, &rule_a, "c.py", "s3");	/* new */
	audit_compare(&now, &prev);
	ck_assert_int_eq(now.findings.items[0].change, CHANGE_OPEN);
	ck_assert_int_eq(now.findings.items[1].change, CHANGE_NEW);
	ck_assert_uint_eq(now.audit->resolved.nr, 2);
	ck_assert_str_eq(now.audit->resolved.items[0].path, "b.py");
	ck_assert_ptr_eq(now.audit->resolved.items[1].rule, &rule_b);
	report_release(&now);
	report_release(&prev);
}
END_TEST

START_TEST(test_expiry_days)
{
	struct report_audit a;

	memset(&a, 0, sizeof(a));
	finding_list_init(&a.resolved);
	audit_add_expiry(&a, "token", "t", 1000 + 3 * 86400 + 60, 1000);
	audit_add_expiry(&a, "certificate", "c", 1000 - 86400 - 60, 1000);
	ck_assert_int_eq(a.expiring[0].days_left, 3);
	ck_assert_int_eq(a.expiring[1].days_left, -2);
	ck_assert_str_eq(a.expiring[0].expires, "1970-01-04T00:17:40Z");
	ck_assert_str_eq(a.expiring[1].what, "certificate");
	for (size_t i = 0; i < a.nr_expiring; i++) {
		free(a.expiring[i].what);
		free(a.expiring[i].where);
		free(a.expiring[i].expires);
	}
	free(a.expiring);
	finding_list_release(&a.resolved);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("audit_history");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_runs_and_names);
	tcase_add_test(tc, test_latest_and_prune);
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_expiry_days);
	suite_add_tcase(s, tc);
	return s;
}
