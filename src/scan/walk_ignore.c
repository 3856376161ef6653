/* walk_ignore.c - git's ignore rules for the walk, through libgit2; see
 * walk_ignore.h for the policy.
 *
 * libgit2 answers one path at a time, and each answer re-reads the state
 * of every ignore file from the work tree's top down to the path (a stat
 * each, the path's own too): about 2.6 s of CPU on a 78,000-file tree.
 * So a cheap test comes first, per directory: the literal text each
 * pattern of the ignore files that apply there begins (and, without a
 * slash, ends) with. A path that no pattern could match, nor any of its
 * directories, is not ignored, and libgit2 is not asked; any other path
 * is judged by libgit2 as before. The test only errs towards asking
 * (negations are left out, since they only un-ignore; a pattern whose
 * text it does not understand could match anything; a file it cannot
 * read makes it ask always), so the answers are libgit2's.
 */
#include "walk_ignore.h"

#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

/* What a pattern's match must hold: text it starts with (a path below
 * its file's directory when the pattern has a slash, else a path
 * component), text a component ends with, and the longest plain text in
 * it, which a component holds. */
struct ign_pat {
	char *pre, *suf, *mid; /* "" when nothing is known */
	size_t pre_len, suf_len, mid_len;
	int slashed;
};

struct ign_pats {
	struct ign_pat *items;
	size_t nr, alloc;
	int unknown; /* a file could not be read: ask */
};

/* A directory of the work tree ("" or "a/b/") and the patterns of its
 * .gitignore; its parent's apply too. */
struct ign_dir {
	char *path;
	size_t len;
	struct ign_dir *parent, *next; /* next: the same hash bucket */
	struct ign_pats pats;
	int may; /* a rule could match it or a directory it is in:
			 * then libgit2 judges everything in it */
};

struct walk_ignore {
	git_repository *repo;
	git_index *index;	/* NULL: none could be read (nothing is
				 * tracked then) */
	struct strbuf path;	/* the root's path below the work tree,
				 * "" or "a/b/", then the entry asked about */
	size_t prefix_len;
	/* the cheap test */
	struct ign_pats top;   /* info/exclude, the global excludes and
				 * libgit2's own (.git) */
	int icase;	       /* core.ignorecase */
	struct ign_dir **dirs; /* a hash table of the directories seen */
	size_t nr_dirs, nr_buckets;
	struct strbuf file;  /* scratch: a file's path and text */
	unsigned long asked; /* paths libgit2 judged (tests) */
};

/* Is the work-tree path p ignored by git's rules? Errors: no. */
static int ignored(git_repository *repo, const char *p)
{
	int ign = 0;

	if (git_ignore_path_is_ignored(&ign, repo, p) < 0)
		return 0;
	return ign == 1;
}

/* Where the root stands below the work tree: "" at its top, "a/b/"
 * below it; -1 when it is not inside it (the .git directory itself, a
 * path the real paths cannot relate). */
static int root_prefix(const char *root, const char *workdir,
		       struct strbuf *out)
{
	char *r = realpath(root, NULL), *w = realpath(workdir, NULL);
	size_t wl = w ? strlen(w) : 0;
	int rc = -1;

	if (r && w && !strncmp(r, w, wl) && (!r[wl] || r[wl] == '/' ||
					     (wl == 1 && *w == '/'))) {
		const char *rest = r + wl;

		while (*rest == '/')
			rest++;
		if (*rest)
			strbuf_addf(out, "%s/", rest);
		rc = 0;
	}
	free(r);
	free(w);
	return rc;
}

/* Characters of a pattern that stand for themselves when outside a
 * bracket (a ']' or a space may not: left out, the text is shorter). */
static int literal_char(char c, int slash_ok)
{
	return c && !strchr("*?[]\\ \t\r", c) && (slash_ok || c != '/');
}

/* The longest plain text of the pattern p[0..n), outside brackets, in
 * *at and *len (0: none). Past a bracket it cannot read ("[[:alpha:]",
 * one not closed) no text is taken. */
static void longest_text(const char *p, size_t n, size_t *at, size_t *len)
{
	size_t i = 0, run = 0;

	*at = *len = 0;
	while (i <= n) {
		if (i < n && literal_char(p[i], 0)) {
			run++;
			i++;
			continue;
		}
		if (run > *len) {
			*len = run;
			*at = i - run;
		}
		run = 0;
		if (i == n)
			break;
		if (p[i] == '\\') {
			i += 2; /* an escaped character */
		} else if (p[i] == '[') {
			size_t j = i + 1;

			if (j < n && (p[j] == '!' || p[j] == '^'))
				j++;
			if (j < n && p[j] == ']')
				j++;
			while (j < n && p[j] != ']') {
				if (p[j] == '[' && j + 1 < n && p[j + 1] == ':')
					return;
				j += p[j] == '\\' ? 2 : 1;
			}
			if (j >= n)
				return;
			i = j + 1;
		} else {
			i++;
		}
	}
}

/* Add the pattern line[0..n) of an ignore file to ps. */
static void pats_add_line(struct ign_pats *ps, const char *line, size_t n)
{
	struct ign_pat p = { 0 };
	size_t a = 0, b = n, end;
	int trimmed = 0;

	if (!n || line[0] == '#' || line[0] == '!')
		return; /* blank, comment, negation */
	while (b > a && strchr(" \t\r", line[b - 1])) {
		b--;
		trimmed = 1;
	}
	if (b == a)
		return;
	if (b - a > 1 && line[b - 1] == '/')
		b--; /* a directory pattern */
	if (line[a] == '/') {
		p.slashed = 1;
		a++;
	}
	p.slashed |= memchr(line + a, '/', b - a) != NULL;
	for (end = a; end < b && literal_char(line[end], p.slashed); end++)
		;
	p.pre = xstrndup(line + a, end - a);
	p.pre_len = end - a;
	for (end = b; !trimmed && end > a && literal_char(line[end - 1], 0);
	     end--)
		;
	p.suf = xstrndup(line + end, end < b ? b - end : 0);
	p.suf_len = end < b ? b - end : 0;
	longest_text(line + a, b - a, &end, &p.mid_len);
	p.mid = xstrndup(line + a + end, p.mid_len);
	ALLOC_GROW(ps->items, ps->nr, ps->alloc);
	ps->items[ps->nr++] = p;
}

/* Add the patterns of the ignore file at path (none when it does not
 * exist; when it cannot be read, libgit2 is asked about everything). */
static void pats_add_file(struct walk_ignore *wi, struct ign_pats *ps,
			  const char *path)
{
	const char *at, *nl;

	strbuf_reset(&wi->file);
	if (strbuf_read_file(&wi->file, path, 0)) {
		if (errno != ENOENT && errno != ENOTDIR)
			ps->unknown = 1;
		return;
	}
	for (at = wi->file.buf; *at; at = nl + 1) {
		nl = strchr(at, '\n');
		if (!nl)
			nl = at + strlen(at);
		pats_add_line(ps, at, (size_t)(nl - at));
		if (!*nl)
			break;
	}
	if (memchr(wi->file.buf, '\0', wi->file.len))
		ps->unknown = 1; /* text past a NUL: not read here */
}

static void pats_release(struct ign_pats *ps)
{
	for (size_t i = 0; i < ps->nr; i++) {
		free(ps->items[i].pre);
		free(ps->items[i].suf);
		free(ps->items[i].mid);
	}
	free(ps->items);
}

static int starts(const struct walk_ignore *wi, const char *s, size_t n,
		  const char *lit, size_t len)
{
	return n >= len &&
	       !(wi->icase ? strncasecmp(s, lit, len) : memcmp(s, lit, len));
}

/* Does s[0..n) hold lit[0..len)? */
static int holds(const struct walk_ignore *wi, const char *s, size_t n,
		 const char *lit, size_t len)
{
	if (!len)
		return 1;
	if (!wi->icase)
		return memmem(s, n, lit, len) != NULL;
	for (size_t i = 0; i + len <= n; i++)
		if (!strncasecmp(s + i, lit, len))
			return 1;
	return 0;
}

/* Could pattern p match the path rel itself (below the pattern's
 * directory; its last component, without a trailing '/', is
 * base[0..n))? Without a slash the pattern matches that component: its
 * text must begin and end it and its longest text be in it. With one it
 * matches rel: its text must begin rel and end base, its longest text
 * (which holds no slash) be in rel. */
static int pat_may_match(const struct walk_ignore *wi, const struct ign_pat *p,
			 const char *rel, const char *base, size_t n)
{
	const char *s = p->slashed ? rel : base;
	size_t len = p->slashed ? (size_t)(base + n - rel) : n;

	return starts(wi, s, len, p->pre, p->pre_len) &&
	       starts(wi, base + n - (n < p->suf_len ? n : p->suf_len), n,
		      p->suf, p->suf_len) &&
	       holds(wi, s, len, p->mid, p->mid_len);
}

static int pats_may_match(const struct walk_ignore *wi,
			  const struct ign_pats *ps, const char *rel,
			  const char *base, size_t n)
{
	if (ps->unknown)
		return 1;
	for (size_t i = 0; i < ps->nr; i++)
		if (pat_may_match(wi, &ps->items[i], rel, base, n))
			return 1;
	return 0;
}

struct ign_dir;
/* Could a rule of the directory d (or above it) match the work-tree path
 * p, an entry of d ("a/b", or "a/b/" for a directory), itself? */
static int may_match_self(struct walk_ignore *wi, const struct ign_dir *d,
			  const char *p);

static size_t hash_path(const char *s, size_t n)
{
	size_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void dirs_grow(struct walk_ignore *wi)
{
	size_t nb = wi->nr_buckets ? wi->nr_buckets * 2 : 256;
	struct ign_dir **t = xcalloc(nb, sizeof(*t));

	for (size_t i = 0; i < wi->nr_buckets; i++)
		for (struct ign_dir *d = wi->dirs[i], *next; d; d = next) {
			size_t h = hash_path(d->path, d->len) & (nb - 1);

			next = d->next;
			d->next = t[h];
			t[h] = d;
		}
	free(wi->dirs);
	wi->dirs = t;
	wi->nr_buckets = nb;
}

/* The directory path[0..n) of the work tree ("" or ending in '/'), its
 * .gitignore read the first time it is asked for. */
static struct ign_dir *dir_get(struct walk_ignore *wi, const char *path,
			       size_t n)
{
	struct strbuf name = STRBUF_INIT;
	struct ign_dir *d;
	size_t h, up;

	if (wi->nr_buckets) {
		h = hash_path(path, n) & (wi->nr_buckets - 1);
		for (d = wi->dirs[h]; d; d = d->next)
			if (d->len == n && !memcmp(d->path, path, n))
				return d;
	}
	d = xcalloc(1, sizeof(*d));
	d->path = xstrndup(path, n);
	d->len = n;
	if (n) {
		for (up = n - 1; up && path[up - 1] != '/'; up--)
			;
		d->parent = dir_get(wi, path, up);
		d->may = d->parent->may ||
			 may_match_self(wi, d->parent, d->path);
	}
	strbuf_addf(&name, "%s%s.gitignore", git_repository_workdir(wi->repo),
		    d->path);
	pats_add_file(wi, &d->pats, name.buf);
	strbuf_release(&name);
	if (wi->nr_dirs * 2 >= wi->nr_buckets)
		dirs_grow(wi);
	h = hash_path(d->path, n) & (wi->nr_buckets - 1);
	d->next = wi->dirs[h];
	wi->dirs[h] = d;
	wi->nr_dirs++;
	return d;
}

static int may_match_self(struct walk_ignore *wi, const struct ign_dir *d,
			  const char *p)
{
	size_t n = strlen(p);
	const char *base;

	if (n && p[n - 1] == '/')
		n--;
	for (base = p + n; base > p && base[-1] != '/'; base--)
		;
	n = (size_t)(p + n - base);
	if (pats_may_match(wi, &wi->top, p, base, n))
		return 1;
	for (; d; d = d->parent)
		if (pats_may_match(wi, &d->pats, p + d->len, base, n))
			return 1;
	return 0;
}

/* Could any ignore rule match p (a work-tree path, "a/b", "a/b/"), or a
 * directory it is in? What holds for the directories is worked out once
 * per directory (ign_dir.may). */
static int may_be_ignored(struct walk_ignore *wi, const char *p)
{
	size_t n = strlen(p), up;
	struct ign_dir *d;

	if (wi->top.unknown)
		return 1;
	up = n && p[n - 1] == '/' ? n - 1 : n;
	while (up && p[up - 1] != '/')
		up--;
	d = dir_get(wi, p, up);
	return d->may || may_match_self(wi, d, p);
}

/* The files every directory's rules add to: info/exclude, the global
 * excludes (core.excludesFile, else git/ignore under XDG_CONFIG_HOME or
 * ~/.config), and libgit2's own rule for .git; and core.ignorecase. */
static void top_rules(struct walk_ignore *wi)
{
	git_config *cfg = NULL;
	git_buf excl = { 0 };
	const char *env;
	struct strbuf path = STRBUF_INIT;
	int v, rc;

	pats_add_line(&wi->top, ".git", 4);
	strbuf_addf(&path, "%sinfo/exclude",
		    git_repository_commondir(wi->repo));
	pats_add_file(wi, &wi->top, path.buf);
	if (git_repository_config_snapshot(&cfg, wi->repo) < 0) {
		wi->top.unknown = 1;
		goto out;
	}
	rc = git_config_get_bool(&v, cfg, "core.ignorecase");
	if (rc == 0)
		wi->icase = v;
	else if (rc != GIT_ENOTFOUND)
		wi->icase = 1;
	rc = git_config_get_path(&excl, cfg, "core.excludesfile");
	if (rc == 0) {
		pats_add_file(wi, &wi->top, excl.ptr);
	} else if (rc != GIT_ENOTFOUND) {
		wi->top.unknown = 1;
	} else {
		/* both places libgit2 may look in */
		if ((env = getenv("XDG_CONFIG_HOME")) && *env) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/git/ignore", env);
			pats_add_file(wi, &wi->top, path.buf);
		}
		if ((env = getenv("HOME")) && *env) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s/.config/git/ignore", env);
			pats_add_file(wi, &wi->top, path.buf);
		}
	}
out:
	git_buf_dispose(&excl);
	git_config_free(cfg);
	strbuf_release(&path);
}

struct walk_ignore *walk_ignore_open(const char *root)
{
	struct walk_ignore *wi = xcalloc(1, sizeof(*wi));
	const char *workdir;

	strbuf_init(&wi->path, 0);
	strbuf_init(&wi->file, 0);
	git_libgit2_init();
	if (git_repository_open_ext(&wi->repo, root, 0, NULL) < 0)
		goto none;
	workdir = git_repository_workdir(wi->repo);
	if (!workdir || root_prefix(root, workdir, &wi->path))
		goto none;
	wi->prefix_len = wi->path.len;
	if (wi->prefix_len) {
		/* the user named an ignored directory: scan it whole */
		strbuf_setlen(&wi->path, wi->prefix_len - 1);
		if (!strncmp(wi->path.buf, ".git", 4) &&
		    (!wi->path.buf[4] || wi->path.buf[4] == '/'))
			goto none;
		strbuf_addch(&wi->path, '/');
		if (ignored(wi->repo, wi->path.buf))
			goto none;
	}
	if (git_repository_index(&wi->index, wi->repo) < 0)
		wi->index = NULL;
	top_rules(wi);
	return wi;
none:
	walk_ignore_free(wi);
	return NULL;
}

/* Does the index track p, or (a directory, p ending in '/') anything
 * below it? */
static int tracked(const struct walk_ignore *wi, const char *p, int is_dir)
{
	size_t pos;

	if (!wi->index)
		return 0;
	if (is_dir)
		return git_index_find_prefix(&pos, wi->index, p) == 0;
	return git_index_get_bypath(wi->index, p, 0) != NULL;
}

int walk_ignore_check(struct walk_ignore *wi, const char *rel, int is_dir)
{
	int ign;

	strbuf_setlen(&wi->path, wi->prefix_len);
	strbuf_addstr(&wi->path, rel);
	/* a trailing '/' tells libgit2 it is a directory without a stat */
	if (is_dir)
		strbuf_addch(&wi->path, '/');
	if (!may_be_ignored(wi, wi->path.buf))
		return 0;
	wi->asked++;
	ign = ignored(wi->repo, wi->path.buf) &&
	      !tracked(wi, wi->path.buf, is_dir);
	return ign;
}

unsigned long walk_ignore_asked(const struct walk_ignore *wi)
{
	return wi->asked;
}

void walk_ignore_free(struct walk_ignore *wi)
{
	if (!wi)
		return;
	git_index_free(wi->index);
	git_repository_free(wi->repo);
	strbuf_release(&wi->path);
	strbuf_release(&wi->file);
	pats_release(&wi->top);
	for (size_t i = 0; i < wi->nr_buckets; i++)
		for (struct ign_dir *d = wi->dirs[i], *next; d; d = next) {
			next = d->next;
			pats_release(&d->pats);
			free(d->path);
			free(d);
		}
	free(wi->dirs);
	free(wi);
	git_libgit2_shutdown();
}
