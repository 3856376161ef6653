/* finding.c - the findings sink: a growable, lockable list; keyed hashes
 * and fingerprints that survive code moving between lines. */
#include "finding.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "code_lines.h"
#include "rule.h"
#include "lib/secret_hash.h"
#include "lib/sha256.h"
#include "lib/xalloc.h"

void finding_list_init(struct finding_list *l)
{
	l->items = NULL;
	l->nr = l->alloc = 0;
	pthread_mutex_init(&l->lock, NULL);
}

static void finding_commit_free(struct finding_commit *c)
{
	if (!c)
		return;
	free(c->author);
	free(c->email);
	free(c);
}

void finding_release(struct finding *f)
{
	free(f->message);
	free(f->path);
	free(f->root);
	free(f->target);
	free(f->url);
	if (f->secret)
		OPENSSL_cleanse(f->secret, strlen(f->secret));
	free(f->secret);
	free(f->evidence);
	finding_commit_free(f->commit);
	code_lines_free(f->lines);
	memset(f, 0, sizeof(*f));
}

struct finding_commit *finding_commit_dup(const struct finding_commit *c)
{
	struct finding_commit *d = xmalloc(sizeof(*d));

	*d = *c;
	d->author = xstrdup(c->author ? c->author : "");
	d->email = xstrdup(c->email ? c->email : "");
	return d;
}

void finding_commit_date(const struct finding_commit *c, int with_time,
			 char *buf, size_t n)
{
	time_t t = (time_t)(c->time + (long long)c->offset * 60);
	int off = c->offset < 0 ? -c->offset : c->offset;
	struct tm tm;

	gmtime_r(&t, &tm);
	if (!with_time) {
		strftime(buf, n, "%Y-%m-%d", &tm);
		return;
	}
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, c->offset < 0 ? '-' : '+', off / 60,
		 off % 60);
}

static const char *const presence_names[] = {
	[PRESENCE_TIP] = "tip",
	[PRESENCE_HISTORY] = "history",
	[PRESENCE_STAGED] = "staged",
};

const char *finding_presence_name(enum finding_presence p)
{
	return p > PRESENCE_NONE && p <= PRESENCE_STAGED ? presence_names[p] :
	       NULL;
}

int finding_presence_parse(const char *s, enum finding_presence *out)
{
	for (int p = PRESENCE_TIP; p <= PRESENCE_STAGED; p++)
		if (s && !strcmp(s, presence_names[p])) {
			*out = (enum finding_presence)p;
			return 0;
		}
	return -1;
}

void finding_list_release(struct finding_list *l)
{
	for (size_t i = 0; i < l->nr; i++)
		finding_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->nr = l->alloc = 0;
	pthread_mutex_destroy(&l->lock);
}

/* Fingerprint: rule id, where (path or URL) and what (the secret's keyed
 * hash, else the caller's key, else the message) - never the line number,
 * so a baseline keeps matching when code moves. */
static void fingerprint_of(const struct finding *f, const char *what,
			   char out[65])
{
	const char *id = f->rule ? f->rule->id : "";
	const char *where = f->path ? f->path : f->url ? f->url : "";
	size_t a = strlen(id), b = strlen(where), c = strlen(what);
	char *buf = xmalloc(a + b + c + 3);

	memcpy(buf, id, a + 1);
	memcpy(buf + a + 1, where, b + 1);
	memcpy(buf + a + b + 2, what, c + 1);
	sha256_hex(buf, a + b + c + 3, out);
	free(buf);
}

void finding_list_add(struct finding_list *l, struct finding *f,
		      const char *key)
{
	if (f->secret && !f->secret_sha256[0])
		secret_hash_hex(f->secret, strlen(f->secret), f->secret_sha256);
	if (!f->fingerprint[0])
		fingerprint_of(f, f->secret_sha256[0] ? f->secret_sha256 :
			       key ? key : f->message ? f->message : "",
			       f->fingerprint);
	if (f->path)
		f->context = finding_context_of(f->root, f->path);
	pthread_mutex_lock(&l->lock);
	ALLOC_GROW(l->items, l->nr, l->alloc);
	l->items[l->nr++] = *f;
	pthread_mutex_unlock(&l->lock);
	memset(f, 0, sizeof(*f));
}

void finding_fingerprint_v1(const struct finding *f, char out[65])
{
	char plain[65];

	if (!f->secret || !f->secret_sha256[0]) {
		memcpy(out, f->fingerprint, 65);
		return;
	}
	sha256_hex(f->secret, strlen(f->secret), plain);
	fingerprint_of(f, plain, out);
	OPENSSL_cleanse(plain, sizeof(plain));
}

void finding_list_set_contexts(struct finding_list *l,
			       const struct strlist *globs)
{
	if (!globs || !globs->nr)
		return;
	for (size_t i = 0; i < l->nr; i++)
		if (l->items[i].path)
			l->items[i].context = finding_context_with(
				globs, l->items[i].root, l->items[i].path);
}

static int strcmp0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c;

	if (a->context != b->context)
		return a->context < b->context ? -1 : 1;
	if ((c = strcmp0(a->path ? a->path : a->url,
			 b->path ? b->path : b->url)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	if ((c = strcmp0(a->rule ? a->rule->id : NULL,
			 b->rule ? b->rule->id : NULL)))
		return c;
	if ((c = strcmp0(a->message, b->message)))
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

void finding_list_sort(struct finding_list *l)
{
	if (l->nr > 1)
		qsort(l->items, l->nr, sizeof(*l->items), cmp_finding);
}

void finding_list_splice(struct finding_list *dst, struct finding_list *src)
{
	pthread_mutex_lock(&dst->lock);
	for (size_t i = 0; i < src->nr; i++) {
		ALLOC_GROW(dst->items, dst->nr, dst->alloc);
		dst->items[dst->nr++] = src->items[i];
	}
	pthread_mutex_unlock(&dst->lock);
	free(src->items);
	src->items = NULL;
	src->nr = src->alloc = 0;
}

const char *finding_decoded_name(const char *name)
{
	static const char *const names[] = { "base64", "url", NULL };

	for (size_t i = 0; name && names[i]; i++)
		if (!strcmp(name, names[i]))
			return names[i];
	return NULL;
}

void finding_rekey_v1(struct finding *f)
{
	char fp[65];

	f->secret_sha256[0] = '\0';
	secret_hash_hex(f->fingerprint, strlen(f->fingerprint), fp);
	memcpy(f->fingerprint, fp, sizeof(fp));
}
