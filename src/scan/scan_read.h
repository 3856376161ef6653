/* scan_read.h - feeding a file to a scanner in pieces of bounded size, so
 * a file of any size is scanned in memory that does not grow with it.
 *
 * A piece owns whole lines: those starting in it, each followed by the
 * widest multiline window of any rule (scan_engine_overlap()); the next
 * piece starts with the first line not owned, after a little context for
 * lookbehinds. A line longer than `line_cap` is cut: its pieces overlap by
 * the window (at least 64 KiB), so only a match longer than that, on a
 * line longer than line_cap, could be missed (docs/rules.md).
 *
 * Ownership: a scan_reader owns its buffer, reused from file to file;
 * scan_reader_release() frees it.
 */
#ifndef AUTHAUDIT_SCAN_READ_H
#define AUTHAUDIT_SCAN_READ_H

#include <stddef.h>

#include "scan.h"
#include "lib/strbuf.h"

#define SCAN_PIECE (1u << 20)		/* read this far ahead of a piece */
#define SCAN_LINE_CAP (16u << 20)	/* longer lines are cut */
#define SCAN_CUT_OVERLAP (64u << 10)	/* a cut line's pieces overlap by
					 * this, or the widest window */
#define SCAN_BINARY_SNIFF 8000		/* a NUL in these bytes: binary */

struct scan_reader {
	struct strbuf buf;
	size_t piece;			/* SCAN_PIECE; smaller in tests */
	size_t line_cap;		/* SCAN_LINE_CAP; likewise */
	size_t cut_overlap;		/* SCAN_CUT_OVERLAP; likewise */
};

void scan_reader_init(struct scan_reader *rd);
void scan_reader_release(struct scan_reader *rd);

enum scan_read_result {
	SCAN_READ_OK,			/* scanned */
	SCAN_READ_BINARY,		/* skipped, counted in stats */
	SCAN_READ_TOO_BIG,		/* over max bytes: skipped, counted */
	SCAN_READ_SPECIAL,		/* not a regular file now: counted */
	SCAN_READ_ERROR,		/* errno says why; nothing reported */
};

/* Read fd to its end and scan it as `path` (max: skip a file larger than
 * that many bytes, 0: no limit). Findings go to out only when the whole
 * file was scanned. */
enum scan_read_result scan_read_fd(struct scan_reader *rd, struct scanner *s,
				   int fd, const char *path,
				   unsigned long long max,
				   struct finding_list *out,
				   struct report_stats *stats);

/* A buffer already in memory, in the same pieces (no copy). */
void scan_read_buffer(const struct scan_reader *rd, struct scanner *s,
		      const char *path, const char *buf, size_t len,
		      struct finding_list *out, struct report_stats *stats);

#endif
