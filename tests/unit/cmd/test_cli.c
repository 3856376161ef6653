/* test_cli.c - table-driven options: types, errors, positional args. */
#include <stddef.h>
#include <string.h>

#include "check_main.h"
#include "cmd/cli.h"
#include "lib/xalloc.h"

struct opts {
	int flag;
	const char *name;
	struct strlist list;
	long n;
	unsigned long long size;
	long secs;
	enum severity sev;
};

static const struct cli_opt table[] = {
	{ "flag", 'f', CLI_BOOL, offsetof(struct opts, flag), NULL, "a flag" },
	{ "name", 'n', CLI_STRING, offsetof(struct opts, name), "X", "name" },
	{ "list", 0, CLI_LIST, offsetof(struct opts, list), "X", "list" },
	{ "num", 'j', CLI_LONG, offsetof(struct opts, n), "N", "number" },
	{ "size", 0, CLI_SIZE, offsetof(struct opts, size), "S", "size" },
	{ "timeout", 0, CLI_SECONDS, offsetof(struct opts, secs), "T", "t" },
	{ "fail-on", 0, CLI_SEVERITY, offsetof(struct opts, sev), "S", "s" },
	{ "help", 'h', CLI_HELP, 0, NULL, "help" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static int parse(const char *line, struct opts *o, struct strlist *pos,
		 struct err *e)
{
	char buf[256], *argv[32], *save = NULL;
	int argc = 0;

	snprintf(buf, sizeof(buf), "cmd %s", line);
	for (char *t = strtok_r(buf, " ", &save); t && argc < 31;
	     t = strtok_r(NULL, " ", &save))
		argv[argc++] = t;
	memset(o, 0, sizeof(*o));
	return cli_parse(table, argc, argv, o, pos, "cmd", NULL, e);
}

START_TEST(test_good_lines)
{
	struct opts o;
	struct strlist pos = { 0 };
	struct err e = ERR_INIT;

	ck_assert_int_eq(parse("-f --name=x a --list p --list q -j4 "
			       "--size 10M --timeout 2m --fail-on high -- -b",
			       &o, &pos, &e), 0);
	ck_assert_int_eq(o.flag, 1);
	ck_assert_str_eq(o.name, "x");
	ck_assert_uint_eq(o.list.nr, 2);
	ck_assert_str_eq(o.list.items[1], "q");
	ck_assert_int_eq(o.n, 4);
	ck_assert_uint_eq(o.size, 10ULL << 20);
	ck_assert_int_eq(o.secs, 120);
	ck_assert_int_eq(o.sev, SEV_HIGH);
	ck_assert_uint_eq(pos.nr, 2);
	ck_assert_str_eq(pos.items[0], "a");
	ck_assert_str_eq(pos.items[1], "-b");
	strlist_release(&o.list);
	strlist_release(&pos);
}
END_TEST

/* --fail-on takes a severity in any case, as reports print them, or
 * never; a gate of never is above every finding. */
START_TEST(test_fail_on_gates)
{
	static const struct {
		const char *line;
		enum severity want;
	} rows[] = {
		{ "--fail-on HIGH", SEV_HIGH },
		{ "--fail-on Critical", SEV_CRITICAL },
		{ "--fail-on info", SEV_INFO },
		{ "--fail-on never", SEV_NEVER },
		{ "--fail-on NEVER", SEV_NEVER },
	};

	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct opts o;
		struct strlist pos = { 0 };
		struct err e = ERR_INIT;

		ck_assert_int_eq(parse(rows[i].line, &o, &pos, &e), 0);
		ck_assert_int_eq(o.sev, rows[i].want);
		strlist_release(&pos);
	}
	ck_assert_str_eq(severity_name(SEV_NEVER), "never");
	ck_assert_int_gt(SEV_NEVER, SEV_CRITICAL);
}
END_TEST

static const struct {
	const char *line, *want;
} bad[] = {
	{ "--bogus", "unknown option '--bogus'" },
	{ "-z", "unknown option '-z'" },
	{ "--num x", "option '--num' needs a whole number, got 'x'" },
	{ "--size 10Q", "option '--size' needs a size" },
	{ "--fail-on severe", "option '--fail-on' needs one of info" },
	{ "--name", "option '--name' needs a value" },
	{ "--flag=1", "option '--flag' takes no value" },
	{ "--timeout soon", "option '--timeout' needs a duration" },
};

START_TEST(test_bad_lines)
{
	struct opts o;
	struct strlist pos = { 0 };
	struct err e = ERR_INIT;

	ck_assert_int_eq(parse(bad[_i].line, &o, &pos, &e), -1);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "'%s': got '%s'",
		      bad[_i].line, e.msg);
	strlist_release(&o.list);
	strlist_release(&pos);
}
END_TEST

static const struct {
	const char *in;
	unsigned long long want;
	int rc;
} sizes[] = {
	{ "0", 0, 0 }, { "512", 512, 0 }, { "1k", 1024, 0 },
	{ "10M", 10ULL << 20, 0 }, { "2GB", 2ULL << 30, 0 },
	{ "", 0, -1 }, { "-1", 0, -1 }, { "1T", 0, -1 },
};

START_TEST(test_sizes)
{
	unsigned long long v = 0;

	ck_assert_int_eq(cli_parse_size(sizes[_i].in, &v), sizes[_i].rc);
	if (!sizes[_i].rc)
		ck_assert_uint_eq(v, sizes[_i].want);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_good_lines);
	tcase_add_test(tc, test_fail_on_gates);
	tcase_add_loop_test(tc, test_bad_lines, 0,
			    sizeof(bad) / sizeof(bad[0]));
	tcase_add_loop_test(tc, test_sizes, 0,
			    sizeof(sizes) / sizeof(sizes[0]));
	suite_add_tcase(s, tc);
	return s;
}
