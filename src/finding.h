/* finding.h - the findings model every check reports through.
 *
 * Checks never print: they build a struct finding and add it to a
 * finding_list (the sink); only report_*.c write. Ownership: a finding owns
 * its strings; finding_list_add() moves them into the list (the caller's
 * struct is cleared), and finding_list_release() frees them. `rule` is
 * borrowed from the ruleset, which must outlive the list. The list is safe
 * to add to from several threads.
 */
#ifndef AUTHAUDIT_FINDING_H
#define AUTHAUDIT_FINDING_H

#include <pthread.h>
#include <stddef.h>

#include "severity.h"

struct rule;

/* Audits: how a finding stands against the previous run. */
enum finding_change {
	CHANGE_NONE,			/* not compared */
	CHANGE_NEW,			/* not in the previous run */
	CHANGE_OPEN			/* in the previous run too */
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
	char secret_sha256[65];		/* hex, "" when no secret */
	char fingerprint[65];		/* hex; stable across line moves */
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
/* Stable order: path/url, line, column, rule id, message. */
void finding_list_sort(struct finding_list *l);
/* Move every finding of src to the end of dst; src is left empty. */
void finding_list_splice(struct finding_list *dst, struct finding_list *src);
void finding_release(struct finding *f);

/* sha256 of the bytes as 64 lower-case hex digits + NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
