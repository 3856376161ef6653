/* repo_config.h - the repository config, `.authaudit.yaml` in the scanned
 * root (docs/config.md): the settings a team keeps beside its code
 * (profile, excludes, allow-list, its own rules, fail-on, format,
 * baseline, ignore file, contexts), read through one table of keys by
 * lib/yaml_map.c and laid under the command line, which wins.
 *
 * Ownership: a repo_config owns every string and list in it;
 * repo_config_release() frees them. repo_config_apply() lends its
 * strings to the options, so the config outlives them.
 */
#ifndef AUTHAUDIT_REPO_CONFIG_H
#define AUTHAUDIT_REPO_CONFIG_H

#include <stdio.h>

#include "run.h"
#include "lib/err.h"
#include "lib/strbuf.h"
#include "lib/strlist.h"

#define REPO_CONFIG_NAME ".authaudit.yaml"

struct repo_allow {
	struct strlist paths;		/* globs: findings there are dropped */
	struct strlist values;		/* secrets never reported */
};

struct repo_config {
	char *file;			/* the file read */
	long version;			/* 1 (the only one so far) */
	char *profile;
	char *rules_dir;		/* relative to the config's folder */
	struct strlist excludes;
	struct repo_allow allow;
	char *fail_on;			/* checked: a severity or never */
	char *format;			/* checked: report format names */
	char *baseline;			/* a path, as rules_dir */
	int baseline_missing_ok;
	char *ignore_file;		/* a path, as rules_dir */
	struct strlist contexts;	/* "NAME=GLOB", in file order */
	unsigned profile_line, profile_col;	/* for a profile not known */
	unsigned rules_line, rules_col;		/* for a folder not there */
};

/* Read path into c (zeroed first). Every error of the file goes to
 * errors (file:line:column each); returns -1 when there was any. */
int repo_config_load(struct repo_config *c, const char *path,
		     struct err_list *errors);
/* The config of a scan root: path set to ROOT/.authaudit.yaml when that
 * file exists (1), else 0. A root that is a file has none. */
int repo_config_find(const char *root, struct strbuf *path);
/* Lay c under the options (before the command line is parsed onto
 * them): strings are lent, lists copied. excludes may be NULL. */
void repo_config_apply(const struct repo_config *c, struct common_opts *o,
		       struct strlist *excludes);
void repo_config_release(struct repo_config *c);

/* A commented config holding every key (what `config init` writes). */
extern const char repo_config_template[];

#endif
