/* audit_config.h - what a scheduled audit runs, from one YAML file
 * (docs/audit.md):
 *
 *   name: acme-payments            # shown in reports
 *   profile: default               # for entries that name none
 *   output_dir: reports            # default: reports beside this file
 *   formats: [json, html, sarif, junit, markdown]   # json always
 *   keep: 90                       # runs kept (0: every run)
 *   sources:
 *     - path: ../src
 *       profile: presto-vendor
 *       exclude: ['*.min.js', vendor]
 *   history:                       # git history (docs/history.md)
 *     - path: ../src               # a repository; every ref, or
 *       branch: [main]             # only what these reach
 *   endpoints:
 *     - url: https://api.example.test/
 *       profile: presto-fi
 *       http_url: http://api.example.test/      # optional
 *   probe: { ca_file: ca.pem, timeout: 5s, resolve: [host:443:127.0.0.1] }
 *   tokens:
 *     - file: tokens/vista.jwt     # one token a line
 *       profile: vista-integration
 *     - env: PRESTO_TOKEN          # a token in the environment
 *     - name: Presto production token   # an opaque token's known expiry
 *       expires: 2027-01-05
 *   auth: auth-targets.yaml        # live auth checks (docs/auth.md)
 *
 * Relative paths are taken from the config file's directory, so a cron
 * job runs the same audit from anywhere. Unknown keys are errors at
 * file:line:column.
 *
 * Ownership: struct audit_config owns every string; audit_config_release()
 * frees them.
 */
#ifndef AUTHAUDIT_AUDIT_CONFIG_H
#define AUTHAUDIT_AUDIT_CONFIG_H

#include <stddef.h>

#include "auth/auth_config.h"
#include "lib/err.h"
#include "lib/strlist.h"

/* A source tree, or (history:) a repository whose history is scanned. */
struct audit_source {
	char *path;
	char *profile;			/* NULL: the audit's profile */
	struct strlist exclude;
	struct strlist branch;		/* history: --branch; empty: all */
};

struct audit_endpoint {
	char *url;
	char *profile;
	char *http_url;
	unsigned line;			/* in the config, for errors */
};

struct audit_token {
	char *file;			/* one of file, env, name */
	char *env;
	char *name;
	char *expires;			/* name: YYYY-MM-DD */
	char *profile;
	unsigned line;
};

struct audit_config {
	char *file;			/* the config, as given */
	char *name;
	char *profile;
	char *output_dir;
	struct strlist formats;
	long keep;
	struct audit_source *sources;
	size_t nr_sources, alloc_sources;
	struct audit_source *history;
	size_t nr_history, alloc_history;
	struct audit_endpoint *endpoints;
	size_t nr_endpoints, alloc_endpoints;
	char *ca_file;
	long timeout;			/* seconds; 0: the probe's default */
	struct strlist resolve;
	struct audit_token *tokens;
	size_t nr_tokens, alloc_tokens;
	char *auth_file;		/* auth: the auth config, loaded */
	struct auth_config auth;
};

int audit_config_load(struct audit_config *c, const char *path,
		      struct err *e);
void audit_config_release(struct audit_config *c);

#endif
