/* context.h - the few lines of code around a source finding, captured while
 * the scan holds the file (scan/scan_context.c) so that reports can show
 * them without reading the file again.
 *
 * The lines are kept raw: every writer gets them through code_lines_line(),
 * which puts each marked secret span in its redacted form unless
 * --show-secrets. Spans are marked at capture time for every secret the
 * file's findings hold on those lines (the finding's own and its
 * neighbours'), so a secret a baseline later suppresses stays redacted,
 * and on every run of characters that looks random.
 * Ownership: a finding owns its context (finding_release frees it). */
#ifndef AUTHAUDIT_CODE_LINES_H
#define AUTHAUDIT_CODE_LINES_H

#include <stddef.h>

#include "lib/strbuf.h"

#define CONTEXT_BEFORE 1	/* lines before the finding's */
#define CONTEXT_AFTER 1		/* and after it */
#define CONTEXT_LINES (CONTEXT_BEFORE + 1 + CONTEXT_AFTER)
#define CONTEXT_LINE_MAX 160	/* bytes kept of a line (whole UTF-8) */
/* Beside the findings' secrets, any run of this many characters of
 * [A-Za-z0-9+/_-] with letters and digits and this entropy is redacted
 * too: a secret no rule reports may stand next to one that is. */
#define CONTEXT_RANDOM_MIN 16
#define CONTEXT_RANDOM_BITS 3.5

/* A byte range of one line to redact; len 0: the whole line (a line of a
 * multi-line secret). */
struct context_span {
	unsigned line;		/* index into lines[] */
	unsigned start, len;
};

struct code_lines {
	unsigned first;		/* the line number of lines[0] */
	unsigned nr;		/* lines held, at most CONTEXT_LINES */
	unsigned focus;		/* index of the finding's own line */
	char *lines[CONTEXT_LINES];	/* without '\n' (and '\r') */
	unsigned char cut[CONTEXT_LINES];	/* longer than kept */
	struct context_span *spans;
	size_t nr_spans, alloc_spans;
};

/* The lines around offset off of buf[0..len), which lies on line number
 * `line`. NULL when off is outside buf. */
struct code_lines *code_lines_capture(const char *buf, size_t len,
					size_t off, unsigned line);
/* Mark every occurrence of secret on c's lines; a secret of several lines
 * starting at line number `line` marks the lines it covers whole. */
void code_lines_mark(struct code_lines *c, const char *secret,
		  unsigned line);
/* Line i of c as a report shows it, appended to out: marked spans as
 * redact_secret() gives them (or raw with show_secrets), control
 * characters as they are (writers escape), "…" after a cut line. */
void code_lines_line(const struct code_lines *c, unsigned i,
		  int show_secrets, struct strbuf *out);
void code_lines_free(struct code_lines *c);

#endif
