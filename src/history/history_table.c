/* history_table.c - commits, blobs, pairs and interned names of a
 * history scan; see history_table.h. Open addressing with linear probes
 * everywhere: object ids are uniform already, so their first bytes are
 * the hash. */
#include "history_table.h"

#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"

struct history_map_slot {
	git_oid id;
	uint32_t val;			/* HISTORY_NONE: empty */
	uintptr_t tag;
};

#define ARENA_BLOCK (64u << 10)

static uint64_t oid_hash(const git_oid *id, uintptr_t tag)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof(h));
	return h ^ ((uint64_t)tag * 0x9e3779b97f4a7c15ull);
}

static void map_alloc(struct history_map *m, size_t size)
{
	m->slots = xmalloc(size * sizeof(*m->slots));
	for (size_t i = 0; i < size; i++)
		m->slots[i].val = HISTORY_NONE;
	m->mask = size - 1;
}

void history_map_init(struct history_map *m)
{
	m->nr = 0;
	map_alloc(m, 1024);
}

void history_map_release(struct history_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static struct history_map_slot *map_slot(const struct history_map *m,
					 const git_oid *id, uintptr_t tag)
{
	size_t i = (size_t)oid_hash(id, tag) & m->mask;

	while (m->slots[i].val != HISTORY_NONE &&
	       (m->slots[i].tag != tag || !git_oid_equal(&m->slots[i].id, id)))
		i = (i + 1) & m->mask;
	return &m->slots[i];
}

static void map_grow(struct history_map *m)
{
	struct history_map_slot *old = m->slots;
	size_t size = m->mask + 1;

	map_alloc(m, size * 2);
	for (size_t i = 0; i < size; i++)
		if (old[i].val != HISTORY_NONE)
			*map_slot(m, &old[i].id, old[i].tag) = old[i];
	free(old);
}

/* The value of (id, tag), or HISTORY_NONE. */
static uint32_t map_get(const struct history_map *m, const git_oid *id,
			uintptr_t tag)
{
	return map_slot(m, id, tag)->val;
}

static void map_put(struct history_map *m, const git_oid *id, uintptr_t tag,
		    uint32_t val)
{
	struct history_map_slot *s;

	if (2 * (m->nr + 1) > m->mask + 1)
		map_grow(m);
	s = map_slot(m, id, tag);
	if (s->val == HISTORY_NONE)
		m->nr++;
	git_oid_cpy(&s->id, id);
	s->tag = tag;
	s->val = val;
}

int history_map_visit(struct history_map *m, const git_oid *id,
		      uintptr_t tag)
{
	if (map_get(m, id, tag) != HISTORY_NONE)
		return 1;
	map_put(m, id, tag, 0);
	return 0;
}

void history_table_init(struct history_table *t)
{
	memset(t, 0, sizeof(*t));
	history_map_init(&t->commit_map);
	history_map_init(&t->blob_map);
	t->names_mask = 1023;
	t->names = xcalloc(t->names_mask + 1, sizeof(*t->names));
}

void history_table_release(struct history_table *t)
{
	char *block = t->arena;

	while (block) {
		char *next;

		memcpy(&next, block, sizeof(next));
		free(block);
		block = next;
	}
	free(t->names);
	free(t->commits);
	free(t->parent_ids);
	free(t->blobs);
	free(t->paths);
	history_map_release(&t->commit_map);
	history_map_release(&t->blob_map);
	memset(t, 0, sizeof(*t));
}

static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static size_t name_slot(struct history_name *const *names, size_t mask,
			const char *s, size_t n)
{
	size_t i = (size_t)name_hash(s, n) & mask;

	/* strncmp: it stops at the end of a shorter name held */
	while (names[i] && (strncmp(names[i]->str, s, n) || names[i]->str[n]))
		i = (i + 1) & mask;
	return i;
}

/* Room for a name of n bytes in the arena (blocks linked through their
 * first pointer; a long name gets a block of its own). */
static struct history_name *arena_take(struct history_table *t, size_t n)
{
	size_t need = (sizeof(struct history_name) + n + 1 + 7) & ~(size_t)7;
	char *at;

	if (!t->arena || t->arena_used + need > t->arena_size) {
		size_t size = need + sizeof(char *) > ARENA_BLOCK ?
			      need + sizeof(char *) : ARENA_BLOCK;
		char *block = xmalloc(size);

		memcpy(block, &t->arena, sizeof(t->arena));
		t->arena = block;
		t->arena_used = sizeof(char *);
		t->arena_used = (t->arena_used + 7) & ~(size_t)7;
		t->arena_size = size;
	}
	at = t->arena + t->arena_used;
	t->arena_used += need;
	return (struct history_name *)at;
}

const struct history_name *history_table_name(struct history_table *t,
					      const char *s, size_t n)
{
	size_t i = name_slot(t->names, t->names_mask, s, n);
	struct history_name *nm;

	if (t->names[i])
		return t->names[i];
	if (2 * (t->nr_names + 1) > t->names_mask + 1) {
		size_t size = 2 * (t->names_mask + 1);
		struct history_name **grown = xcalloc(size, sizeof(*grown));

		for (size_t k = 0; k <= t->names_mask; k++)
			if (t->names[k]) {
				const char *str = t->names[k]->str;

				grown[name_slot(grown, size - 1, str,
						strlen(str))] = t->names[k];
			}
		free(t->names);
		t->names = grown;
		t->names_mask = size - 1;
		i = name_slot(t->names, t->names_mask, s, n);
	}
	nm = arena_take(t, n);
	nm->flags = 0;
	nm->cls = HISTORY_NONE;
	memcpy(nm->str, s, n);
	nm->str[n] = '\0';
	t->names[i] = nm;
	t->nr_names++;
	return nm;
}

uint32_t history_table_commit(struct history_table *t, const git_oid *id,
			      int *is_new)
{
	uint32_t c = map_get(&t->commit_map, id, 0);
	struct history_commit *hc;

	*is_new = c == HISTORY_NONE;
	if (!*is_new)
		return c;
	ALLOC_GROW(t->commits, t->nr_commits, t->alloc_commits);
	c = (uint32_t)t->nr_commits++;
	hc = &t->commits[c];
	memset(hc, 0, sizeof(*hc));
	git_oid_cpy(&hc->id, id);
	map_put(&t->commit_map, id, 0, c);
	return c;
}

uint32_t history_table_find_commit(const struct history_table *t,
				   const git_oid *id)
{
	return map_get(&t->commit_map, id, 0);
}

uint32_t history_table_find_blob(const struct history_table *t,
				 const git_oid *id)
{
	return map_get(&t->blob_map, id, 0);
}

struct history_path *history_table_pair(struct history_table *t, uint32_t b,
					const struct history_name *path)
{
	for (uint32_t p = t->blobs[b].first; p != HISTORY_NONE;
	     p = t->paths[p].next)
		if (t->paths[p].path == path)
			return &t->paths[p];
	return NULL;
}

/* Is commit a earlier than b? */
static int earlier(const struct history_table *t, uint32_t a, uint32_t b)
{
	const struct history_commit *x = &t->commits[a], *y = &t->commits[b];

	if (x->time != y->time)
		return x->time < y->time;
	if (x->ctime != y->ctime)
		return x->ctime < y->ctime;
	return git_oid_cmp(&x->id, &y->id) < 0;
}

uint32_t history_table_introduce(struct history_table *t, const git_oid *id,
				 const struct history_name *path, uint32_t c)
{
	uint32_t b = map_get(&t->blob_map, id, 0);
	struct history_path *p;

	if (b == HISTORY_NONE) {
		ALLOC_GROW(t->blobs, t->nr_blobs, t->alloc_blobs);
		b = (uint32_t)t->nr_blobs++;
		git_oid_cpy(&t->blobs[b].id, id);
		t->blobs[b].first = HISTORY_NONE;
		t->blobs[b].nr_paths = 0;
		t->blobs[b].order = 0;
		map_put(&t->blob_map, id, 0, b);
	}
	p = history_table_pair(t, b, path);
	if (p) {
		if (HISTORY_IS_COMMIT(c) && HISTORY_IS_COMMIT(p->commit) &&
		    earlier(t, c, p->commit))
			p->commit = c;
		return b;
	}
	ALLOC_GROW(t->paths, t->nr_paths, t->alloc_paths);
	p = &t->paths[t->nr_paths];
	p->path = path;
	p->commit = c;
	p->at_tip = 0;
	p->next = t->blobs[b].first;
	t->blobs[b].first = (uint32_t)t->nr_paths++;
	t->blobs[b].nr_paths++;
	return b;
}
