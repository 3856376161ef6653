/* err.h - errors as values (git's api-error-handling).
 *
 * A function that can fail returns 0 or -1 and, on failure, fills the
 * caller's struct err with a lower-case message and, where one applies, the
 * file:line:column it is about. On success the struct is left untouched.
 * err_* functions that set the error return -1 so callers can write
 * `return err_set(e, "...")`.
 */
#ifndef AUTHAUDIT_ERR_H
#define AUTHAUDIT_ERR_H

#include <stdio.h>

struct err {
	char msg[1024];
	char file[512];		/* "" when not about a file */
	unsigned line;		/* 1-based; 0 when unknown */
	unsigned col;		/* 1-based; 0 when unknown */
};

#define ERR_INIT { "", "", 0, 0 }

int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int err_set_at(struct err *e, const char *file, unsigned line, unsigned col,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Put "context: " in front of the message already held. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "file:line:col: message", or just the message. */
void err_print(const struct err *e, FILE *out);

/* Every error of a job that goes on past the first (a rule file: each
 * broken rule is skipped and reported, the rest still read).
 * Ownership: the list owns its copies; err_list_release() frees them. */
struct err_list {
	struct err *items;
	size_t nr, alloc;
};

void err_list_push(struct err_list *l, const struct err *e);
void err_list_release(struct err_list *l);

#endif
