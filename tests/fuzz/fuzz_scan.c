/* fuzz_scan.c - the scan engine on any file content: the fast path
 * (Hyperscan prefilter, the shipped rules) must find exactly what the
 * reference path finds (every rule's pattern on every line), whole and
 * fed in small pieces whose boundaries fall everywhere. The first byte
 * picks the file's name (rules differ by path: a .env, a script, a
 * client-side file, documentation); the rest is the content. Lines stay
 * shorter than the pieces' cut length, where the two paths are defined
 * to agree (docs/rules.md, "Files of any size"). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "scan/scan.h"
#include "scan/scan_read.h"

#define NOW 1767225600		/* fixed: dated findings judge alike */

static const char *const names[] = {
	"app.js", ".env", "config/settings.yaml", "deploy.sh", "main.py",
	"public/index.html", "README.md", "src/Client.java",
};

static struct scan_engine *fast, *ref;

static void engines(void)
{
	struct err e = ERR_INIT;

	if (fast)
		return;
	if (scan_engine_build(&fast, fuzz_rules(), NULL, NULL, 0, &e) ||
	    scan_engine_build(&ref, fuzz_rules(), NULL, NULL,
			      SCAN_ENGINE_REFERENCE, &e))
		fuzz_fail("cannot build the engines: %s", e.msg);
}

/* The findings as sorted lines: rule, position, secret hash, message. */
static void scan_with(const struct scan_engine *eng, size_t piece,
		      const char *path, const char *buf, size_t len,
		      struct strbuf *out)
{
	struct scanner *s = scanner_new(eng);
	struct finding_list l;
	struct report_stats st = { 0 };

	scanner_set_now(s, (time_t)NOW);
	finding_list_init(&l);
	if (!piece) {
		scanner_scan(s, path, buf, len, &l, &st);
	} else {
		struct scan_reader rd;

		scan_reader_init(&rd);
		rd.piece = piece;
		scan_read_buffer(&rd, s, path, buf, len, &l, &st);
		scan_reader_release(&rd);
	}
	finding_list_sort(&l);
	strbuf_reset(out);
	for (size_t i = 0; i < l.nr; i++) {
		const struct finding *f = &l.items[i];

		strbuf_addf(out, "%s %u:%u %.12s %s\n", f->rule->id, f->line,
			    f->column, f->secret_sha256, f->message);
	}
	finding_list_release(&l);
	scanner_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT;
	const char *path, *buf = (const char *)data + 1;
	size_t len;

	if (!size || size > (1u << 20))
		return 0;
	engines();
	path = names[data[0] % (sizeof(names) / sizeof(names[0]))];
	len = size - 1;
	scan_with(fast, 0, path, buf, len, &a);
	scan_with(ref, 0, path, buf, len, &b);
	if (strcmp(a.buf, b.buf))
		fuzz_fail("%s: the fast path found\n%sthe reference\n%s", path,
			  a.buf, b.buf);
	scan_with(fast, 64 + data[0] % 97 * 41, path, buf, len, &c);
	if (strcmp(a.buf, c.buf))
		fuzz_fail("%s: whole\n%sin pieces\n%s", path, a.buf, c.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	return 0;
}
