/* strbuf.h - the one growable byte buffer, after git's strbuf.
 *
 * Invariants: buf is never NULL and always NUL-terminated, so a fresh
 * STRBUF_INIT buffer reads as "". A buffer may carry a cap (curl dynbuf):
 * an append that would pass it fails with -1 and releases the buffer.
 * Ownership: the struct owns buf; strbuf_release() frees it and leaves an
 * empty buffer; strbuf_detach() hands buf to the caller, who free()s it.
 * Allocation failure aborts (see xalloc.h): callers check only the cap.
 */
#ifndef AUTHAUDIT_STRBUF_H
#define AUTHAUDIT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

extern char strbuf_slopbuf[];

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap;		/* 0: no limit */
};

#define STRBUF_INIT { strbuf_slopbuf, 0, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
/* Cut to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_setcap(struct strbuf *sb, size_t cap);

int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Append the whole file at path; -1 with errno set when it can't be read. */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t limit);

#endif
