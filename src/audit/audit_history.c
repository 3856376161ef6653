/* audit_history.c - runs of an audit in its report directory; see
 * audit_history.h. */
#include "audit_history.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/token_check.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* "20261122T141500Z", optionally "-N": what audit_run_name() makes. */
static int is_run_name(const char *s)
{
	static const char shape[] = "ddddddddTddddddZ";

	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != shape[i])
			return 0;
	s += sizeof(shape) - 1;
	return !*s || (*s == '-' && s[1] && strspn(s + 1, "0123456789") ==
		       strlen(s + 1));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void audit_runs_list(const char *dir, struct strlist *runs)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)))
		if (is_run_name(de->d_name))
			strlist_push(runs, de->d_name);
	closedir(d);
	if (runs->nr)
		qsort(runs->items, runs->nr, sizeof(*runs->items), cmp_str);
}

char *audit_run_create(const char *dir, time_t start, struct err *e)
{
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
	struct tm tm;
	char base[32];

	gmtime_r(&start, &tm);
	strftime(base, sizeof(base), "%Y%m%dT%H%M%SZ", &tm);
	strbuf_addstr(&name, base);
	for (int n = 2;; n++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, name.buf);
		if (!mkdir(path.buf, 0777))
			break;
		if (errno != EEXIST || n > 1000) {
			err_set(e, "cannot create '%s': %s", path.buf,
				strerror(errno));
			strbuf_release(&path);
			strbuf_release(&name);
			return NULL;
		}
		strbuf_reset(&name);
		strbuf_addf(&name, "%s-%d", base, n);
	}
	strbuf_release(&path);
	return strbuf_detach(&name, NULL);
}

char *audit_previous_report(const char *dir, const struct strlist *runs)
{
	struct strbuf path = STRBUF_INIT;
	char target[PATH_MAX];
	ssize_t n;

	strbuf_addf(&path, "%s/latest", dir);
	n = readlink(path.buf, target, sizeof(target) - 1);
	strbuf_reset(&path);
	if (n > 0) {
		target[n] = '\0';
		strbuf_addf(&path, "%s/%s/%s.json", dir, target,
			    AUDIT_REPORT_BASE);
	} else if (runs->nr) {
		strbuf_addf(&path, "%s/%s/%s.json", dir,
			    runs->items[runs->nr - 1], AUDIT_REPORT_BASE);
	}
	if (path.len && !access(path.buf, R_OK))
		return strbuf_detach(&path, NULL);
	strbuf_release(&path);
	return NULL;
}

/* Is there a finding of f's rule with fingerprint fp in l? fps: the
 * fingerprints to compare l's findings by (NULL: their own). */
static int find_fp(const struct finding_list *l, char (*fps)[65],
		   const struct finding *f, const char *fp)
{
	for (size_t i = 0; i < l->nr; i++)
		if (l->items[i].rule == f->rule &&
		    !strcmp(fps ? fps[i] : l->items[i].fingerprint, fp))
			return 1;
	return 0;
}

/* A previous run of schema 1.x fingerprinted over plain hashes: this
 * run's findings are compared with it by the fingerprints they had then
 * (finding_fingerprint_v1, computed once, in memory only), and what it
 * held that is resolved now is rekeyed before it is written again. */
void audit_compare(struct report *r, struct report *prev)
{
	struct finding_list *res = &r->audit->resolved;
	char (*v1)[65] = NULL;

	if (prev->hashes_v1) {
		v1 = xcalloc(r->findings.nr + 1, sizeof(*v1));
		for (size_t i = 0; i < r->findings.nr; i++)
			finding_fingerprint_v1(&r->findings.items[i], v1[i]);
	}
	for (size_t i = 0; i < r->findings.nr; i++) {
		struct finding *f = &r->findings.items[i];

		f->change = find_fp(&prev->findings, NULL, f, v1 ? v1[i] :
				    f->fingerprint) ? CHANGE_OPEN : CHANGE_NEW;
	}
	for (size_t i = 0; i < prev->findings.nr; i++) {
		struct finding *f = &prev->findings.items[i];

		if (find_fp(&r->findings, v1, f, f->fingerprint))
			continue;
		if (prev->hashes_v1)
			finding_rekey_v1(f);
		finding_list_add(res, f, NULL);	/* moves f */
	}
	free(v1);
}

/* One earlier run's start and severity counts, from its JSON report. */
static int trend_point(const char *path, struct report_trend_point *p)
{
	json_t *root = json_load_file(path, 0, NULL);
	json_t *sev = json_object_get(json_object_get(root, "summary"),
				      "by_severity");
	const char *start = json_string_value(json_object_get(
				json_object_get(root, "scan"), "start"));

	memset(p, 0, sizeof(*p));
	if (!root || !json_is_object(sev) || !start) {
		json_decref(root);
		return -1;
	}
	p->when = xstrdup(start);
	for (int s = 0; s < SEV__COUNT; s++)
		p->by_severity[s] = (unsigned long)json_integer_value(
			json_object_get(sev, severity_name((enum severity)s)));
	json_decref(root);
	return 0;
}

void audit_trend(const char *dir, const struct strlist *runs,
		 struct report_audit *a)
{
	size_t from = runs->nr > AUDIT_TREND_MAX ?
		      runs->nr - AUDIT_TREND_MAX : 0;
	struct strbuf path = STRBUF_INIT;

	for (size_t i = from; i < runs->nr; i++) {
		struct report_trend_point p;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s/%s.json", dir, runs->items[i],
			    AUDIT_REPORT_BASE);
		if (trend_point(path.buf, &p))
			continue;	/* a run that wrote no report */
		ALLOC_GROW(a->trend, a->nr_trend, a->alloc_trend);
		a->trend[a->nr_trend++] = p;
	}
	strbuf_release(&path);
}

void audit_add_expiry(struct report_audit *a, const char *what,
		      const char *where, time_t expires, time_t now)
{
	struct strbuf sb = STRBUF_INIT;
	struct report_expiry *x;
	double days = difftime(expires, now) / 86400.0;

	token_fmt_time(&sb, (long long)expires);
	ALLOC_GROW(a->expiring, a->nr_expiring, a->alloc_expiring);
	x = &a->expiring[a->nr_expiring++];
	x->what = xstrdup(what);
	x->where = xstrdup(where);
	x->expires = strbuf_detach(&sb, NULL);
	/* whole days left; once expired, -1 from the first second on */
	x->days_left = (long)(days < 0 ? floor(days) : days);
}

/* "2027-01-05T12:00:00Z" as a time_t; -1 when it is not one. */
static time_t parse_utc(const char *s)
{
	struct tm tm = { 0 };
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);

	return end && !*end ? timegm(&tm) : (time_t)-1;
}

void audit_expiring_certs(struct report *r)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < r->nr_endpoints; i++) {
		const struct report_endpoint *ep = &r->endpoints[i];
		struct finding probe = { .url = ep->url };
		long t = report_target_of(r, &probe), warn = 30L * 86400;
		const struct profile *p = t >= 0 ?
			report_target_profile(r, &r->targets[t]) : r->profile;
		struct err e = ERR_INIT;

		profile_param_seconds(r->rules, p, "cert_expiry_warning",
				      &warn, &e);
		for (size_t k = 0; k < ep->facts.nr; k++) {
			time_t exp;

			if (strcmp(ep->facts.items[k].key,
				   "certificate expires"))
				continue;
			exp = parse_utc(ep->facts.items[k].value);
			if (exp != (time_t)-1 && difftime(exp, now) < warn)
				audit_add_expiry(r->audit, "certificate",
						 ep->url, exp, now);
		}
	}
}

void audit_read_expiring_tokens(const char *path, struct report_audit *a)
{
	json_t *root = json_load_file(path, 0, NULL), *x;
	json_t *arr = json_object_get(json_object_get(root, "audit"),
				      "expiring");
	size_t i;

	json_array_foreach(arr, i, x) {
		const char *what = json_string_value(json_object_get(x,
								     "what"));
		const char *where = json_string_value(json_object_get(x,
								      "where"));
		const char *when = json_string_value(json_object_get(x,
								     "expires"));
		time_t exp = when ? parse_utc(when) : (time_t)-1;

		if (what && where && !strcmp(what, "token") &&
		    exp != (time_t)-1)
			audit_add_expiry(a, "token", where, exp, time(NULL));
	}
	json_decref(root);
}

int audit_latest_update(const char *dir, const char *run, struct err *e)
{
	struct strbuf tmp = STRBUF_INIT, dst = STRBUF_INIT;
	int rc = 0;

	strbuf_addf(&tmp, "%s/.latest.%ld", dir, (long)getpid());
	strbuf_addf(&dst, "%s/latest", dir);
	unlink(tmp.buf);
	if (symlink(run, tmp.buf) || rename(tmp.buf, dst.buf)) {
		rc = err_set(e, "cannot update '%s': %s", dst.buf,
			     strerror(errno));
		unlink(tmp.buf);
	}
	strbuf_release(&tmp);
	strbuf_release(&dst);
	return rc;
}

/* rm -r of one run directory: its files, then itself (runs hold files
 * only). */
static void remove_run(const char *dir, const char *run)
{
	struct strbuf path = STRBUF_INIT;
	DIR *d;
	struct dirent *de;
	size_t base;

	strbuf_addf(&path, "%s/%s", dir, run);
	base = path.len;
	d = opendir(path.buf);
	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_setlen(&path, base);
		strbuf_addf(&path, "/%s", de->d_name);
		unlink(path.buf);
	}
	if (d)
		closedir(d);
	strbuf_setlen(&path, base);
	rmdir(path.buf);
	strbuf_release(&path);
}

void audit_prune(const char *dir, const struct strlist *runs, long keep)
{
	if (keep <= 0 || runs->nr <= (size_t)keep)
		return;
	for (size_t i = 0; i < runs->nr - (size_t)keep; i++)
		remove_run(dir, runs->items[i]);
}
