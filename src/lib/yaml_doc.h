/* yaml_doc.h - libyaml's document API at our boundary, for every YAML
 * reader (rule files, the auth config, probe targets): load a text into a
 * document with errors as values (0 / -1, file:line:column, where libyaml
 * itself says 1 for success), and the node helpers they all need.
 *
 * Ownership: after yaml_doc_load() returns 0 the caller owns doc and frees
 * it with yaml_document_delete(); after -1 there is nothing to free.
 * yaml_doc_each() owns each document and deletes it after the callback.
 */
#ifndef AUTHAUDIT_YAML_DOC_H
#define AUTHAUDIT_YAML_DOC_H

#include <stdarg.h>
#include <stddef.h>
#include <yaml.h>

#include "err.h"
#include "strbuf.h"

/* Parse text (named file in errors) into doc. The text holds one
 * document: a second one (after `---`) is an error at its position, never
 * ignored. An empty text gives a document without a root node. */
int yaml_doc_load(yaml_document_t *doc, const char *file, const char *text,
		  size_t len, struct err *e);
/* yaml_doc_at() with a va_list: what each reader's own at() calls. */
int yaml_doc_vat(struct err *e, const char *file, const yaml_node_t *n,
		 const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
/* A path a config names: as it is when absolute, else under dir (the
 * config's, from yaml_doc_load_file()). The caller frees it. */
char *yaml_doc_path(const char *dir, const char *value);
/* yaml_doc_load() of the file at path (at most 1 MiB; what is called
 * `what` in the error when it cannot be read), with dir set to the file's
 * directory and a trailing '/' ("" for a bare name), for the relative
 * paths a config names. On failure dir is released. */
int yaml_doc_load_file(yaml_document_t *doc, const char *path,
		       const char *what, struct strbuf *dir, struct err *e);
/* Call fn on every document of text in turn (none for an empty text);
 * stop at the first YAML error or the first fn that returns -1. */
int yaml_doc_each(const char *file, const char *text, size_t len,
		  int (*fn)(yaml_document_t *doc, void *ctx), void *ctx,
		  struct err *e);
/* A scalar node's text; NULL for any other node, or for NULL. */
const char *yaml_doc_scalar(const yaml_node_t *n);
/* Set e to the message at n's position in file; returns -1. */
int yaml_doc_at(struct err *e, const char *file, const yaml_node_t *n,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
