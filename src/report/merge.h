/* merge.h - `authaudit merge`: JSON reports read back (report_read.h)
 * combined into one; which shards of which split they hold.
 *
 * A split is the shards of one command (scan --shard I/N, probe --shard
 * I/N): each must be there once. Reports that are no shard merge as they
 * are.
 * Ownership: a merge_input owns its report and run (the caller releases
 * them); merge_reports() moves findings, notices, endpoints and stale
 * entries out of them into the merged report, which borrows the command
 * and shard strings of the merge_result (merge_result_release).
 */
#ifndef AUTHAUDIT_MERGE_H
#define AUTHAUDIT_MERGE_H

#include <stddef.h>

#include "report_read.h"
#include "core/report.h"
#include "lib/err.h"
#include "lib/shard.h"

struct merge_input {
	const char *path;		/* borrowed */
	size_t order;			/* place among the arguments */
	struct report rep;
	struct report_run run;
	struct shard_set set;		/* count 0: not a shard */
	int left_out;			/* only shards merged already */
};

struct merge_result {
	char *command;		/* the inputs', or "merge" */
	char *shard;		/* a partial split's shards ("1,3/3"), or
				 * NULL: the report is whole */
	unsigned long files_missing;	/* of the shards not given */
	unsigned long endpoints_missing;
};

/* Read the n reports of paths into ins (zeroed by the caller): -1 with e
 * naming the file that failed. With show_secrets a report written
 * without it is refused (it holds secrets redacted only). */
int merge_inputs_read(struct merge_input *ins, size_t n,
		      const struct strlist *paths, const struct ruleset *rs,
		      int show_secrets, struct err *e);
/* Release each input's report and run, and ins itself. */
void merge_inputs_release(struct merge_input *ins, size_t n);
/* Sort ins by shard and check each split: -1 with e set when one lacks
 * or repeats a shard (unless partial: notices in r say which, and a
 * report holding only shards merged already is left out), or mixes
 * shard counts. */
int merge_check_shards(struct merge_input *ins, size_t n, int partial,
		       struct merge_result *res, struct report *r,
		       struct err *e);
/* Everything of ins but those left out into r: targets, findings (the
 * same fingerprint at the same location once), notices (each once; the
 * shards' own notice of what they left to the others dropped), endpoints
 * (the first report's facts), counts added up, stale baseline entries
 * (of a split: those stale in every shard that had a baseline), start the
 * earliest, end the latest, the inputs' profile when they agree. */
void merge_reports(struct merge_input *ins, size_t n,
		   struct merge_result *res, struct report *r);
void merge_result_release(struct merge_result *res);

#endif
