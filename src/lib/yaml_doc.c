/* yaml_doc.c - YAML documents with errors as values; see yaml_doc.h. */
#include "yaml_doc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int parser_open(yaml_parser_t *parser, const char *file,
		       const char *text, size_t len, struct err *e)
{
	if (!yaml_parser_initialize(parser))
		return err_set(e, "%s: cannot set up the YAML parser", file);
	yaml_parser_set_input_string(parser, (const unsigned char *)text,
				     len);
	return 0;
}

/* The next document of the stream into doc; at the end of the stream a
 * document without a root node. libyaml returns 1 for success; from here
 * on 0 means success. */
static int parser_next(yaml_parser_t *parser, yaml_document_t *doc,
		       const char *file, struct err *e)
{
	const yaml_mark_t *m;

	if (yaml_parser_load(parser, doc))
		return 0;
	m = parser->problem_mark.line || parser->problem_mark.column ?
	    &parser->problem_mark : &parser->context_mark;
	return err_set_at(e, file, (unsigned)m->line + 1,
			  (unsigned)m->column + 1, "YAML: %s%s%s",
			  parser->problem ? parser->problem : "syntax error",
			  parser->context ? " " : "",
			  parser->context ? parser->context : "");
}

int yaml_doc_load(yaml_document_t *doc, const char *file, const char *text,
		  size_t len, struct err *e)
{
	yaml_parser_t parser;
	yaml_document_t next;
	int rc;

	if (parser_open(&parser, file, text, len, e))
		return -1;
	rc = parser_next(&parser, doc, file, e);
	if (!rc && yaml_document_get_root_node(doc)) {
		/* a reader that takes one document must not drop a second */
		if (parser_next(&parser, &next, file, e)) {
			rc = -1;
		} else {
			yaml_node_t *n = yaml_document_get_root_node(&next);

			if (n)
				rc = yaml_doc_at(e, file, n, "a second YAML "
						 "document: this file holds "
						 "one");
			yaml_document_delete(&next);
		}
		if (rc)
			yaml_document_delete(doc);
	}
	yaml_parser_delete(&parser);
	return rc;
}

int yaml_doc_each(const char *file, const char *text, size_t len,
		  int (*fn)(yaml_document_t *doc, void *ctx), void *ctx,
		  struct err *e)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	int rc = 0;

	if (parser_open(&parser, file, text, len, e))
		return -1;
	while (!rc) {
		if (parser_next(&parser, &doc, file, e)) {
			rc = -1;
			break;
		}
		if (!yaml_document_get_root_node(&doc)) {
			yaml_document_delete(&doc);	/* end of stream */
			break;
		}
		rc = fn(&doc, ctx);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return rc;
}

const char *yaml_doc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	       (const char *)n->data.scalar.value : NULL;
}

int yaml_doc_vat(struct err *e, const char *file, const yaml_node_t *n,
		 const char *fmt, va_list ap)
{
	char msg[sizeof(e->msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return err_set_at(e, file, n ? (unsigned)n->start_mark.line + 1 : 0,
			  n ? (unsigned)n->start_mark.column + 1 : 0, "%s",
			  msg);
}

int yaml_doc_at(struct err *e, const char *file, const yaml_node_t *n,
		const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = yaml_doc_vat(e, file, n, fmt, ap);
	va_end(ap);
	return rc;
}

char *yaml_doc_path(const char *dir, const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	if (value[0] != '/')
		strbuf_addstr(&sb, dir);
	strbuf_addstr(&sb, value);
	return strbuf_detach(&sb, NULL);
}

int yaml_doc_load_file(yaml_document_t *doc, const char *path,
		       const char *what, struct strbuf *dir, struct err *e)
{
	struct strbuf text = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	int rc;

	if (strbuf_read_file(&text, path, 1 << 20) < 0) {
		strbuf_release(&text);
		return err_set(e, "cannot read %s '%s': %s", what, path,
			       strerror(errno));
	}
	if (slash)
		strbuf_add(dir, path, (size_t)(slash - path) + 1);
	rc = yaml_doc_load(doc, path, text.buf, text.len, e);
	strbuf_release(&text);
	if (rc)
		strbuf_release(dir);
	return rc;
}
