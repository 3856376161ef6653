/* report_junit.h - shared by the JUnit writer's two files: report_junit.c
 * (which suites and testcases) and report_junit_xml.c (how each is
 * written). Not for other writers. */
#ifndef AUTHAUDIT_REPORT_JUNIT_H
#define AUTHAUDIT_REPORT_JUNIT_H

#include <stddef.h>
#include <stdio.h>

#include "core/report.h"

struct junit_counts {
	size_t tests, failures, errors, skipped;
};

/* `<testcase name="id: title" classname="target" time="0"`, left open
 * for "/>" or ">"; target -1: "authaudit.<command>". */
void junit_testcase_open(FILE *out, const char *id, const char *title,
			 const struct report *r, long target);
/* <failure> for the findings idx[0..n) (n > 0) of r, citing g. */
void junit_failure(FILE *out, const struct report *r, const size_t *idx,
		   size_t n, const struct guideline *g);
void junit_suite_open(FILE *out, const struct report *r, const char *name,
		      const struct junit_counts *c);
void junit_property(FILE *out, const char *name, const char *value);
/* Closes the suite; the first suite closed carries the notices in its
 * system-err (*notices is then set). */
void junit_suite_close(FILE *out, const struct report *r, int *notices);
double junit_seconds(const struct report *r);

#endif
