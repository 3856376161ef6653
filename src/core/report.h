/* report.h - what a run produced: findings, notices, targets, endpoint
 * facts and counts. Engines fill it; the writers (report/report_format.h)
 * only read it.
 *
 * Ownership: a struct report owns its findings, notices, stale baseline
 * entries, target strings, audit and history parts; report_release()
 * frees them. It borrows the ruleset and profile. Its `run` belongs to
 * cmd/run.c, which frees it (run_release()). Every writer redacts secrets
 * unless show_secrets is set (see redact.h).
 */
#ifndef AUTHAUDIT_REPORT_H
#define AUTHAUDIT_REPORT_H

#include <stdio.h>
#include <time.h>

#include "finding.h"
#include "rule.h"
#include "rule_kind.h"
#include "lib/err.h"
#include "lib/strbuf.h"

#define REPORT_SCHEMA_VERSION "2.0"	/* docs/json.md */

struct run_state;

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

/* What the run looked at: a scan root, an endpoint URL, an auth target's
 * base URL or a token source, and the profile it was judged under. */
struct report_target {
	char *name;
	enum rule_target kind;
	char *profile;		/* NULL: the report's profile */
	char *error;		/* why it could not be checked, or NULL */
	struct kvlist untested;	/* rule id -> why that rule's check could
				 * not be made here (not reached, skipped):
				 * its statements are no pass */
};

/* Audits only (cmd_audit.c): a certificate or token that expires within
 * the profile's warning window. */
struct report_expiry {
	char *what;		/* "certificate", "token" */
	char *where;		/* URL, file or token source */
	char *expires;		/* ISO 8601, UTC */
	long days_left;		/* negative: already expired */
};

/* Audits only: one earlier run, for the trend; oldest first. */
struct report_trend_point {
	char *when;		/* ISO 8601 start of that run */
	unsigned long by_severity[SEV__COUNT];
};

/* Audits only: this run beside the previous one. Each finding of the
 * report carries its own change (finding.h); `resolved` holds the
 * previous run's findings not seen again. */
struct report_audit {
	char *name;		/* the audit's name, from its config */
	char *previous;		/* the previous run's JSON report, or NULL */
	char *previous_start;	/* when that run started */
	struct finding_list resolved;
	struct report_expiry *expiring;
	size_t nr_expiring, alloc_expiring;
	struct report_trend_point *trend;	/* earlier runs, not this */
	size_t nr_trend, alloc_trend;
};

/* History, range and staged scans (history.h): what was walked. The
 * counts are of distinct things: a blob at many commits is one. */
struct report_history {
	const char *mode;	/* "history", "range", "staged" (static) */
	char *repository;	/* the work tree (or git dir), absolute */
	char *head;		/* the commit HEAD names (40 hex), or NULL */
	char *branch;		/* HEAD's branch ("main"), NULL: detached */
	struct strlist refs;	/* --branch as given; empty: every ref */
	char *range;		/* --range as given, or NULL */
	char *since, *until;	/* --since, --until as given, or NULL */
	unsigned long tips;	/* ref tips walked from */
	unsigned long commits;	/* commits whose changes were scanned */
	unsigned long blobs;	/* unique blobs their changes held */
	unsigned long paths;	/* (blob, path) pairs: the attributions */
	unsigned long gitlinks;	/* submodule entries: noted, not followed */
	unsigned long missing;	/* objects the repository lacks (notices) */
};

void report_history_free(struct report_history *h);

struct report_stats {
	unsigned long files_scanned;
	unsigned long long bytes_scanned;
	unsigned long files_skipped_binary;
	unsigned long files_skipped_size;
	unsigned long files_skipped_excluded;
	unsigned long files_skipped_links;	/* symlinks: never followed */
	unsigned long files_skipped_special;	/* FIFOs, sockets, devices */
	unsigned long dirs_skipped_vcs;		/* .git, .hg, .svn */
	unsigned long files_skipped_ignored;	/* by git's ignore rules; a
						 * directory counts once */
	unsigned long files_unreadable;
	unsigned long endpoints_probed;
	unsigned long rules_loaded;
	unsigned long suppressed_inline;
	unsigned long match_limits_hit;		/* PCRE2 gave up (scan.h) */
	unsigned long suppressed_baseline;
	unsigned long suppressed_ignored;	/* .authauditignore and the
						 * config's allow.paths */
	unsigned long suppressed_context;	/* --exclude-context */
	/* --shard (shard.h): what belongs to other shards, not looked at */
	unsigned long files_skipped_shard;
	unsigned long endpoints_skipped_shard;
};

struct report {
	const char *command;		/* "scan", "probe", ... */
	const char *shard;		/* --shard "2/3" (merge: "1,3/3"),
					 * borrowed; NULL: the whole run */
	struct report_target *targets;
	size_t nr_targets, alloc_targets;
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
	struct run_state *run;		/* cmd/run.c's (the --output file and
					 * --baseline run_begin() checked);
					 * run_release() frees it */
	struct report_audit *audit;	/* owned; NULL unless an audit */
	struct report_history *history;	/* owned; NULL unless a history,
					 * range or staged scan */
	/* Reports read back (report_read.h): the hash key id their secret
	 * hashes are under ("" when none), and whether they are of schema
	 * 1.x, whose hashes were plain SHA-256 (fingerprints over them:
	 * finding_fingerprint_v1). */
	char hash_key_id[17];
	int hashes_v1;
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
/* Add a target (names are copied; profile may be NULL). A target already
 * there is not added again. Returns its index. */
size_t report_add_target(struct report *r, const char *name,
			 enum rule_target kind, const char *profile);
/* Note that target t could not be checked (the first reason stays). */
void report_target_error(struct report *r, size_t t, const char *why);
/* Note that rule id's check could not be made on target t (the first
 * reason for each rule stays), so no statement of it passes there. */
void report_target_untested(struct report *r, size_t t, const char *id,
			    const char *why);
/* Why rule id could not be checked on t, or NULL. */
const char *report_target_why_untested(const struct report_target *t,
				       const char *id);
/* The target a finding belongs to (index into targets), or -1. */
long report_target_of(const struct report *r, const struct finding *f);
/* The profile target t is judged under. */
const struct profile *report_target_profile(const struct report *r,
					    const struct report_target *t);
/* Did rule run against target t: a target of the rule's kind whose
 * profile selects it, and no check of the rule was skipped there
 * (report_target_untested()). JUnit's cases and SARIF's rules ask this. */
int report_rule_ran(const struct report *r, const struct rule *rule,
		    size_t t);
void report_audit_free(struct report_audit *a);
/* Add the counts of s to to; rules_loaded, the same in every part of a
 * run, is the larger of the two. */
void report_stats_add(struct report_stats *to, const struct report_stats *s);
/* Findings at or above fail_on. */
size_t report_count_failing(const struct report *r);

/* A scanned file as reports name it, appended: root (dropped when NULL,
 * "" or "."), one '/', then path below it. Shard keys are this too. */
void report_file_path(const char *root, const char *path, struct strbuf *out);
#endif
