/* report.h - what a run produced, and the report formats as a vtable.
 *
 * Ownership: a struct report owns its findings, notices, stale baseline
 * entries and target strings, and the output file and baseline run_begin()
 * opened for it; report_release() frees them (and removes an output file
 * it created that was never written). It borrows the ruleset and profile.
 * Writers only read it and never change it; every writer redacts secrets
 * unless show_secrets is set (see redact.h).
 */
#ifndef AUTHAUDIT_REPORT_H
#define AUTHAUDIT_REPORT_H

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "finding.h"
#include "rule.h"
#include "strbuf.h"

#define REPORT_SCHEMA_VERSION "1.2"	/* docs/json.md */

struct baseline;

/* Something that could not be checked: an unreadable file, a dead
 * endpoint, a skipped file. Not a finding, but never dropped silently. */
struct notice {
	char *where;		/* path or URL */
	char *message;
};

/* What a probe observed of one endpoint (protocols, certificate, ...):
 * informational, beside the findings. Keys and their order are fixed by
 * the probe; values are one line for people. */
struct report_endpoint {
	char *url;
	struct kvlist facts;
};

struct report_stats {
	unsigned long files_scanned;
	unsigned long long bytes_scanned;
	unsigned long files_skipped_binary;
	unsigned long files_skipped_size;
	unsigned long files_skipped_excluded;
	unsigned long files_skipped_links;	/* symlinks: never followed */
	unsigned long files_skipped_special;	/* FIFOs, sockets, devices */
	unsigned long dirs_skipped_vcs;		/* .git, .hg, .svn */
	unsigned long files_unreadable;
	unsigned long endpoints_probed;
	unsigned long rules_loaded;
	unsigned long suppressed_inline;
	unsigned long suppressed_baseline;
};

struct report {
	const char *command;		/* "scan", "probe", ... */
	struct strlist targets;
	struct timespec start, end;
	struct report_stats stats;
	struct finding_list findings;
	struct notice *notices;
	size_t nr_notices, alloc_notices;
	struct finding_list stale;	/* baseline entries not seen again */
	struct report_endpoint *endpoints;
	size_t nr_endpoints, alloc_endpoints;
	const struct ruleset *rules;
	const struct profile *profile;
	enum severity fail_on;
	int show_secrets;
	int color;			/* text format: ANSI colour */
	/* run.c checks --output and --baseline before the run: */
	FILE *out;			/* --output, open, not yet written */
	char *out_path;
	int out_created;		/* removed again if never written */
	struct baseline *baseline;	/* --baseline, loaded */
};

void report_init(struct report *r, const char *command);
void report_release(struct report *r);
void report_add_notice(struct report *r, const char *where,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Note a fact about the endpoint at url (added in first-seen order). */
void report_add_fact(struct report *r, const char *url, const char *key,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Findings at or above fail_on. */
size_t report_count_failing(const struct report *r);

struct report_format {
	const char *name;
	const char *ext;		/* file name extension for --output-dir */
	int (*write)(FILE *out, const struct report *r, struct err *e);
};

const struct report_format *report_format_find(const char *name);
extern const struct report_format *const report_formats[];

/* The writers, one file each (report_<name>.c); docs/formats.md. */
int report_write_text(FILE *out, const struct report *r, struct err *e);
int report_write_json(FILE *out, const struct report *r, struct err *e);
int report_write_sarif(FILE *out, const struct report *r, struct err *e);
int report_write_junit(FILE *out, const struct report *r, struct err *e);
int report_write_markdown(FILE *out, const struct report *r,
			  struct err *e);
int report_write_html(FILE *out, const struct report *r, struct err *e);

/* Where a finding is, as people read it: "root/path:line:col" (no root
 * for "." or a file given directly), or the endpoint's URL; appended. */
void report_where(const struct finding *f, struct strbuf *out);
/* Findings per severity into n (indexed by enum severity). */
void report_count_severities(const struct report *r,
			     unsigned long n[SEV__COUNT]);
/* Does any finding carry a secret? (for the "redacted" footer) */
int report_has_secret(const struct report *r);

#endif
