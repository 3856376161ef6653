/* test_yaml_map.c - the table-driven reader of YAML mappings: each
 * shared setter on good and bad values, unknown, repeated and missing
 * keys, nested tables, value nodes handed back, errors at the node. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "lib/strlist.h"
#include "lib/yaml_doc.h"
#include "lib/yaml_map.h"

struct inner {
	char *host;
	long timeout;
};

struct outer {
	char *name, *path, *date;
	struct strlist tags, words;
	int on;
	long count;
	struct inner in;
};

#define I(f) offsetof(struct inner, f)
static const struct yaml_key inner_keys[] = {
	{ "host", yaml_set_string, I(host), 1, NULL },
	{ "timeout", yaml_set_seconds, I(timeout), 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
#undef I

#define O(f) offsetof(struct outer, f)
static const struct yaml_key outer_keys[] = {
	{ "name", yaml_set_string, O(name), 1, NULL },
	{ "path", yaml_set_path, O(path), 0, NULL },
	{ "date", yaml_set_date, O(date), 0, NULL },
	{ "tags", yaml_set_strlist, O(tags), 0, NULL },
	{ "words", yaml_set_words, O(words), 0, NULL },
	{ "on", yaml_set_bool, O(on), 0, NULL },
	{ "count", yaml_set_count, O(count), 0, NULL },
	{ "inner", yaml_set_map, O(in), 0, inner_keys },
	{ "old", yaml_set_gone, 0, 0, "is now 'name'" },
	{ NULL, NULL, 0, 0, NULL }
};
#undef O

static void outer_release(struct outer *o)
{
	free(o->name);
	free(o->path);
	free(o->date);
	free(o->in.host);
	strlist_release(&o->tags);
	strlist_release(&o->words);
	memset(o, 0, sizeof(*o));
}

/* Read text through outer_keys; the error (if any) into e. */
static int read_text(const char *text, struct outer *o, struct err *e,
		     yaml_node_t **nodes)
{
	yaml_document_t doc;
	struct yaml_reader rd = { .doc = &doc, .file = "t.yaml",
				  .dir = "conf/", .e = e };
	int rc;

	memset(o, 0, sizeof(*o));
	if (yaml_doc_load(&doc, "t.yaml", text, strlen(text), e))
		return -1;
	rc = yaml_map_read(&rd, "the test", outer_keys, o,
			   yaml_document_get_root_node(&doc), nodes);
	if (nodes)	/* the nodes die with the document: keep lines */
		for (size_t i = 0; i < yaml_map_count(outer_keys); i++)
			nodes[i] = nodes[i] ? (yaml_node_t *)(uintptr_t)
				   (nodes[i]->start_mark.line + 1) : NULL;
	yaml_document_delete(&doc);
	return rc;
}

START_TEST(test_every_setter)
{
	struct outer o;
	struct err e = ERR_INIT;

	ck_assert_int_eq(read_text("name: a\npath: keys/x.pem\n"
				   "date: 2027-05-01\ntags: [x, y]\n"
				   "words: 'read write'\non: yes\ncount: 7\n"
				   "inner: { host: h, timeout: 2m }\n",
				   &o, &e, NULL), 0);
	ck_assert_str_eq(o.name, "a");
	ck_assert_str_eq(o.path, "conf/keys/x.pem");
	ck_assert_str_eq(o.date, "2027-05-01");
	ck_assert_uint_eq(o.tags.nr, 2);
	ck_assert_str_eq(o.tags.items[1], "y");
	ck_assert_uint_eq(o.words.nr, 2);
	ck_assert_str_eq(o.words.items[0], "read");
	ck_assert_int_eq(o.on, 1);
	ck_assert_int_eq(o.count, 7);
	ck_assert_str_eq(o.in.host, "h");
	ck_assert_int_eq(o.in.timeout, 120);
	outer_release(&o);
}
END_TEST

START_TEST(test_one_scalar_is_a_list)
{
	struct outer o;
	struct err e = ERR_INIT;

	ck_assert_int_eq(read_text("name: a\ntags: only\n", &o, &e, NULL), 0);
	ck_assert_uint_eq(o.tags.nr, 1);
	ck_assert_str_eq(o.tags.items[0], "only");
	outer_release(&o);
}
END_TEST

START_TEST(test_nodes_handed_back)
{
	struct outer o;
	struct err e = ERR_INIT;
	yaml_node_t *nodes[16];

	ck_assert_int_eq(read_text("count: 1\nname: a\n", &o, &e, nodes), 0);
	ck_assert_ptr_eq(nodes[0], (yaml_node_t *)(uintptr_t)2);	/* name */
	ck_assert_ptr_eq(nodes[6], (yaml_node_t *)(uintptr_t)1);	/* count */
	ck_assert_ptr_null(nodes[1]);					/* path */
	outer_release(&o);
}
END_TEST

/* Each wrong config: the words the error must hold, and where. */
static const struct {
	const char *yaml, *want;
	unsigned line, col;
} bad[] = {
	{ "name: a\ncolour: red\n",
	  "the test: unknown key 'colour' (known: name, path, date, tags, "
	  "words, on, count, inner)", 2, 1 },
	{ "name: a\nname: b\n", "the test: key 'name' given twice", 2, 1 },
	{ "path: x\n", "the test: missing required key 'name'", 1, 1 },
	{ "name: [a]\n", "the test: 'name' must be a string", 1, 7 },
	{ "name: a\npath: ''\n", "'path' takes a single value", 2, 7 },
	{ "name: a\ndate: 05/01/2027\n",
	  "'date' takes a date YYYY-MM-DD, not '05/01/2027'", 2, 7 },
	{ "name: a\ndate: 2027-13-01\n", "takes a date YYYY-MM-DD", 2, 7 },
	{ "name: a\ntags: [x, [y]]\n", "'tags' must be a list of strings", 2,
	  11 },
	{ "name: a\nwords: [read, 'no way']\n", "each without spaces", 2, 15 },
	{ "name: a\non: maybe\n", "'on' must be true or false", 2, 5 },
	{ "name: a\ncount: -1\n", "'count' takes a whole number, not '-1'", 2,
	  8 },
	{ "name: a\ncount: 3x\n", "'count' takes a whole number", 2, 8 },
	{ "name: a\ninner: { timeout: 5s }\n",
	  "the test: missing required key 'host'", 2, 8 },
	{ "name: a\ninner: { host: h, timeout: 0s }\n",
	  "'timeout' takes a duration above 0", 2, 28 },
	{ "name: a\ninner: [h]\n", "the test: expected a mapping", 2, 8 },
	{ "name: a\nold: x\n", "the test: 'old' is now 'name'", 2, 6 },
	{ "[1, 2]\n", "the test: expected a mapping", 1, 1 },
};

START_TEST(test_bad_rows)
{
	struct outer o;
	struct err e = ERR_INIT;

	ck_assert_int_eq(read_text(bad[_i].yaml, &o, &e, NULL), -1);
	ck_assert_msg(strstr(e.msg, bad[_i].want), "row %d: '%s'", _i, e.msg);
	ck_assert_str_eq(e.file, "t.yaml");
	ck_assert_uint_eq(e.line, bad[_i].line);
	ck_assert_uint_eq(e.col, bad[_i].col);
	outer_release(&o);
}
END_TEST

START_TEST(test_gone_key_not_offered)
{
	struct outer o;
	struct err e = ERR_INIT;

	ck_assert_int_eq(read_text("nam: a\n", &o, &e, NULL), -1);
	ck_assert_ptr_null(strstr(e.msg, "old"));
	outer_release(&o);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("yaml_map");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, test_every_setter);
	tcase_add_test(tc, test_one_scalar_is_a_list);
	tcase_add_test(tc, test_nodes_handed_back);
	tcase_add_loop_test(tc, test_bad_rows, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_gone_key_not_offered);
	suite_add_tcase(s, tc);
	return s;
}
