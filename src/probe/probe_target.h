/* probe_target.h - the endpoints `authaudit probe` audits: URLs from the
 * command line or a targets file (one URL a line, or YAML with a profile
 * and plain-HTTP URL per target), parsed once into host, port and path.
 *
 *   targets:
 *     - url: https://api.example.test/api/fi/v1/accounts
 *       profile: presto-fi            # default: the run's --profile
 *       http_url: http://api.example.test/api/fi/v1/accounts
 *
 * Ownership: struct probe_targets owns every target and string;
 * probe_targets_release() frees them.
 */
#ifndef AUTHAUDIT_PROBE_TARGET_H
#define AUTHAUDIT_PROBE_TARGET_H

#include <stddef.h>

#include "lib/err.h"

struct shard;

struct probe_target {
	char *url;		/* as reported: scheme://host[:port]/path */
	char *host;		/* without IPv6 brackets */
	unsigned port;
	char *path;		/* "/" when none was given */
	int plain_only;		/* an http:// URL: only the plain-HTTP check */
	char *http_url;		/* where the plain-HTTP check goes */
	char *profile;		/* NULL: the run's --profile */
	char *file;		/* the targets file and line, for errors */
	unsigned line;
};

struct probe_targets {
	struct probe_target *items;
	size_t nr, alloc;
};

/* Parse one URL ("https://host:8443/x", "http://host/", "[::1]:8443",
 * a bare "host" means https://host/). The plain-HTTP check goes to
 * http_port on the same host unless the URL itself is http://. */
int probe_target_parse(struct probe_target *t, const char *spec,
		       unsigned http_port, struct err *e);
/* Append the targets of a file: YAML when its first significant line
 * is "targets:", else one URL a line (# comments). */
int probe_targets_load(struct probe_targets *ts, const char *path,
		       unsigned http_port, struct err *e);
/* Append one parsed URL. */
int probe_targets_add(struct probe_targets *ts, const char *spec,
		      unsigned http_port, struct err *e);
void probe_target_release(struct probe_target *t);
void probe_targets_release(struct probe_targets *ts);

/* "host" or "[v6]" for a URL authority. */
void probe_host_for_url(const char *host, char *out, size_t n);

/* Keep the targets of shard s only (in order); returns how many went. */
size_t probe_targets_shard(struct probe_targets *ts, const struct shard *s);

#endif
