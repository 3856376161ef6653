/* history_tips.c - the third stage of a history scan (history.h): which
 * (blob, path) pairs the scanned tips still hold, so each finding can say
 * whether its secret is still there or in history only. Every tip's
 * whole tree is read, but a subtree met again at the same path (most of
 * them, from one tip to the next) is entered once. */
#include <string.h>

#include "history_internal.h"
#include "lib/strbuf.h"

struct marker {
	struct history *h;
	struct history_map seen;	/* (tree, its path's name) */
	struct strbuf path;
};

static void mark_tree(struct marker *m, const git_tree *t)
{
	struct history_table *ht = &m->h->t;
	size_t base = m->path.len;

	for (size_t i = 0; i < git_tree_entrycount(t); i++) {
		const git_tree_entry *en = git_tree_entry_byindex(t, i);
		git_object_t type = git_tree_entry_type(en);
		const struct history_name *nm;
		git_tree *sub;
		uint32_t b;

		if (type != GIT_OBJECT_TREE && type != GIT_OBJECT_BLOB)
			continue;
		strbuf_setlen(&m->path, base);
		strbuf_addstr(&m->path, git_tree_entry_name(en));
		if (type == GIT_OBJECT_BLOB) {
			struct history_path *p;

			b = history_table_find_blob(ht, git_tree_entry_id(en));
			if (b == HISTORY_NONE)
				continue;
			nm = history_table_name(ht, m->path.buf, m->path.len);
			p = history_table_pair(ht, b, nm);
			if (p)
				p->at_tip = 1;
			continue;
		}
		nm = history_table_name(ht, m->path.buf, m->path.len);
		if (history_map_visit(&m->seen, git_tree_entry_id(en),
				      (uintptr_t)nm))
			continue;
		/* a missing tree was noticed by the walk, if it ran there */
		if (git_tree_lookup(&sub, m->h->repo, git_tree_entry_id(en)))
			continue;
		strbuf_addch(&m->path, '/');
		mark_tree(m, sub);
		git_tree_free(sub);
	}
	strbuf_setlen(&m->path, base);
}

void history_tips_mark(struct history *h)
{
	struct marker m = { h, { 0 }, STRBUF_INIT };

	history_map_init(&m.seen);
	for (size_t i = 0; i < h->nr_tips; i++) {
		uint32_t c = history_table_find_commit(&h->t, &h->tips[i].id);
		git_tree *tree;

		if (c == HISTORY_NONE ||
		    (h->t.commits[c].flags & HISTORY_COMMIT_MISSING) ||
		    history_map_visit(&m.seen, &h->t.commits[c].tree, 0))
			continue;
		if (git_tree_lookup(&tree, h->repo, &h->t.commits[c].tree))
			continue;
		strbuf_reset(&m.path);
		mark_tree(&m, tree);
		git_tree_free(tree);
	}
	history_map_release(&m.seen);
	strbuf_release(&m.path);
}
