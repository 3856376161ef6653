/* check_main.h - the main() every unit-test binary shares: run the suite
 * that the test file's make_suite() builds; exit non-zero on failure. */
#ifndef AUTHAUDIT_CHECK_MAIN_H
#define AUTHAUDIT_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

static Suite *make_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(make_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
