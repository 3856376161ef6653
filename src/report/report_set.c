/* report_set.c - one report in several formats at once, into a directory
 * (--format json,sarif --output-dir DIR; audits); see report.h. */
#include "core/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_format.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

int report_formats_parse(const char *list, const struct report_format **out,
			 size_t *nr, struct err *e)
{
	const char *p = list;

	*nr = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		char name[32];
		const struct report_format *f = NULL;

		if (n && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			f = report_format_find(name);
		}
		if (!f) {
			struct strbuf known = STRBUF_INIT;

			for (size_t i = 0; report_formats[i]; i++)
				strbuf_addf(&known, "%s%s", i ? ", " : "",
					    report_formats[i]->name);
			err_set(e, "unknown format '%.*s' (known: %s; several "
				"with commas, e.g. json,sarif)", (int)n, p,
				known.buf);
			strbuf_release(&known);
			return -1;
		}
		for (size_t i = 0; i < *nr; i++)
			if (out[i] == f)
				return err_set(e, "format '%s' given twice",
					       f->name);
		if (*nr == REPORT_FORMATS_MAX)
			return err_set(e, "too many formats");
		out[(*nr)++] = f;
		p += n;
		if (*p == ',' && !*++p)
			return err_set(e, "format list '%s' ends in a comma",
				       list);
	}
	if (!*nr)
		return err_set(e, "no format given");
	return 0;
}

int report_dir_prepare(const char *dir, struct err *e)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int rc = 0;

	/* mkdir -p: each component in turn */
	for (const char *p = dir; *p; ) {
		const char *slash = strchr(p + 1, '/');
		size_t n = slash ? (size_t)(slash - dir) : strlen(dir);

		strbuf_reset(&path);
		strbuf_add(&path, dir, n);
		if (mkdir(path.buf, 0777) && errno != EEXIST) {
			rc = err_set(e, "cannot create '%s': %s", path.buf,
				     strerror(errno));
			break;
		}
		p = dir + n;
		if (!slash)
			break;
	}
	if (!rc && (stat(dir, &st) || !S_ISDIR(st.st_mode)))
		rc = err_set(e, "'%s' is not a directory", dir);
	else if (!rc && access(dir, W_OK | X_OK))
		rc = err_set(e, "cannot write into '%s': %s", dir,
			     strerror(errno));
	strbuf_release(&path);
	return rc;
}

/* Write one format to dir/base.ext through a temporary file renamed into
 * place, so a reader never sees half a report. */
static int write_one(const struct report_format *f, const char *dir,
		     const char *base, const struct report_view *v,
		     struct err *e)
{
	struct strbuf tmp = STRBUF_INIT, dst = STRBUF_INIT;
	FILE *out;
	int rc = -1;

	strbuf_addf(&dst, "%s/%s.%s", dir, base, f->ext);
	strbuf_addf(&tmp, "%s/.%s.%s.%ld.tmp", dir, base, f->ext,
		    (long)getpid());
	out = fopen(tmp.buf, "w");
	if (!out) {
		err_set(e, "cannot write '%s': %s", tmp.buf, strerror(errno));
		goto done;
	}
	rc = f->write(out, v, e);
	if (fclose(out) && !rc)
		rc = err_set(e, "cannot write '%s': %s", tmp.buf,
			     strerror(errno));
	if (!rc && rename(tmp.buf, dst.buf))
		rc = err_set(e, "cannot write '%s': %s", dst.buf,
			     strerror(errno));
	if (rc)
		unlink(tmp.buf);
done:
	strbuf_release(&tmp);
	strbuf_release(&dst);
	return rc;
}

int report_write_set(const struct report *r,
		     const struct report_format *const *fmts, size_t nr,
		     const char *dir, const char *base, struct err *e)
{
	struct report copy = *r;
	struct report_view v;
	int rc = 0;

	copy.color = 0;		/* files never get ANSI colour */
	report_view_init(&v, &copy);
	for (size_t i = 0; i < nr && !rc; i++)
		rc = write_one(fmts[i], dir, base, &v, e);
	report_view_release(&v);
	return rc;
}
