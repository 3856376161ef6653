/* auth_body.h - request templates of the auth config: a body or header
 * value with credential placeholders, `{{name}}` (name: a credential of
 * the target, [A-Za-z_][A-Za-z0-9_]*), checked when the config is loaded
 * and filled in only when a request is sent. Each value is escaped for
 * where it stands: inside a JSON string, in a form field, or as it is.
 *
 * Ownership: out buffers are the caller's; the filled-in text holds
 * credentials, so callers wipe it (explicit_bzero) before releasing it.
 */
#ifndef AUTHAUDIT_AUTH_BODY_H
#define AUTHAUDIT_AUTH_BODY_H

#include <stddef.h>

#include "lib/err.h"
#include "lib/strbuf.h"

enum auth_body_kind {
	AUTH_BODY_RAW,		/* values as they are */
	AUTH_BODY_JSON,		/* JSON text: values escaped for a string */
	AUTH_BODY_FORM,		/* x-www-form-urlencoded: values %-encoded */
};

/* The placeholder the reseller token request's body may hold for the
 * scopes asked for (a space-separated list); not a credential. */
#define AUTH_SCOPE_PLACEHOLDER "scope"

/* 0 when every "{{" of tpl opens a well-formed placeholder; -1 with e
 * saying which does not. */
int auth_template_check(const char *tpl, struct err *e);
/* The name of the first placeholder of tpl from *pos on, into name (at
 * most n bytes); *pos moves past it. 0, or -1 when there is none. */
int auth_template_next(const char *tpl, size_t *pos, char *name, size_t n);

/* Append s to out as a form field value (or name): unreserved bytes as
 * they are, every other byte %XX. */
void auth_form_escape(struct strbuf *out, const char *s);

/* Look a placeholder's value up: NULL when there is none. */
typedef const char *(*auth_lookup_fn)(void *ctx, const char *name);

/* out = tpl with each placeholder replaced by lookup's value, escaped as
 * kind wants. -1 when a placeholder has no value, with its name in
 * missing (at most n bytes); out is then wiped and emptied. */
int auth_template_fill(const char *tpl, enum auth_body_kind kind,
		       auth_lookup_fn lookup, void *ctx, struct strbuf *out,
		       char *missing, size_t n);

#endif
