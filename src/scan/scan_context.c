/* scan_context.c - a rule's context words near its match; see
 * scan_context.h. Only matches of rules with `context:` come here, so a
 * plain search of a few hundred bytes each is cheap. */
#include "scan_context.h"

#include <fnmatch.h>
#include <string.h>
#include <strings.h>

static int alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static int lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Is there a word boundary between x and y: not two letters or digits,
 * or a camelCase step (gasHeaders, myVista)? */
static int boundary(char x, char y)
{
	return !alnum(x) || !alnum(y) || (lower(x) && upper(y));
}

/* word, whole, in any case, in buf[a..b) (of a buffer of len bytes:
 * the bytes beside the region still count as its neighbours). */
static int has_word(const char *buf, size_t len, size_t a, size_t b,
		    const char *word)
{
	size_t w = strlen(word);

	if (!w)
		return 0;
	for (size_t i = a; i + w <= b; i++) {
		if (strncasecmp(buf + i, word, w))
			continue;
		if ((i > 0 && !boundary(buf[i - 1], buf[i])) ||
		    (i + w < len && !boundary(buf[i + w - 1], buf[i + w])))
			continue;
		return 1;
	}
	return 0;
}

int scan_context_near(const struct rule *r, const char *buf, size_t len,
		      size_t start, size_t end)
{
	size_t win = r->context_window ? r->context_window :
		     RULE_CONTEXT_WINDOW;
	size_t a = start > win ? start - win : 0;
	size_t b = len - end > win ? end + win : len;

	for (size_t i = 0; i < r->context.nr; i++)
		if (has_word(buf, len, a, b, r->context.items[i]))
			return 1;
	return 0;
}

/* Directories of translations (any case) and files that are one. */
static const char *const translation_dirs[] = {
	"i18n", "l10n", "locale", "locales", "lang", "langs", "languages",
	"translations", "translation",
};
static const char *const translation_files[] = {
	"*.po", "*.pot", "*.xliff", "*.xlf", "*.arb", "*.resx", "*.strings",
	"messages_*.properties", "strings.xml",
};

#define NR(a) (sizeof(a) / sizeof((a)[0]))

int scan_translation_file(const char *path)
{
	const char *base = strrchr(path, '/'), *at = path;

	base = base ? base + 1 : path;
	for (size_t i = 0; i < NR(translation_files); i++)
		if (!fnmatch(translation_files[i], base, 0))
			return 1;
	while (at < base) {
		const char *slash = strchr(at, '/');
		size_t len = (size_t)(slash - at);

		for (size_t i = 0; i < NR(translation_dirs); i++)
			if (strlen(translation_dirs[i]) == len &&
			    !strncasecmp(at, translation_dirs[i], len))
				return 1;
		at = slash + 1;
	}
	return 0;
}
