/* test_scan_context.c - a rule's context words near its match, and
 * translation files. */
#include <string.h>

#include "check_main.h"
#include "core/rule.h"
#include "scan/scan_context.h"

static const struct {
	const char *text, *match;	/* the match: first occurrence */
	size_t window;
	int want;
} rows[] = {
	{ "curl https://auth.vista.co/connect/token -d password=abc", "password=",
	  0, 1 },
	{ "GAS_BODY=grant_type=password&password=abc", "password=", 0, 1 },
	{ "$GAS password=abc", "password=", 0, 1 },
	{ "gasHeaders = { password=abc }", "password=", 0, 1 },
	{ "const myVista = 1; password=abc", "password=", 0, 1 },
	{ "password=abc # VISTA", "password=", 0, 1 },
	/* not whole words */
	{ "vegas password=abc", "password=", 0, 0 },
	{ "gasket password=abc", "password=", 0, 0 },
	{ "vistaprint password=abc", "password=", 0, 0 },
	{ "proxy(username=username, password=password)", "password=", 0, 0 },
	/* too far away */
	{ "vista .......... password=abc", "password=", 5, 0 },
	{ "vista .......... password=abc", "password=", 20, 1 },
	{ "password=abc .......... gas", "password=", 5, 0 },
};

START_TEST(test_context_rows)
{
	struct rule r;
	const char *t = rows[_i].text;
	const char *at = strstr(t, rows[_i].match);

	memset(&r, 0, sizeof(r));
	strlist_push(&r.context, "vista");
	strlist_push(&r.context, "gas");
	r.context_window = rows[_i].window;
	ck_assert_msg(scan_context_near(&r, t, strlen(t), (size_t)(at - t),
					(size_t)(at - t) +
					strlen(rows[_i].match)) ==
		      rows[_i].want, "%s", t);
	strlist_release(&r.context);
}
END_TEST

START_TEST(test_translation_files)
{
	static const char *const yes[] = {
		"frontend/src/assets/i18n/es_ES.json", "config/locales/de.yml",
		"resources/lang/nl/auth.php", "po/fr.po", "Base.lproj/x.strings",
		"app/src/main/res/values-de/strings.xml", "L10N/x.json",
		"src/main/resources/messages_fr.properties",
	};
	static const char *const no[] = {
		"config/settings.yml", "src/language.c", "app/i18n.js",
		"locale.json", ".env",
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		ck_assert_msg(scan_translation_file(yes[i]), "%s", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		ck_assert_msg(!scan_translation_file(no[i]), "%s", no[i]);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_context");
	TCase *tc = tcase_create("scan_context");

	tcase_add_loop_test(tc, test_context_rows, 0,
			    sizeof(rows) / sizeof(rows[0]));
	tcase_add_test(tc, test_translation_files);
	suite_add_tcase(s, tc);
	return s;
}
