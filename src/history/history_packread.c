/* history_packread.c - pack indexes and pack files read directly; see
 * history_packread.h. Both files are mapped whole and only read.
 *
 * An object is a header (type, size), then for OFS_DELTA the distance
 * back to its base or for REF_DELTA the base's id, then zlib data: the
 * object itself, or a delta (the base's size, the result's size, then
 * copy-from-base and insert instructions). A reader resolves a chain by
 * walking back to a base it holds (or a whole object), then applying
 * the deltas forward; every object it builds goes into its cache, as a
 * pack written by git puts a delta after its base and, read in pack
 * order, the next object's base is mostly one just built.
 */
#include "history_packread.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define IDX_HEADER 8			/* magic, version */
#define IDX_FANOUT 256
#define PACK_HEADER 12			/* "PACK", version, count */
#define PACK_TRAILER 20			/* the pack's SHA-1 */
#define OBJ_OFS_DELTA 6
#define OBJ_REF_DELTA 7
#define WHERE_PACK(w) ((size_t)((w) >> 48))
#define WHERE_OFF(w) ((w) & ((1ull << 48) - 1))
#define DEFAULT_CACHE (48u << 20)
#define NO_ENTRY (-1)

struct pack {
	const unsigned char *idx, *data;
	size_t idx_size, nr, size;
};

struct history_packs {
	struct pack *packs;
	size_t nr, alloc;
};

/* A delta of a chain: where it sits, where its data starts, its size
 * inflated. */
struct link {
	uint64_t where, at;
	size_t zsize;
};

/* A built object in a reader's cache: hashed by where, in LRU order. */
struct entry {
	uint64_t where;
	unsigned char *data;
	size_t len;
	int type;
	int hnext;			/* next in its bucket */
	int prev, next;			/* LRU: head is the newest */
};

struct history_pack_reader {
	const struct history_packs *ps;
	struct libdeflate_decompressor *z;
	struct entry *entries;
	size_t nr_entries, alloc_entries;
	int free_list;			/* through hnext */
	int *buckets;
	size_t mask;
	int head, tail;
	size_t used, cap;
	unsigned char *last;		/* the last object when not cached */
	unsigned char *delta;		/* an inflated delta */
	size_t delta_alloc;
	uint64_t loaded;		/* whose delta r->delta holds */
	struct link *chain;		/* deltas to apply, last first */
	size_t alloc_chain;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void *map_file(const char *path, size_t *size, size_t least)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || (size_t)st.st_size < least) {
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	*size = (size_t)st.st_size;
	return map;
}

/* Map a version 2 index and its pack; -1 when either is not one. */
static int pack_open(struct pack *p, const char *idx_path)
{
	struct strbuf path = STRBUF_INIT;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	p->idx = map_file(idx_path, &p->idx_size, IDX_HEADER + IDX_FANOUT * 4);
	if (!p->idx)
		return -1;
	p->nr = be32(p->idx + IDX_HEADER + 255 * 4);
	if (memcmp(p->idx, "\377tOc\0\0\0\2", IDX_HEADER) ||
	    p->idx_size < IDX_HEADER + IDX_FANOUT * 4 + p->nr * 28)
		goto out;
	strbuf_add(&path, idx_path, strlen(idx_path) - 4);
	strbuf_addstr(&path, ".pack");
	p->data = map_file(path.buf, &p->size, PACK_HEADER + PACK_TRAILER);
	if (!p->data)
		goto out;
	if (memcmp(p->data, "PACK", 4) || (be32(p->data + 4) != 2 &&
					   be32(p->data + 4) != 3)) {
		munmap((void *)p->data, p->size);
		goto out;
	}
	rc = 0;
out:
	if (rc)
		munmap((void *)p->idx, p->idx_size);
	strbuf_release(&path);
	return rc;
}

/* The offset of id in p, or -1 when its index lacks it. */
static long long index_find(const struct pack *p, const unsigned char *id)
{
	const unsigned char *fan = p->idx + IDX_HEADER;
	const unsigned char *ids = fan + IDX_FANOUT * 4;
	unsigned b = id[0];
	size_t lo = b ? be32(fan + (b - 1) * 4) : 0, hi = be32(fan + b * 4);

	if (hi > p->nr)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(ids + mid * GIT_OID_RAWSZ, id, GIT_OID_RAWSZ);

		if (!c) {
			const unsigned char *o32 = ids + p->nr * 24;
			uint32_t off = be32(o32 + mid * 4);
			size_t at;

			if (!(off & 0x80000000u))
				return off;
			at = IDX_HEADER + IDX_FANOUT * 4 + p->nr * 28 +
			     (size_t)(off & 0x7fffffffu) * 8;
			if (at + 8 > p->idx_size)
				return -1;
			return (long long)((uint64_t)be32(p->idx + at) << 32 |
					   be32(p->idx + at + 4));
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Every .idx of dir/pack. */
static void open_dir(struct history_packs *ps, const char *objects)
{
	struct strbuf path = STRBUF_INIT;
	struct dirent *de;
	DIR *d;

	strbuf_addf(&path, "%s/pack", objects);
	d = opendir(path.buf);
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".idx"))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/pack/%s", objects, de->d_name);
		ALLOC_GROW(ps->packs, ps->nr, ps->alloc);
		if (!pack_open(&ps->packs[ps->nr], path.buf))
			ps->nr++;
	}
	if (d)
		closedir(d);
	strbuf_release(&path);
}

struct history_packs *history_packs_open(const char *objects)
{
	struct history_packs *ps = xcalloc(1, sizeof(*ps));
	struct strbuf path = STRBUF_INIT, alt = STRBUF_INIT;

	open_dir(ps, objects);
	strbuf_addf(&path, "%s/info/alternates", objects);
	if (!strbuf_read_file(&alt, path.buf, 1u << 20)) {
		for (char *line = alt.buf; *line;) {
			char *nl = strchr(line, '\n');
			struct strbuf dir = STRBUF_INIT;

			if (nl)
				*nl = '\0';
			if (*line && *line != '#') {
				if (*line != '/')
					strbuf_addf(&dir, "%s/", objects);
				strbuf_addstr(&dir, line);
				open_dir(ps, dir.buf);
			}
			strbuf_release(&dir);
			line = nl ? nl + 1 : line + strlen(line);
		}
	}
	strbuf_release(&path);
	strbuf_release(&alt);
	return ps;
}

void history_packs_free(struct history_packs *ps)
{
	if (!ps)
		return;
	for (size_t i = 0; i < ps->nr; i++) {
		munmap((void *)ps->packs[i].idx, ps->packs[i].idx_size);
		munmap((void *)ps->packs[i].data, ps->packs[i].size);
	}
	free(ps->packs);
	free(ps);
}

uint64_t history_packs_find(const struct history_packs *ps, const git_oid *id)
{
	for (size_t i = 0; i < ps->nr && i < (1u << 15); i++) {
		long long off = index_find(&ps->packs[i], id->id);

		if (off >= 0 && (uint64_t)off < 1ull << 48)
			return (uint64_t)i << 48 | (uint64_t)off;
	}
	return HISTORY_PACK_NOWHERE;
}

size_t history_packs_count(const struct history_packs *ps)
{
	size_t n = 0;

	for (size_t i = 0; i < ps->nr; i++)
		n += ps->packs[i].nr;
	return n;
}

int history_packs_nth(const struct history_packs *ps, size_t n, git_oid *id)
{
	for (size_t i = 0; i < ps->nr; i++) {
		if (n < ps->packs[i].nr) {
			memcpy(id->id, ps->packs[i].idx + IDX_HEADER +
			       IDX_FANOUT * 4 + n * GIT_OID_RAWSZ,
			       GIT_OID_RAWSZ);
			return 0;
		}
		n -= ps->packs[i].nr;
	}
	return -1;
}

struct history_pack_reader *history_pack_reader_new(
	const struct history_packs *ps, size_t cache)
{
	struct history_pack_reader *r = xcalloc(1, sizeof(*r));

	r->ps = ps;
	r->z = libdeflate_alloc_decompressor();
	r->cap = cache ? cache : DEFAULT_CACHE;
	r->mask = 4095;
	r->buckets = xmalloc((r->mask + 1) * sizeof(*r->buckets));
	for (size_t i = 0; i <= r->mask; i++)
		r->buckets[i] = NO_ENTRY;
	r->free_list = r->head = r->tail = NO_ENTRY;
	return r;
}

void history_pack_reader_free(struct history_pack_reader *r)
{
	if (!r)
		return;
	libdeflate_free_decompressor(r->z);
	for (int e = r->head; e != NO_ENTRY; e = r->entries[e].next)
		free(r->entries[e].data);
	free(r->entries);
	free(r->buckets);
	free(r->last);
	free(r->delta);
	free(r->chain);
	free(r);
}

static size_t bucket_of(const struct history_pack_reader *r, uint64_t where)
{
	return (size_t)((where * 0x9e3779b97f4a7c15ull) >> 40) & r->mask;
}

static void lru_unlink(struct history_pack_reader *r, int e)
{
	struct entry *en = &r->entries[e];

	if (en->prev != NO_ENTRY)
		r->entries[en->prev].next = en->next;
	else
		r->head = en->next;
	if (en->next != NO_ENTRY)
		r->entries[en->next].prev = en->prev;
	else
		r->tail = en->prev;
}

static void lru_push(struct history_pack_reader *r, int e)
{
	struct entry *en = &r->entries[e];

	en->prev = NO_ENTRY;
	en->next = r->head;
	if (r->head != NO_ENTRY)
		r->entries[r->head].prev = e;
	r->head = e;
	if (r->tail == NO_ENTRY)
		r->tail = e;
}

/* The cached object at where (now the newest), or NULL. */
static struct entry *cache_get(struct history_pack_reader *r, uint64_t where)
{
	for (int e = r->buckets[bucket_of(r, where)]; e != NO_ENTRY;
	     e = r->entries[e].hnext) {
		if (r->entries[e].where == where) {
			lru_unlink(r, e);
			lru_push(r, e);
			return &r->entries[e];
		}
	}
	return NULL;
}

static void cache_evict(struct history_pack_reader *r)
{
	int e = r->tail;
	int *link = &r->buckets[bucket_of(r, r->entries[e].where)];

	while (*link != e)
		link = &r->entries[*link].hnext;
	*link = r->entries[e].hnext;
	lru_unlink(r, e);
	r->used -= r->entries[e].len;
	free(r->entries[e].data);
	r->entries[e].data = NULL;
	r->entries[e].hnext = r->free_list;
	r->free_list = e;
}

/* Keep data (allocated, now the cache's) as the object at where; the
 * oldest go to make room. Returns 0, or -1 when it is too big to keep
 * (data is still the caller's). */
static int cache_put(struct history_pack_reader *r, uint64_t where,
		     unsigned char *data, size_t len, int type)
{
	struct entry *en;
	int e;
	size_t b;

	if (len > r->cap / 4)
		return -1;
	while (r->used + len > r->cap && r->tail != NO_ENTRY)
		cache_evict(r);
	if (r->free_list != NO_ENTRY) {
		e = r->free_list;
		r->free_list = r->entries[e].hnext;
	} else {
		ALLOC_GROW(r->entries, r->nr_entries, r->alloc_entries);
		e = (int)r->nr_entries++;
	}
	en = &r->entries[e];
	en->where = where;
	en->data = data;
	en->len = len;
	en->type = type;
	b = bucket_of(r, where);
	en->hnext = r->buckets[b];
	r->buckets[b] = e;
	lru_push(r, e);
	r->used += len;
	return 0;
}

/* An object's header at where: its type, size and where its data (or,
 * for a delta, its base's reference) starts. -1 when damaged. */
static int parse_header(const struct pack *p, size_t off, int *type,
			size_t *size, size_t *at)
{
	size_t end = p->size - PACK_TRAILER, shift = 4;
	unsigned c;

	if (off < PACK_HEADER || off >= end)
		return -1;
	c = p->data[off++];
	*type = (c >> 4) & 7;
	*size = c & 15;
	while (c & 0x80) {
		if (off >= end || shift > 57)
			return -1;
		c = p->data[off++];
		*size |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	}
	*at = off;
	return 0;
}

/* Where a delta at pk/off (its reference at *at) finds its base. */
static int delta_base(const struct history_pack_reader *r, size_t pk,
		      size_t off, int type, size_t *at, uint64_t *base)
{
	const struct pack *p = &r->ps->packs[pk];
	size_t end = p->size - PACK_TRAILER, i = *at;

	if (type == OBJ_OFS_DELTA) {
		uint64_t back;
		unsigned c;

		if (i >= end)
			return -1;
		c = p->data[i++];
		back = c & 0x7f;
		while (c & 0x80) {
			if (i >= end || back >= 1ull << 48)
				return -1;
			c = p->data[i++];
			back = ((back + 1) << 7) | (c & 0x7f);
		}
		if (!back || back > off)
			return -1;
		*base = (uint64_t)pk << 48 | (off - back);
	} else {
		git_oid id;

		if (i + GIT_OID_RAWSZ > end)
			return -1;
		memcpy(id.id, p->data + i, GIT_OID_RAWSZ);
		i += GIT_OID_RAWSZ;
		*base = history_packs_find(r->ps, &id);
		if (*base == HISTORY_PACK_NOWHERE)
			return -1;
	}
	*at = i;
	return 0;
}

/* Inflate exactly size bytes from pk at `at` into out: libdeflate,
 * which takes the whole object at once and on curl's history inflates
 * in half zlib's time. */
static int inflate_at(struct history_pack_reader *r, size_t pk, size_t at,
		      unsigned char *out, size_t size)
{
	const struct pack *p = &r->ps->packs[pk];
	size_t got = 0, used = 0;
	unsigned char dummy;

	if (!r->z)
		return -1;
	if (libdeflate_zlib_decompress_ex(r->z, p->data + at,
					  p->size - PACK_TRAILER - at,
					  size ? out : &dummy, size, &used,
					  &got) != LIBDEFLATE_SUCCESS)
		return -1;
	return got == size ? 0 : -1;
}

static int delta_size(const unsigned char **p, const unsigned char *end,
		      size_t *out)
{
	size_t v = 0, shift = 0;
	unsigned c;

	do {
		if (*p >= end || shift > 57)
			return -1;
		c = *(*p)++;
		v |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*out = v;
	return 0;
}

/* Apply delta d (its header read: ops from *p) to base into out, whose
 * size the delta gave. */
static int delta_apply(const unsigned char *base, size_t base_len,
		       const unsigned char *p, const unsigned char *end,
		       unsigned char *out, size_t out_len)
{
	size_t o = 0;

	while (p < end) {
		unsigned op = *p++;

		if (op & 0x80) {
			size_t off = 0, n = 0;

			for (unsigned k = 0; k < 4; k++)
				if (op & (1u << k)) {
					if (p >= end)
						return -1;
					off |= (size_t)*p++ << (8 * k);
				}
			for (unsigned k = 0; k < 3; k++)
				if (op & (0x10u << k)) {
					if (p >= end)
						return -1;
					n |= (size_t)*p++ << (8 * k);
				}
			if (!n)
				n = 0x10000;
			if (off > base_len || n > base_len - off ||
			    n > out_len - o)
				return -1;
			memcpy(out + o, base + off, n);
			o += n;
		} else if (op) {
			if (op > (size_t)(end - p) || op > out_len - o)
				return -1;
			memcpy(out + o, p, op);
			p += op;
			o += op;
		} else {
			return -1;	/* reserved */
		}
	}
	return o == out_len ? 0 : -1;
}

/* Room for n bytes and a NUL, or NULL: a damaged header may name any
 * size, and one the machine cannot give is a failed read of that object,
 * not the end of the run (xmalloc's answer). */
static unsigned char *room(size_t n)
{
	return n < SIZE_MAX / 2 ? malloc(n + 1) : NULL;
}

/* Could the deflated bytes from at to the end of pack p inflate to size
 * bytes? Deflate packs at most about 1032 bytes into one. */
static int plausible(const struct pack *p, size_t at, size_t size)
{
	size_t end = p->size > PACK_TRAILER ? p->size - PACK_TRAILER : 0;

	return at <= end && size / 1032 <= end - at;
}

/* Inflate delta l into r->delta (unless it is there already) and read
 * its sizes; *ops is where its instructions start. */
static int delta_load(struct history_pack_reader *r, const struct link *l,
		      size_t *src, size_t *dst, const unsigned char **ops)
{
	const unsigned char *p;

	if (r->loaded != l->where) {
		if (r->delta_alloc < l->zsize + 1) {
			free(r->delta);
			r->delta_alloc = 0;
			r->delta = NULL;
			if (!plausible(&r->ps->packs[WHERE_PACK(l->at)],
				       (size_t)WHERE_OFF(l->at), l->zsize) ||
			    !(r->delta = room(l->zsize)))
				return -1;
			r->delta_alloc = l->zsize + 1;
		}
		r->loaded = HISTORY_PACK_NOWHERE;
		if (inflate_at(r, WHERE_PACK(l->at), (size_t)WHERE_OFF(l->at),
			       r->delta, l->zsize))
			return -1;
		r->loaded = l->where;
	}
	p = r->delta;
	if (delta_size(&p, r->delta + l->zsize, src) ||
	    delta_size(&p, r->delta + l->zsize, dst))
		return -1;
	*ops = p;
	return 0;
}

/* The object at where, built: cached (*own NULL) or in *own, the
 * caller's. */
static int build(struct history_pack_reader *r, uint64_t where, size_t max,
		 int *type, const unsigned char **data, size_t *len,
		 unsigned char **own)
{
	size_t nr = 0, at, size, pk;
	const unsigned char *base = NULL;
	size_t base_len = 0;
	unsigned char *held = NULL;	/* base when not cached */
	uint64_t w = where;
	int t = 0;

	*own = NULL;
	r->loaded = HISTORY_PACK_NOWHERE;
	/* back along the chain to an object held or whole */
	for (;;) {
		struct entry *en = cache_get(r, w);
		const struct pack *p;
		struct link *l;

		if (en) {
			base = en->data;
			base_len = en->len;
			t = en->type;
			break;
		}
		pk = WHERE_PACK(w);
		if (pk >= r->ps->nr)
			return HISTORY_PACK_READ_FAILED;
		p = &r->ps->packs[pk];
		if (parse_header(p, (size_t)WHERE_OFF(w), &t, &size, &at))
			return HISTORY_PACK_READ_FAILED;
		if (t >= HISTORY_PACK_COMMIT && t <= HISTORY_PACK_TAG) {
			if (!nr && max && size > max) {
				*len = size;
				*type = t;
				return HISTORY_PACK_READ_TOO_LARGE;
			}
			if (!plausible(p, at, size) || !(held = room(size)))
				return HISTORY_PACK_READ_FAILED;
			if (inflate_at(r, pk, at, held, size)) {
				free(held);
				return HISTORY_PACK_READ_FAILED;
			}
			base = held;
			base_len = size;
			if (nr && !cache_put(r, w, held, size, t))
				held = NULL;
			break;
		}
		if (nr > 100000)
			return HISTORY_PACK_READ_FAILED;
		ALLOC_GROW(r->chain, nr, r->alloc_chain);
		l = &r->chain[nr++];
		l->where = w;
		if ((t != OBJ_OFS_DELTA && t != OBJ_REF_DELTA) ||
		    delta_base(r, pk, (size_t)WHERE_OFF(w), t, &at, &w))
			return HISTORY_PACK_READ_FAILED;
		l->at = (uint64_t)pk << 48 | at;
		l->zsize = size;
		if (nr == 1 && max) {
			/* the result's size first: a big one is not built */
			size_t src, dst;
			const unsigned char *ops;

			if (delta_load(r, l, &src, &dst, &ops))
				return HISTORY_PACK_READ_FAILED;
			if (dst > max) {
				*len = dst;
				*type = 0;	/* not known yet */
				return HISTORY_PACK_READ_TOO_LARGE;
			}
		}
	}
	/* forward: each delta on the object before it */
	while (nr) {
		const struct link *l = &r->chain[--nr];
		size_t src, dst;
		const unsigned char *ops;
		unsigned char *out;

		if (delta_load(r, l, &src, &dst, &ops) || src != base_len)
			goto fail;
		if (!(out = room(dst)))
			goto fail;
		if (delta_apply(base, base_len, ops, r->delta + l->zsize, out,
				dst)) {
			free(out);
			goto fail;
		}
		free(held);
		held = out;
		base = out;
		base_len = dst;
		if (nr && !cache_put(r, l->where, out, dst, t))
			held = NULL;
	}
	*type = t;
	*data = base;
	*len = base_len;
	*own = held;
	return HISTORY_PACK_READ_OK;
fail:
	free(held);
	return HISTORY_PACK_READ_FAILED;
}

int history_pack_reader_read(struct history_pack_reader *r, uint64_t where,
			     size_t max, int *type, const unsigned char **data,
			     size_t *len)
{
	unsigned char *own;
	int rc;

	free(r->last);
	r->last = NULL;
	rc = build(r, where, max, type, data, len, &own);
	if (rc != HISTORY_PACK_READ_OK)
		return rc;
	/* the object itself is kept too: a later one may be its delta */
	if (own && cache_put(r, where, own, *len, *type))
		r->last = own;
	return HISTORY_PACK_READ_OK;
}
