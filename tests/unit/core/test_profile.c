/* test_profile.c - the value parsers profile parameters and options share:
 * port lists and durations, as rows of text and what they give; and where
 * a parameter's value comes from: a document's limit only from that
 * document's profile, the organisation's policy from `default`. */
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "lib/duration.h"

static const struct {
	const char *text;
	int want;		/* count, or -1 */
	unsigned first, last;
} port_rows[] = {
	{ "8443,8080,4443,9443", 4, 8443, 9443 },
	{ "443", 1, 443, 443 },
	{ "", 0, 0, 0 },
	{ "none", 0, 0, 0 },
	{ "1,65535", 2, 1, 65535 },
	{ "0", -1, 0, 0 },
	{ "65536", -1, 0, 0 },
	{ "8443,", 1, 8443, 8443 },	/* a trailing comma is harmless */
	{ "8443;8080", -1, 0, 0 },
	{ "http", -1, 0, 0 },
	{ "1,2,3,4,5,6,7,8,9,10", 8, 1, 8 },	/* out holds 8 */
};

START_TEST(test_ports)
{
	unsigned out[8] = { 0 };
	int n = parse_ports(port_rows[_i].text, out, 8);

	ck_assert_msg(n == port_rows[_i].want, "'%s': %d, want %d",
		      port_rows[_i].text, n, port_rows[_i].want);
	if (n > 0) {
		ck_assert_uint_eq(out[0], port_rows[_i].first);
		ck_assert_uint_eq(out[n - 1], port_rows[_i].last);
	}
	/* checking only, nowhere to write */
	ck_assert_int_eq(parse_ports(port_rows[_i].text, NULL, 0) < 0,
			 port_rows[_i].want < 0);
}
END_TEST

static const struct {
	const char *text;
	int ok;
	long seconds;
} duration_rows[] = {
	{ "90", 1, 90 }, { "90s", 1, 90 }, { "15m", 1, 900 },
	{ "12h", 1, 43200 }, { "30d", 1, 2592000 }, { "1y", 1, 31536000 },
	{ "", 0, 0 }, { "h", 0, 0 }, { "12x", 0, 0 }, { "-1d", 0, 0 },
	{ "1.5h", 0, 0 }, { "101y", 0, 0 },
};

START_TEST(test_durations)
{
	long s = -7;
	int rc = parse_duration(duration_rows[_i].text, &s);

	ck_assert_msg((rc == 0) == duration_rows[_i].ok, "'%s': rc %d",
		      duration_rows[_i].text, rc);
	if (!rc)
		ck_assert_int_eq(s, duration_rows[_i].seconds);
}
END_TEST

static const char profiles[] =
	"profiles:\n"
	"  - name: default\n    title: all\n    rules: ['*']\n"
	"    params: { max_token_lifetime: 12h,\n"
	"              policy_max_token_lifetime: 7d }\n"
	"  - name: gas\n    title: GAS\n"
	"    guideline: { doc: 002.txt, section: s, quote: q }\n"
	"    rules: ['*']\n    params: { max_token_lifetime: 1h }\n"
	"  - name: partner\n    title: partner\n"
	"    guideline: { doc: 003.txt, section: s, quote: q }\n"
	"    rules: ['*']\n"
	"  - name: mine\n    title: no document\n    rules: ['*']\n";

static const struct {
	const char *profile, *key, *want;	/* want NULL: no value */
} source_rows[] = {
	{ "gas", "max_token_lifetime", "1h" },
	/* 003 states no maximum: not default's 12 h (GAS's) */
	{ "partner", "max_token_lifetime", NULL },
	{ "mine", "max_token_lifetime", "12h" },
	{ "default", "max_token_lifetime", "12h" },
	/* policy: the organisation's, wherever it is set, then built in */
	{ "partner", "policy_max_token_lifetime", "7d" },
	{ "gas", "policy_max_token_request_days", "365" },
	/* the tool's own parameters fall back as they always did */
	{ "partner", "token_rate_limit", "25" },
};

START_TEST(test_sources)
{
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;
	const char *v;

	ck_assert_msg(!ruleset_load_buffer(&rs, "p.yaml", profiles,
					   strlen(profiles), 0, &e),
		      "%s", e.msg);
	v = profile_param(&rs, ruleset_profile(&rs, source_rows[_i].profile),
			  source_rows[_i].key);
	if (source_rows[_i].want)
		ck_assert_str_eq(v ? v : "(none)", source_rows[_i].want);
	else
		ck_assert_msg(!v, "%s %s: '%s', want none",
			      source_rows[_i].profile, source_rows[_i].key, v);
	ruleset_release(&rs);
}
END_TEST

/* A renamed parameter is refused with its new name. */
START_TEST(test_renamed)
{
	static const char y[] = "profiles:\n  - name: p\n    title: t\n"
		"    rules: ['*']\n"
		"    params: { max_token_request_days: 30 }\n";
	struct ruleset rs = RULESET_INIT;
	struct err e = ERR_INIT;

	ck_assert_int_eq(ruleset_load_buffer(&rs, "r.yaml", y, strlen(y), 0,
					     &e), -1);
	ck_assert_msg(strstr(e.msg, "parameter 'max_token_request_days' is "
			     "now 'policy_max_token_request_days'"), "%s",
		      e.msg);
	ruleset_release(&rs);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("parsers");

	tcase_add_loop_test(tc, test_ports, 0,
			    sizeof(port_rows) / sizeof(port_rows[0]));
	tcase_add_loop_test(tc, test_durations, 0,
			    sizeof(duration_rows) / sizeof(duration_rows[0]));
	tcase_add_loop_test(tc, test_sources, 0,
			    sizeof(source_rows) / sizeof(source_rows[0]));
	tcase_add_test(tc, test_renamed);
	suite_add_tcase(s, tc);
	return s;
}
