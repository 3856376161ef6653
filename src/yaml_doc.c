/* yaml_doc.c - YAML documents with errors as values; see yaml_doc.h. */
#include "yaml_doc.h"

#include <stdarg.h>
#include <stdio.h>

int yaml_doc_load(yaml_document_t *doc, const char *file, const char *text,
		  size_t len, struct err *e)
{
	yaml_parser_t parser;
	int rc = 0;

	if (!yaml_parser_initialize(&parser))
		return err_set(e, "%s: cannot set up the YAML parser", file);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
				     len);
	/* libyaml returns 1 for success; from here on 0 means success */
	if (!yaml_parser_load(&parser, doc)) {
		const yaml_mark_t *m = parser.problem_mark.line ||
				       parser.problem_mark.column ?
				       &parser.problem_mark :
				       &parser.context_mark;

		rc = err_set_at(e, file, (unsigned)m->line + 1,
				(unsigned)m->column + 1, "YAML: %s%s%s",
				parser.problem ? parser.problem :
				"syntax error",
				parser.context ? " " : "",
				parser.context ? parser.context : "");
	}
	yaml_parser_delete(&parser);
	return rc;
}

const char *yaml_doc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	       (const char *)n->data.scalar.value : NULL;
}

int yaml_doc_at(struct err *e, const char *file, const yaml_node_t *n,
		const char *fmt, ...)
{
	char msg[sizeof(e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set_at(e, file, n ? (unsigned)n->start_mark.line + 1 : 0,
			  n ? (unsigned)n->start_mark.column + 1 : 0, "%s",
			  msg);
}
