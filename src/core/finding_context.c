/* finding_context.c - production, test, example or docs, from the path;
 * see finding_context.h. Two tables: globs of a file's own name (the
 * most specific sign: "user_test.go", "README.md", ".env.example"), then
 * directory names, the deepest first ("docs/examples/x.py" is an
 * example, "examples/tests/x.py" a test). Nothing matching: production.
 */
#include "finding_context.h"

#include <fnmatch.h>
#include <string.h>
#include <strings.h>

#include "lib/glob.h"
#include "lib/strbuf.h"
#include "lib/strlist.h"

struct context_glob {
	const char *glob;
	enum finding_context ctx;
};

/* A file's base name, matched with its case: "*Test.java" must not take
 * "latest.java". */
static const struct context_glob file_globs[] = {
	/* tests, by the conventions of their frameworks */
	{ "*_test.*", CONTEXT_TEST },		/* Go, Ruby minitest, C */
	{ "*_tests.*", CONTEXT_TEST },		/* Rust, Python */
	{ "*-test.*", CONTEXT_TEST },
	{ "*.test.*", CONTEXT_TEST },		/* Jest, Vitest */
	{ "*.spec.*", CONTEXT_TEST },		/* Jasmine, Angular */
	{ "*_spec.*", CONTEXT_TEST },		/* RSpec */
	{ "test_*.*", CONTEXT_TEST },		/* pytest, Check */
	{ "conftest.py", CONTEXT_TEST },
	{ "*Test.java", CONTEXT_TEST },
	{ "*Tests.java", CONTEXT_TEST },
	{ "*Test.kt", CONTEXT_TEST },
	{ "*Tests.kt", CONTEXT_TEST },
	{ "*Spec.kt", CONTEXT_TEST },
	{ "*Spec.scala", CONTEXT_TEST },
	{ "*Spec.groovy", CONTEXT_TEST },
	{ "*Test.php", CONTEXT_TEST },
	{ "*Test.cs", CONTEXT_TEST },
	{ "*Tests.cs", CONTEXT_TEST },
	{ "*Tests.swift", CONTEXT_TEST },
	/* templates and samples of configuration */
	{ "*.example", CONTEXT_EXAMPLE },	/* .env.example */
	{ "*.sample", CONTEXT_EXAMPLE },
	{ "*.dist", CONTEXT_EXAMPLE },		/* config.php.dist */
	{ "*.template", CONTEXT_EXAMPLE },
	{ "*.tt", CONTEXT_EXAMPLE },		/* Thor/Rails generator templates */
	{ "*.example.*", CONTEXT_EXAMPLE },	/* config.example.yml */
	{ "*.sample.*", CONTEXT_EXAMPLE },
	{ "*.dist.*", CONTEXT_EXAMPLE },
	{ "*-example.*", CONTEXT_EXAMPLE },
	{ "*_example.*", CONTEXT_EXAMPLE },
	{ "example.*", CONTEXT_EXAMPLE },
	{ "example_*", CONTEXT_EXAMPLE },
	{ "sample.*", CONTEXT_EXAMPLE },
	/* documentation and man pages */
	{ "*.md", CONTEXT_DOCS },
	{ "*.markdown", CONTEXT_DOCS },
	{ "*.mdx", CONTEXT_DOCS },
	{ "*.rst", CONTEXT_DOCS },
	{ "*.adoc", CONTEXT_DOCS },
	{ "*.asciidoc", CONTEXT_DOCS },
	{ "*.texi", CONTEXT_DOCS },
	{ "*.texinfo", CONTEXT_DOCS },
	{ "*.pod", CONTEXT_DOCS },
	{ "*.[1-9]", CONTEXT_DOCS },		/* man pages */
	{ "*.man", CONTEXT_DOCS },
	{ "README", CONTEXT_DOCS },
	{ "README.*", CONTEXT_DOCS },
	{ "CHANGELOG*", CONTEXT_DOCS },
};

/* A directory's name, in any case ("Tests/", "__tests__/"). */
static const struct context_glob dir_globs[] = {
	{ "test", CONTEXT_TEST },
	{ "tests", CONTEXT_TEST },
	{ "testing", CONTEXT_TEST },
	{ "spec", CONTEXT_TEST },
	{ "specs", CONTEXT_TEST },
	{ "__tests__", CONTEXT_TEST },
	{ "__mocks__", CONTEXT_TEST },
	{ "__fixtures__", CONTEXT_TEST },
	{ "fixture", CONTEXT_TEST },
	{ "fixtures", CONTEXT_TEST },
	{ "testdata", CONTEXT_TEST },		/* Go */
	{ "test-data", CONTEXT_TEST },
	{ "test_data", CONTEXT_TEST },
	{ "testsuite", CONTEXT_TEST },
	{ "e2e", CONTEXT_TEST },
	{ "mocks", CONTEXT_TEST },
	{ "*_test", CONTEXT_TEST },
	{ "*_tests", CONTEXT_TEST },
	{ "*-test", CONTEXT_TEST },
	{ "*-tests", CONTEXT_TEST },
	{ "test_*", CONTEXT_TEST },
	{ "test-*", CONTEXT_TEST },
	{ "example", CONTEXT_EXAMPLE },
	{ "examples", CONTEXT_EXAMPLE },
	{ "sample", CONTEXT_EXAMPLE },
	{ "samples", CONTEXT_EXAMPLE },
	{ "demo", CONTEXT_EXAMPLE },
	{ "demos", CONTEXT_EXAMPLE },
	{ "example-*", CONTEXT_EXAMPLE },
	{ "example_*", CONTEXT_EXAMPLE },
	{ "*-example", CONTEXT_EXAMPLE },
	{ "*-examples", CONTEXT_EXAMPLE },
	{ "*_examples", CONTEXT_EXAMPLE },
	{ "doc", CONTEXT_DOCS },
	{ "docs", CONTEXT_DOCS },
	{ "documentation", CONTEXT_DOCS },
	{ "guides", CONTEXT_DOCS },
	{ "man", CONTEXT_DOCS },
	{ "manual", CONTEXT_DOCS },
	{ "wiki", CONTEXT_DOCS },
};

#define NR(a) (sizeof(a) / sizeof((a)[0]))

static int glob_of(const struct context_glob *t, size_t n, const char *name,
		   int flags, enum finding_context *out)
{
	for (size_t i = 0; i < n; i++)
		if (!fnmatch(t[i].glob, name, flags)) {
			*out = t[i].ctx;
			return 1;
		}
	return 0;
}

enum finding_context finding_context_of(const char *root, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	enum finding_context c = CONTEXT_PRODUCTION;
	char *base;

	if (root && *root && strcmp(root, ".") && root[0] != '/') {
		strbuf_addstr(&sb, root);
		strbuf_addch(&sb, '/');
	}
	strbuf_addstr(&sb, path ? path : "");
	base = strrchr(sb.buf, '/');
	base = base ? base + 1 : sb.buf;
	if (!glob_of(file_globs, NR(file_globs), base, 0, &c)) {
		/* directories, the deepest first */
		while (base > sb.buf) {
			char *dir;

			base[-1] = '\0';
			dir = strrchr(sb.buf, '/');
			dir = dir ? dir + 1 : sb.buf;
			if (*dir && glob_of(dir_globs, NR(dir_globs), dir,
					    FNM_CASEFOLD, &c))
				break;
			base = dir;
		}
	}
	strbuf_release(&sb);
	return c;
}

/* A run's globs first ("test=tests/..."), then the tables. An entry whose
 * name is not a context is passed over: the config reader refuses it. */
enum finding_context finding_context_with(const struct strlist *globs,
					  const char *root, const char *path)
{
	for (size_t i = 0; path && globs && i < globs->nr; i++) {
		const char *eq = strchr(globs->items[i], '=');
		char name[32];
		enum finding_context c;
		size_t n;

		if (!eq || (n = (size_t)(eq - globs->items[i])) >= sizeof(name))
			continue;
		memcpy(name, globs->items[i], n);
		name[n] = '\0';
		if (!finding_context_parse(name, &c) &&
		    glob_match(eq + 1, path))
			return c;
	}
	return finding_context_of(root, path);
}

static const char *const names[CONTEXT__COUNT] = {
	[CONTEXT_PRODUCTION] = "production",
	[CONTEXT_TEST] = "test",
	[CONTEXT_EXAMPLE] = "example",
	[CONTEXT_DOCS] = "docs",
};

/* Other spellings people write. */
static const struct {
	const char *name;
	enum finding_context ctx;
} aliases[] = {
	{ "tests", CONTEXT_TEST },
	{ "examples", CONTEXT_EXAMPLE },
	{ "doc", CONTEXT_DOCS },
};

const char *finding_context_name(enum finding_context c)
{
	return c < CONTEXT__COUNT ? names[c] : "production";
}

int finding_context_parse(const char *s, enum finding_context *out)
{
	for (int i = 0; i < CONTEXT__COUNT; i++)
		if (!strcasecmp(s, names[i])) {
			*out = (enum finding_context)i;
			return 0;
		}
	for (size_t i = 0; i < NR(aliases); i++)
		if (!strcasecmp(s, aliases[i].name)) {
			*out = aliases[i].ctx;
			return 0;
		}
	return -1;
}
