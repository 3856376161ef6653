/* probe_target.c - parse probe targets from URLs and targets files (plain
 * lines, or YAML through libyaml's document API with keys from a table and
 * errors at file:line:col). See probe_target.h. */
#include "probe_target.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lib/shard.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "lib/yaml_doc.h"
#include "lib/yaml_map.h"

void probe_host_for_url(const char *host, char *out, size_t n)
{
	snprintf(out, n, strchr(host, ':') ? "[%s]" : "%s", host);
}

static int host_ok(const char *h, int v6)
{
	if (!*h)
		return 0;
	for (; *h; h++)
		if (!(isalnum((unsigned char)*h) || *h == '-' || *h == '.' ||
		      *h == '_' || (v6 && (*h == ':' || *h == '%'))))
			return 0;
	return 1;
}

/* Split "host[:port]" or "[v6][:port]" into t->host and t->port. */
static int parse_authority(struct probe_target *t, const char *a, size_t n,
			   unsigned def_port, struct err *e)
{
	const char *host = a, *colon = NULL;
	size_t hlen = n;
	char *end;
	long port = def_port;
	int v6 = 0;

	if (memchr(a, '@', n))
		return err_set(e, "'%.*s': no user:password@ in probe URLs "
			       "(the probe sends no credentials)", (int)n, a);
	if (n && a[0] == '[') {
		const char *close = memchr(a, ']', n);

		if (!close)
			return err_set(e, "'%.*s': unclosed '['", (int)n, a);
		host = a + 1;
		hlen = (size_t)(close - host);
		colon = close + 1 < a + n ? close + 1 : NULL;
		if (colon && *colon != ':')
			return err_set(e, "'%.*s': junk after ']'", (int)n,
				       a);
		v6 = 1;
	} else if ((colon = memchr(a, ':', n))) {
		hlen = (size_t)(colon - a);
	}
	if (colon) {
		char buf[8];
		size_t plen = (size_t)(a + n - colon - 1);

		if (!plen || plen >= sizeof(buf))
			return err_set(e, "'%.*s': bad port", (int)n, a);
		memcpy(buf, colon + 1, plen);
		buf[plen] = '\0';
		port = strtol(buf, &end, 10);
		if (*end || port < 1 || port > 65535)
			return err_set(e, "'%.*s': bad port '%s'", (int)n, a,
				       buf);
	}
	t->host = xstrndup(host, hlen);
	if (!host_ok(t->host, v6))
		return err_set(e, "'%.*s': not a host name or address",
			       (int)n, a);
	t->port = (unsigned)port;
	return 0;
}

int probe_target_parse(struct probe_target *t, const char *spec,
		       unsigned http_port, struct err *e)
{
	const char *rest = spec, *slash;
	char hostbuf[300];
	struct strbuf sb = STRBUF_INIT;
	int plain = 0;

	memset(t, 0, sizeof(*t));
	if (!strncmp(spec, "https://", 8)) {
		rest = spec + 8;
	} else if (!strncmp(spec, "http://", 7)) {
		rest = spec + 7;
		plain = 1;
	} else if (strstr(spec, "://")) {
		return err_set(e, "'%s': only https:// and http:// URLs",
			       spec);
	}
	slash = rest + strcspn(rest, "/?#");
	if (parse_authority(t, rest, (size_t)(slash - rest),
			    plain ? 80 : 443, e)) {
		probe_target_release(t);
		return -1;
	}
	t->path = xstrdup(*slash == '/' ? slash : "/");
	if (*slash && *slash != '/') {
		strbuf_addf(&sb, "/%s", slash);
		free(t->path);
		t->path = strbuf_detach(&sb, NULL);
	}
	t->plain_only = plain;
	probe_host_for_url(t->host, hostbuf, sizeof(hostbuf));
	strbuf_addf(&sb, "%s://%s", plain ? "http" : "https", hostbuf);
	if (t->port != (plain ? 80u : 443u))
		strbuf_addf(&sb, ":%u", t->port);
	strbuf_addstr(&sb, t->path);
	t->url = strbuf_detach(&sb, NULL);
	if (plain) {
		t->http_url = xstrdup(t->url);
	} else {
		strbuf_addf(&sb, "http://%s", hostbuf);
		if (http_port != 80)
			strbuf_addf(&sb, ":%u", http_port);
		strbuf_addstr(&sb, t->path);
		t->http_url = strbuf_detach(&sb, NULL);
	}
	return 0;
}

static struct probe_target *grow(struct probe_targets *ts)
{
	ALLOC_GROW(ts->items, ts->nr, ts->alloc);
	memset(&ts->items[ts->nr], 0, sizeof(ts->items[0]));
	return &ts->items[ts->nr++];
}

int probe_targets_add(struct probe_targets *ts, const char *spec,
		      unsigned http_port, struct err *e)
{
	struct probe_target t;

	if (probe_target_parse(&t, spec, http_port, e))
		return -1;
	*grow(ts) = t;
	return 0;
}

/* One URL a line; blank lines and # comments skipped. */
static int load_lines(struct probe_targets *ts, const char *path,
		      char *text, unsigned http_port, struct err *e)
{
	unsigned line = 0;
	char *save = NULL;
	struct err sub = ERR_INIT;

	for (char *l = strtok_r(text, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char *end;

		line++;
		while (isspace((unsigned char)*l))
			l++;
		end = l + strcspn(l, "#");
		while (end > l && isspace((unsigned char)end[-1]))
			end--;
		*end = '\0';
		if (!*l)
			continue;
		if (strpbrk(l, " \t"))
			return err_set_at(e, path, line, 1, "one URL a line "
					  "(YAML targets take a profile "
					  "each): '%s'", l);
		if (probe_targets_add(ts, l, http_port, &sub))
			return err_set_at(e, path, line, 1, "%s", sub.msg);
		ts->items[ts->nr - 1].line = line;
	}
	return 0;
}

/* One target's keys as written, before probe_targets_add() checks them. */
struct target_text {
	char *url, *profile, *http_url;
};

#define K(f) offsetof(struct target_text, f)
static const struct yaml_key target_keys[] = {
	{ "url", yaml_set_string, K(url), 1, NULL },
	{ "profile", yaml_set_string, K(profile), 0, NULL },
	{ "http_url", yaml_set_string, K(http_url), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef K

/* What the targets' setter fills (the reader's ctx). */
struct target_sink {
	struct probe_targets *ts;
	unsigned http_port;
};

static int add_target(struct yaml_reader *rd, yaml_node_t *m,
		      const struct target_text *tt)
{
	struct target_sink *sink = rd->ctx;
	struct probe_target *t;
	struct err sub = ERR_INIT;

	if (probe_targets_add(sink->ts, tt->url, sink->http_port, &sub))
		return yaml_reader_at(rd, m, "%s", sub.msg);
	t = &sink->ts->items[sink->ts->nr - 1];
	t->line = (unsigned)m->start_mark.line + 1;
	if (tt->profile)
		t->profile = xstrdup(tt->profile);
	if (tt->http_url) {
		if (strncmp(tt->http_url, "http://", 7))
			return yaml_reader_at(rd, m,
					      "http_url '%s' must be "
					      "http://",
					      tt->http_url);
		free(t->http_url);
		t->http_url = xstrdup(tt->http_url);
	}
	return 0;
}

static int load_yaml_target(struct yaml_reader *rd, yaml_node_t *m)
{
	struct target_text tt = { 0 };
	int rc;

	if (yaml_doc_scalar(m)) { /* "- https://..." is a target too */
		tt.url = (char *)yaml_doc_scalar(m);
		return add_target(rd, m, &tt);
	}
	if (m->type != YAML_MAPPING_NODE)
		return yaml_reader_at(rd, m, "%s",
				      "a target is a URL or a mapping");
	rc = yaml_map_read(rd, "a target", target_keys, &tt, m, NULL);
	if (!rc)
		rc = add_target(rd, m, &tt);
	free(tt.url);
	free(tt.profile);
	free(tt.http_url);
	return rc;
}

static int set_targets(struct yaml_reader *rd, const char *what,
		       const struct yaml_key *k, void *base, yaml_node_t *v)
{
	(void)what;
	(void)base;
	if (v->type != YAML_SEQUENCE_NODE)
		return yaml_reader_at(rd, v, "'%s' must be a list", k->name);
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top; it++)
		if (load_yaml_target(rd, yaml_reader_node(rd, *it)))
			return -1;
	return 0;
}

static const struct yaml_key root_keys[] = {
	{ "targets", set_targets, 0, 1, NULL }, { NULL, NULL, 0, 0, NULL }
};

static int load_yaml(struct probe_targets *ts, const char *path,
		     const char *text, size_t len, unsigned http_port,
		     struct err *e)
{
	yaml_document_t doc;
	struct target_sink sink = { ts, http_port };
	struct yaml_reader rd = {
		.doc = &doc, .file = path, .e = e, .ctx = &sink
	};
	yaml_node_t *root;
	int rc;

	if (yaml_doc_load(&doc, path, text, len, e))
		return -1;
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE)
		rc = err_set_at(e, path, 1, 1, "want a mapping with "
				"'targets'");
	else
		rc = yaml_map_read(&rd, "the targets file", root_keys, NULL,
				   root, NULL);
	yaml_document_delete(&doc);
	return rc;
}

static int is_yaml(const char *text)
{
	const char *l = text;

	while (*l) {
		l += strspn(l, " \t\r\n");
		if (*l != '#')
			break;
		l += strcspn(l, "\n");
	}
	return !strncmp(l, "targets:", 8);
}

int probe_targets_load(struct probe_targets *ts, const char *path,
		       unsigned http_port, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	size_t first = ts->nr;
	int rc;

	if (strbuf_read_file(&text, path, 16 << 20) < 0) {
		strbuf_release(&text);
		return err_set(e, "cannot read targets file '%s'", path);
	}
	if (is_yaml(text.buf))
		rc = load_yaml(ts, path, text.buf, text.len, http_port, e);
	else
		rc = load_lines(ts, path, text.buf, http_port, e);
	for (size_t i = first; i < ts->nr; i++)
		ts->items[i].file = xstrdup(path);
	strbuf_release(&text);
	return rc;
}

void probe_target_release(struct probe_target *t)
{
	free(t->url);
	free(t->host);
	free(t->path);
	free(t->http_url);
	free(t->profile);
	free(t->file);
	memset(t, 0, sizeof(*t));
}

void probe_targets_release(struct probe_targets *ts)
{
	for (size_t i = 0; i < ts->nr; i++)
		probe_target_release(&ts->items[i]);
	free(ts->items);
	memset(ts, 0, sizeof(*ts));
}

/* --shard (shard.h): a target's key is its endpoint, "https://host:port"
 * (host in lower case; "http://" for a plain-HTTP target), so every check
 * of one endpoint, and every endpoint of one host:port, is in one shard. */
#define PROBE_KEY_MAX 320

static void probe_target_key(const struct probe_target *t, char *out,
			     size_t n)
{
	char host[300];
	size_t i;

	probe_host_for_url(t->host, host, sizeof(host));
	for (i = 0; host[i]; i++)
		host[i] = (char)tolower((unsigned char)host[i]);
	snprintf(out, n, "%s://%s:%u", t->plain_only ? "http" : "https", host,
		 t->port);
}

size_t probe_targets_shard(struct probe_targets *ts, const struct shard *s)
{
	size_t keep = 0, nr = ts->nr;

	for (size_t i = 0; i < nr; i++) {
		char key[PROBE_KEY_MAX];

		probe_target_key(&ts->items[i], key, sizeof(key));
		if (shard_keeps(s, key))
			ts->items[keep++] = ts->items[i];
		else
			probe_target_release(&ts->items[i]);
	}
	ts->nr = keep;
	return nr - keep;
}
