/* history_staged.c - the index as a history scan's input (--staged, the
 * pre-commit hook): each entry whose blob differs from HEAD's at that
 * path is what the next commit would introduce. A repository without a
 * commit yet stages everything it holds. */
#include <string.h>

#include "history_internal.h"
#include "lib/strbuf.h"

/* One staged change: a regular file's new blob is scanned; a link or a
 * submodule is counted or noted, as in the walk. */
static void staged(struct history *h, const git_diff_delta *dd)
{
	const git_diff_file *nf = &dd->new_file;
	const struct history_name *nm = history_table_name(
		&h->t, nf->path, strlen(nf->path));
	struct strbuf where = STRBUF_INIT;

	/* an --exclude'd directory leaves out everything below it */
	for (const char *sl = strchr(nf->path, '/'); sl; sl = strchr(sl + 1,
								     '/'))
		if (!history_keeps(h, history_table_name(
				&h->t, nf->path, (size_t)(sl - nf->path)), 1))
			return;
	if (!history_keeps(h, nm, 0))
		return;
	switch (nf->mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		history_table_introduce(&h->t, &nf->id, nm, HISTORY_NONE);
		/* HEAD's version is scanned too, so that what it held
		 * already is not reported as the change's */
		if (dd->status == GIT_DELTA_MODIFIED &&
		    (dd->old_file.mode == GIT_FILEMODE_BLOB ||
		     dd->old_file.mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
		    !git_oid_equal(&dd->old_file.id, &nf->id))
			history_table_introduce(&h->t, &dd->old_file.id, nm,
						HISTORY_BASE);
		break;
	case GIT_FILEMODE_LINK:
		h->prep.stats.files_skipped_links++;
		break;
	case GIT_FILEMODE_COMMIT:
		h->facts->gitlinks++;
		report_file_path(h->root, nf->path, &where);
		report_add_notice(&h->prep, where.buf, "submodule (gitlink): "
				  "noted, not followed; scan its repository "
				  "on its own");
		break;
	default:
		break;
	}
	strbuf_release(&where);
}

void history_walk_staged(struct history *h)
{
	git_object *head = NULL;
	git_tree *tree = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	const git_error *ge;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	/* no HEAD yet (an unborn branch): everything staged is new */
	if (!git_revparse_single(&head, h->repo, "HEAD^{tree}"))
		tree = (git_tree *)head;
	if (git_repository_index(&index, h->repo) ||
	    git_diff_tree_to_index(&diff, h->repo, tree, index, &opts)) {
		ge = git_error_last();
		report_add_notice(&h->prep, h->facts->repository, "cannot "
				  "read the index: %s", ge && ge->message ?
				  ge->message : "unknown libgit2 error");
		goto out;
	}
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);

		if (dd->status == GIT_DELTA_CONFLICTED) {
			struct strbuf where = STRBUF_INIT;

			report_file_path(h->root, dd->new_file.path, &where);
			report_add_notice(&h->prep, where.buf, "unmerged "
					  "(a conflict): not scanned until "
					  "it is resolved and staged");
			strbuf_release(&where);
		} else if (dd->status != GIT_DELTA_DELETED) {
			staged(h, dd);
		}
	}
out:
	git_diff_free(diff);
	git_index_free(index);
	git_object_free(head);
}
