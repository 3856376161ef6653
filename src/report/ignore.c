/* ignore.c - suppression by the ignore file and allow.paths; see
 * ignore.h. */
#include "ignore.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/glob.h"
#include "lib/strbuf.h"

#define FINGERPRINT_LEN 64

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One line without its end: blank, a comment, or a fingerprint and an
 * optional comment after it. */
static int one_line(struct ignore_list *ig, const char *path, unsigned no,
		    char *s, struct err *e)
{
	char *p = s, *start;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '#' || *p == '\r')
		return 0;
	start = p;
	while (isxdigit((unsigned char)*p)) {
		*p = (char)tolower((unsigned char)*p);
		p++;
	}
	n = (size_t)(p - start);
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (n != FINGERPRINT_LEN || (*p && *p != '#'))
		return err_set_at(e, path, no, (unsigned)(start - s) + 1,
				  "not a finding fingerprint (%d hex digits, "
				  "then an optional # comment): '%.40s'",
				  FINGERPRINT_LEN, start);
	start[n] = '\0';
	strlist_push(&ig->fingerprints, start);
	return 0;
}

int ignore_load(struct ignore_list *ig, const char *path, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	unsigned no = 1;
	int rc = 0;

	if (strbuf_read_file(&text, path, 16 << 20) < 0) {
		int saved = errno;

		strbuf_release(&text);
		return err_set(e, "cannot read ignore file '%s': %s", path,
			       strerror(saved));
	}
	for (char *line = text.buf; !rc && line < text.buf + text.len;
	     no++) {
		char *nl = memchr(line, '\n', text.len -
				  (size_t)(line - text.buf));

		if (nl)
			*nl = '\0';
		rc = one_line(ig, path, no, line, e);
		line = nl ? nl + 1 : text.buf + text.len;
	}
	strbuf_release(&text);
	if (ig->fingerprints.nr > 1)
		qsort(ig->fingerprints.items, ig->fingerprints.nr,
		      sizeof(*ig->fingerprints.items), cmp_str);
	return rc;
}

static int ignored(const struct ignore_list *ig, const struct finding *f)
{
	const char *fp = f->fingerprint;

	if (ig->paths && f->path && glob_any(ig->paths, f->path))
		return 1;
	return ig->fingerprints.nr &&
	       bsearch(&fp, ig->fingerprints.items, ig->fingerprints.nr,
		       sizeof(*ig->fingerprints.items), cmp_str);
}

void ignore_apply(const struct ignore_list *ig, struct report *r)
{
	struct finding_list *cur = &r->findings;
	size_t keep = 0;

	for (size_t i = 0; i < cur->nr; i++) {
		if (ignored(ig, &cur->items[i])) {
			r->stats.suppressed_ignored++;
			finding_release(&cur->items[i]);
		} else {
			cur->items[keep++] = cur->items[i];
		}
	}
	cur->nr = keep;
}

void ignore_release(struct ignore_list *ig)
{
	strlist_release(&ig->fingerprints);
	ig->paths = NULL;
}
