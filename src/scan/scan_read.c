/* scan_read.c - a file to a scanner in bounded pieces; see scan_read.h. */
#include "scan_read.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "scan_decode.h"
#include "core/rule_kind.h"

void scan_reader_init(struct scan_reader *rd)
{
	strbuf_init(&rd->buf, 0);
	rd->piece = SCAN_PIECE;
	rd->line_cap = SCAN_LINE_CAP;
	rd->cut_overlap = SCAN_CUT_OVERLAP;
}

void scan_reader_release(struct scan_reader *rd)
{
	strbuf_release(&rd->buf);
}

/* Where the current piece of buf[0..len) can end: the start of the last
 * line that has `overlap` bytes after it. 0 when no line starts in
 * (own, len - overlap]: read more, or cut. */
static size_t piece_end(const char *buf, size_t len, size_t own,
			size_t overlap, size_t *searched)
{
	size_t limit = len > own + overlap ? len - overlap : own;
	size_t from = *searched > own ? *searched : own;
	const char *nl = limit > from ? memrchr(buf + from, '\n', limit - from) :
			 NULL;

	/* no newline before limit: the next look starts there */
	if (limit > *searched)
		*searched = limit;
	return nl ? (size_t)(nl - buf) + 1 : 0;
}

/* Move piece p on to the next: its line and column to own_end (the
 * column matters only when that falls inside a line), its own to
 * own_end with ctx bytes of context before. Returns how many bytes at
 * the front of the buffer the next piece no longer needs. */
static size_t advance(struct scan_piece *p, size_t ctx)
{
	size_t keep = p->own_end > ctx ? p->own_end - ctx : 0;
	const char *from = p->buf + p->own, *to = p->buf + p->own_end;
	const char *nl = to > from ? memrchr(from, '\n', (size_t)(to - from)) :
			 NULL;

	if (nl)
		p->line += (unsigned)text_lines(from, (size_t)(nl + 1 - from));
	if (!p->cut_end)
		p->col = 1;
	else if (nl)
		p->col = 1 + (unsigned)text_width(nl + 1, (size_t)(to - nl - 1),
						  -1);
	else
		p->col += (unsigned)text_width(from, (size_t)(to - from),
					       p->cut_start ?
					       (unsigned char)from[-1] : -1);
	p->cut_start = p->cut_end;
	p->file_off += keep;
	p->own = p->own_end - keep;
	return keep;
}

static size_t cut_overlap(const struct scan_reader *rd,
			  const struct scanner *s)
{
	size_t w = scan_engine_overlap(scanner_engine(s));

	return w > rd->cut_overlap ? w : rd->cut_overlap;
}

/* Decide piece p's end in buf[0..len) (p->own set); 0 to scan it, 1 when
 * more bytes are needed first. */
static int plan(const struct scan_reader *rd, const struct scanner *s,
		struct scan_piece *p, int eof, size_t *searched)
{
	size_t overlap = scan_engine_overlap(scanner_engine(s));
	size_t end = eof ? p->len : piece_end(p->buf, p->len, p->own,
					       overlap, searched);

	p->cut_end = 0;
	if (end || eof) {
		p->own_end = end;
		return 0;
	}
	if (p->len - p->own < rd->line_cap + cut_overlap(rd, s))
		return 1;
	p->own_end = p->len - cut_overlap(rd, s);
	p->cut_end = 1;
	return 0;
}

void scan_read_buffer(const struct scan_reader *rd, struct scanner *s,
		      const char *path, const char *buf, size_t len,
		      struct finding_list *out, struct report_stats *stats)
{
	size_t ctx = scan_engine_context(scanner_engine(s));
	size_t base = 0, ahead = rd->piece + scan_engine_overlap(
					scanner_engine(s));
	struct scan_piece p = { 0 };
	size_t searched = 0;

	p.line = 1;
	p.col = 1;
	scanner_begin(s, path, out, stats);
	for (;;) {
		size_t view = p.own + ahead;
		int eof = view >= len - base;

		p.buf = buf + base;
		p.len = eof ? len - base : view;
		if (plan(rd, s, &p, eof, &searched)) {
			ahead += rd->piece;
			continue;
		}
		scanner_piece(s, &p);
		scan_decode_piece(s, &p);
		if (eof)
			break;
		base += advance(&p, ctx);
		searched = 0;
		ahead = rd->piece + scan_engine_overlap(scanner_engine(s));
	}
	scanner_end(s);
}

/* Read into rd->buf until it holds `want` bytes or the file ends; 1 at
 * the end of the file, 0 not yet, -1 on an error (errno set). */
static int fill(struct scan_reader *rd, int fd, size_t want,
		unsigned long long *total)
{
	struct strbuf *b = &rd->buf;

	while (b->len < want) {
		size_t room;
		ssize_t n;

		if (b->alloc - b->len < rd->piece / 4 + 1 &&
		    strbuf_grow(b, rd->piece))
			return errno = ENOMEM, -1;
		room = b->alloc - b->len - 1;
		n = read(fd, b->buf + b->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		b->len += (size_t)n;
		*total += (unsigned long long)n;
		/* a regular file's read() is short only at its end */
		if ((size_t)n < room)
			return 1;
	}
	return 0;
}

enum scan_read_result scan_read_fd(struct scan_reader *rd, struct scanner *s,
				   int fd, const char *path,
				   unsigned long long max,
				   struct finding_list *out,
				   struct report_stats *stats)
{
	size_t ctx = scan_engine_context(scanner_engine(s));
	size_t ahead = rd->piece + scan_engine_overlap(scanner_engine(s));
	unsigned long long total = 0;
	struct scan_piece p = { 0 };
	size_t searched = 0;
	int eof = 0, begun = 0;

	p.line = 1;
	p.col = 1;
	strbuf_reset(&rd->buf);
	for (;;) {
		if (!eof) {
			int rc = fill(rd, fd, p.own + ahead, &total);

			if (rc < 0)
				goto error;
			eof = rc;
		}
		if (max && total > max) {
			stats->files_skipped_size++;
			goto skip;
		}
		if (!begun) {
			size_t n = rd->buf.len < SCAN_BINARY_SNIFF ?
				   rd->buf.len : SCAN_BINARY_SNIFF;

			if (memchr(rd->buf.buf, '\0', n)) {
				stats->files_skipped_binary++;
				return SCAN_READ_BINARY;
			}
			scanner_begin(s, path, out, stats);
			begun = 1;
		}
		p.buf = rd->buf.buf;
		p.len = rd->buf.len;
		if (plan(rd, s, &p, eof, &searched)) {
			ahead += rd->piece;
			continue;
		}
		scanner_piece(s, &p);
		scan_decode_piece(s, &p);
		if (eof)
			break;
		{
			size_t keep = advance(&p, ctx);

			memmove(rd->buf.buf, rd->buf.buf + keep,
				rd->buf.len - keep);
			rd->buf.len -= keep;
		}
		searched = 0;
		ahead = rd->piece + scan_engine_overlap(scanner_engine(s));
	}
	scanner_end(s);
	stats->bytes_scanned += total;
	return SCAN_READ_OK;
error:
	if (errno == EISDIR || errno == EAGAIN) {
		/* not a regular file now */
		if (begun)
			scanner_abort(s);
		stats->files_skipped_special++;
		return SCAN_READ_SPECIAL;
	}
	if (begun)
		scanner_abort(s);
	return SCAN_READ_ERROR;
skip:
	if (begun)
		scanner_abort(s);
	return SCAN_READ_TOO_BIG;
}

/* Larger buffers than this go in pieces: a matcher call takes at most
 * 4 GiB. */
#define SCAN_ONE_PIECE (1u << 30)

void scanner_scan(struct scanner *s, const char *path, const char *buf,
		  size_t len, struct finding_list *out,
		  struct report_stats *stats)
{
	struct scan_piece p = { 0 };

	if (len > SCAN_ONE_PIECE) {
		struct scan_reader rd = { STRBUF_INIT, SCAN_PIECE,
					  SCAN_LINE_CAP, SCAN_CUT_OVERLAP };

		scan_read_buffer(&rd, s, path, buf, len, out, stats);
		return;
	}
	p.buf = buf;
	p.len = len;
	p.own_end = len;
	p.line = 1;
	p.col = 1;
	scanner_begin(s, path, out, stats);
	scanner_piece(s, &p);
	scan_decode_piece(s, &p);
	scanner_end(s);
}
