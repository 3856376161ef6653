/* walk_ignore.h - git's ignore rules for the walk of a work tree: every
 * .gitignore on the way, .git/info/exclude and core.excludesFile (the
 * global excludes), as libgit2 reads them, so the walk skips what `git
 * status` does not show.
 *
 * A root outside any git work tree (or in a bare repository) has no
 * rules. A root that is itself ignored, named by the user, is walked as
 * if it had none. A tracked file is never ignored (git's rule: ignore
 * patterns apply to untracked files only), and an ignored directory that
 * holds tracked files is entered, its untracked entries judged one by
 * one.
 * Ownership: a walk_ignore owns its repository and index handles;
 * walk_ignore_release() frees them. One thread uses it at a time. */
#ifndef AUTHAUDIT_WALK_IGNORE_H
#define AUTHAUDIT_WALK_IGNORE_H

struct walk_ignore;

/* The rules for the directory root (as given): NULL when none apply (no
 * work tree, a bare repository, an ignored root, libgit2 failing). */
struct walk_ignore *walk_ignore_open(const char *root);
/* Is rel (below the root, "a/b") ignored? is_dir: it is a directory
 * (then 1 only when nothing tracked is below it). */
int walk_ignore_check(struct walk_ignore *wi, const char *rel, int is_dir);
/* How many of those paths libgit2 judged: the others no rule's text
 * could match (walk_ignore.c), and they were answered 0 at once. */
unsigned long walk_ignore_asked(const struct walk_ignore *wi);
void walk_ignore_free(struct walk_ignore *wi);

#endif
