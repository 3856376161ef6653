/* finding.h - the findings model every check reports through.
 *
 * Checks never print: they build a struct finding and add it to a
 * finding_list (the sink); only report_*.c write. Ownership: a finding owns
 * its strings; finding_list_add() moves them into the list (the caller's
 * struct is cleared), and finding_list_release() frees them. `rule` is
 * borrowed from the ruleset, which must outlive the list. The list is safe
 * to add to from several threads. A finding owns its commit attribution
 * (history scans) too.
 */
#ifndef AUTHAUDIT_FINDING_H
#define AUTHAUDIT_FINDING_H

#include <pthread.h>
#include <stddef.h>

#include "finding_context.h"
#include "lib/severity.h"

struct rule;
struct code_lines;

/* Audits: how a finding stands against the previous run. */
enum finding_change {
	CHANGE_NONE,			/* not compared */
	CHANGE_NEW,			/* not in the previous run */
	CHANGE_OPEN			/* in the previous run too */
};

/* History scans (history.h): the commit that introduced the blob at the
 * finding's path, the earliest in which it appears there. */
struct finding_commit {
	char id[41];			/* 40 hex digits */
	char *author, *email;		/* as the commit records them */
	long long time;			/* author date, seconds since 1970 */
	int offset;			/* its zone, minutes east of UTC */
};

/* History scans: is the same secret still at the tip of a scanned ref? */
enum finding_presence {
	PRESENCE_NONE,			/* not a history scan */
	PRESENCE_TIP,			/* still present at a scanned tip */
	PRESENCE_HISTORY,		/* in history only: removed since */
	PRESENCE_STAGED			/* staged, not yet committed */
};

struct finding {
	const struct rule *rule;
	enum finding_change change;
	enum severity severity;		/* may differ from the rule's */
	enum confidence confidence;
	char *message;			/* one line, no secret in it */
	char *path;			/* source findings: relative to the
					 * scan root */
	char *root;			/* that root as given; NULL when the
					 * root was "." or the file itself */
	char *url;			/* endpoint findings */
	char *target;			/* the report target it belongs to,
					 * when the check names it (auth:
					 * the target's name); NULL: found
					 * by path or URL */
	unsigned line, column;		/* 1-based; 0 when not a file */
	char *secret;			/* raw value; NULL when none */
	char *evidence;			/* optional: what was observed, e.g.
					 * "TLS 1.0 accepted"; no secret */
	const char *decoded;		/* "base64", "url": found in text the
					 * scan decoded (static, not owned);
					 * NULL when read as written */
	char secret_sha256[65];		/* HMAC-SHA-256 under the run's hash
					 * key (lib/secret_hash.h), hex; ""
					 * when no secret. Never a plain
					 * digest (schema 2: hmac_sha256) */
	char fingerprint[65];		/* hex; stable across line moves
					 * and runs with the same key */
	struct finding_commit *commit;	/* history scans; NULL otherwise */
	enum finding_presence presence;
	struct code_lines *lines;	/* source scans: the lines
						 * around it (context.h),
						 * owned; NULL otherwise */
	enum finding_context context;	/* from root and path when added
					 * (finding_context.h); production
					 * for endpoints */
};

struct finding_list {
	struct finding *items;
	size_t nr, alloc;
	pthread_mutex_t lock;
};

void finding_list_init(struct finding_list *l);
void finding_list_release(struct finding_list *l);
/* Move *f into the list, filling secret_sha256 and fingerprint when empty.
 * `key` distinguishes findings without a secret (the matched text, the
 * check name); it may be NULL. */
void finding_list_add(struct finding_list *l, struct finding *f,
		      const char *key);
/* The fingerprint a schema 1.x report gave f: over the plain SHA-256 of
 * its secret (f->secret must be the raw value); f's own fingerprint when
 * it has no secret. Only for matching baselines and previous audits of
 * that schema; never written. */
void finding_fingerprint_v1(const struct finding *f, char out[65]);
/* A finding read from a schema 1.x report that goes into this run's report
 * (a stale baseline entry, an audit's resolved finding): its fingerprint
 * over a plain hash is replaced by the keyed hash of it, so nothing
 * derived from a plain digest is written again. */
void finding_rekey_v1(struct finding *f);
/* Give every finding with a path its context again, the run's globs
 * first (finding_context_with(); "NAME=GLOB" entries, the repository
 * config's contexts:). A no-op when globs is NULL or empty. */
void finding_list_set_contexts(struct finding_list *l,
			       const struct strlist *globs);
/* Stable order: context (production first, finding_context.h), then
 * path/url, line, column, rule id, message. */
void finding_list_sort(struct finding_list *l);
/* Move every finding of src to the end of dst; src is left empty. */
void finding_list_splice(struct finding_list *dst, struct finding_list *src);
void finding_release(struct finding *f);

/* A copy of c (strings copied). */
struct finding_commit *finding_commit_dup(const struct finding_commit *c);
/* The author date in its own zone: "2024-03-01T10:00:00+01:00" with
 * time, "2024-03-01" without. */
void finding_commit_date(const struct finding_commit *c, int with_time,
			 char *buf, size_t n);
/* The static name of a decoding ("base64", "url") for a report read
 * back; NULL for NULL or a name not known. */
const char *finding_decoded_name(const char *name);
/* "tip", "history", "staged"; NULL for PRESENCE_NONE. */
const char *finding_presence_name(enum finding_presence p);
/* The presence from its name; -1 when unknown. */
int finding_presence_parse(const char *s, enum finding_presence *out);

#endif
