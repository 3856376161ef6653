/* auth_cred.c - load the auth probes' credentials, refusing a credentials
 * file that anyone but its owner can read. See auth_cred.h. */
#include "auth_cred.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "lib/xalloc.h"

int auth_cred_mode_check(const char *path, const struct stat *st, uid_t uid,
			 struct err *e)
{
	if (!S_ISREG(st->st_mode))
		return err_set(e, "credentials file '%s' is not a regular "
			       "file", path);
	if (st->st_uid != uid)
		return err_set(e, "credentials file '%s' is owned by uid %u, "
			       "not by you (uid %u); refusing to use it",
			       path, (unsigned)st->st_uid, (unsigned)uid);
	if (st->st_mode & 077)
		return err_set(e, "credentials file '%s' has mode %04o: group "
			       "or others can access it; refusing to use it "
			       "(chmod 600 '%s')", path,
			       (unsigned)(st->st_mode & 07777), path);
	return 0;
}

static void put(struct auth_creds *c, const char *k, size_t kn,
		const char *v, size_t vn)
{
	struct kv *kv = NULL;

	for (size_t i = 0; i < c->items.nr; i++)
		if (strlen(c->items.items[i].key) == kn &&
		    !memcmp(c->items.items[i].key, k, kn))
			kv = &c->items.items[i];
	if (kv) {
		explicit_bzero(kv->value, strlen(kv->value));
		free(kv->value);
	} else {
		ALLOC_GROW(c->items.items, c->items.nr, c->items.alloc);
		kv = &c->items.items[c->items.nr++];
		kv->key = xstrndup(k, kn);
	}
	kv->value = xstrndup(v, vn);
}

/* `name: value` lines; a value may be quoted with ' or ". */
static int parse(struct auth_creds *c, const char *path, const char *buf,
		 size_t len, struct err *e)
{
	const char *p = buf, *end = buf + len;
	unsigned line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end, *colon, *v, *ve;

		line++;
		while (p < eol && isspace((unsigned char)*p))
			p++;
		ve = eol;
		while (ve > p && isspace((unsigned char)ve[-1]))
			ve--;
		if (p == ve || *p == '#') {
			p = eol + 1;
			continue;
		}
		colon = memchr(p, ':', (size_t)(ve - p));
		if (!colon || colon == p)
			return err_set_at(e, path, line, 1, "want 'name: "
					  "value'");
		v = colon + 1;
		while (v < ve && isspace((unsigned char)*v))
			v++;
		if (ve - v >= 2 && (*v == '"' || *v == '\'') &&
		    ve[-1] == *v) {
			v++;
			ve--;
		}
		put(c, p, (size_t)(colon - p), v, (size_t)(ve - v));
		p = eol + 1;
	}
	return 0;
}

static int load_file(struct auth_creds *c, const char *path,
		     struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char buf[4096];
	ssize_t n;
	int fd, rc;

	/* open first and check what was opened: no race with a rename */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "cannot open credentials file '%s': %s",
			       path, strerror(errno));
	if (fstat(fd, &st) ||
	    auth_cred_mode_check(path, &st, getuid(), e)) {
		if (!e->msg[0])
			err_set(e, "cannot stat '%s'", path);
		close(fd);
		return -1;
	}
	strbuf_setcap(&sb, 1 << 16);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (strbuf_add(&sb, buf, (size_t)n)) {
			close(fd);
			explicit_bzero(buf, sizeof(buf));
			return err_set(e, "credentials file '%s' is larger "
				       "than 64 KiB", path);
		}
	close(fd);
	explicit_bzero(buf, sizeof(buf));
	rc = parse(c, path, sb.buf, sb.len, e);
	explicit_bzero(sb.buf, sb.len);
	strbuf_release(&sb);
	return rc;
}

int auth_creds_load(struct auth_creds *c, const struct auth_target *t,
		    struct err *e)
{
	memset(c, 0, sizeof(*c));
	if (t->cred_file && load_file(c, t->cred_file, e))
		goto fail;
	for (size_t i = 0; i < t->cred_env.nr; i++) {
		const struct kv *kv = &t->cred_env.items[i];
		const char *v = getenv(kv->value);

		if (!v) {
			err_set(e, "target '%s': credential '%s': environment "
				"variable '%s' is not set", t->name, kv->key,
				kv->value);
			goto fail;
		}
		put(c, kv->key, strlen(kv->key), v, strlen(v));
	}
	return 0;
fail:
	auth_creds_release(c);
	return -1;
}

const char *auth_creds_get(const struct auth_creds *c, const char *name)
{
	for (size_t i = 0; i < c->items.nr; i++)
		if (!strcmp(c->items.items[i].key, name))
			return *c->items.items[i].value ?
			       c->items.items[i].value : NULL;
	return NULL;
}

void auth_creds_release(struct auth_creds *c)
{
	for (size_t i = 0; i < c->items.nr; i++) {
		explicit_bzero(c->items.items[i].value,
			       strlen(c->items.items[i].value));
		free(c->items.items[i].key);
		free(c->items.items[i].value);
	}
	free(c->items.items);
	memset(c, 0, sizeof(*c));
}
