/* cli.c - table-driven option parsing; see cli.h. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/duration.h"

#define FIELD(dst, off, type) ((type *)(void *)((char *)(dst) + (off)))

int cli_parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v, mul = 1;

	if (!*s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case '\0': break;
	case 'k': mul = 1ULL << 10; end++; break;
	case 'm': mul = 1ULL << 20; end++; break;
	case 'g': mul = 1ULL << 30; end++; break;
	default: return -1;
	}
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end || (v && mul > ~0ULL / v))
		return -1;
	*out = v * mul;
	return 0;
}

static const struct cli_opt *find_long(const struct cli_opt *t,
				       const char *name, size_t len)
{
	for (; t->name; t++)
		if (strlen(t->name) == len && !strncmp(t->name, name, len))
			return t;
	return NULL;
}

static const struct cli_opt *find_short(const struct cli_opt *t, char c)
{
	for (; t->name; t++)
		if (t->shortname && t->shortname == c)
			return t;
	return NULL;
}

static int set_opt(const struct cli_opt *o, const char *arg, void *dst,
		   struct err *e)
{
	char *end;
	long l;

	switch (o->type) {
	case CLI_BOOL:
		*FIELD(dst, o->offset, int) = 1;
		return 0;
	case CLI_STRING:
		*FIELD(dst, o->offset, const char *) = arg;
		return 0;
	case CLI_LIST:
		strlist_push(FIELD(dst, o->offset, struct strlist), arg);
		return 0;
	case CLI_LONG:
		errno = 0;
		l = strtol(arg, &end, 10);
		if (errno || end == arg || *end || l < 0)
			return err_set(e, "option '--%s' needs a whole number, "
				       "got '%s'", o->name, arg);
		*FIELD(dst, o->offset, long) = l;
		return 0;
	case CLI_SIZE:
		if (cli_parse_size(arg, FIELD(dst, o->offset,
					      unsigned long long)))
			return err_set(e, "option '--%s' needs a size such as "
				       "10M, got '%s'", o->name, arg);
		return 0;
	case CLI_SECONDS:
		if (parse_duration(arg, FIELD(dst, o->offset, long)))
			return err_set(e, "option '--%s' needs a duration "
				       "such as 10 or 30s, got '%s'",
				       o->name, arg);
		return 0;
	case CLI_SEVERITY:
		if (severity_gate_parse(arg, FIELD(dst, o->offset,
						     enum severity)))
			return err_set(e, "option '--%s' needs one of info, "
				       "low, medium, high, critical, never; "
				       "got '%s'", o->name, arg);
		return 0;
	case CLI_HELP:
		return 0;
	}
	return 0;
}

static void cli_usage(FILE *out, const char *synopsis,
		      const char *description, const struct cli_opt *table)
{
	fprintf(out, "usage: %s\n", synopsis);
	if (description)
		fprintf(out, "\n%s\n", description);
	fputs("\noptions:\n", out);
	for (; table->name; table++) {
		char left[64];
		int n;

		if (table->shortname)
			n = snprintf(left, sizeof(left), "-%c, --%s",
				     table->shortname, table->name);
		else
			n = snprintf(left, sizeof(left), "    --%s",
				     table->name);
		if (table->meta && n > 0 && (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - (size_t)n, " %s",
				 table->meta);
		fprintf(out, "  %-28s %s\n", left, table->help);
	}
}

int cli_parse(const struct cli_opt *table, int argc, char **argv, void *dst,
	      struct strlist *positional, const char *synopsis,
	      const char *description, struct err *e)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		const struct cli_opt *o;

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				strlist_push(positional, argv[i]);
			break;
		}
		if (a[0] != '-' || !a[1]) {
			strlist_push(positional, a);
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			o = find_long(table, a + 2, n);
			if (!o)
				return err_set(e, "unknown option '%.*s' (see "
					       "--help)", (int)n + 2, a);
			if (eq)
				val = eq + 1;
		} else {
			o = find_short(table, a[1]);
			if (!o)
				return err_set(e, "unknown option '-%c' (see "
					       "--help)", a[1]);
			if (a[2])
				val = a + 2;
		}
		if (o->type == CLI_HELP) {
			cli_usage(stdout, synopsis, description, table);
			return 1;
		}
		if (o->type == CLI_BOOL) {
			if (val)
				return err_set(e, "option '--%s' takes no "
					       "value", o->name);
		} else if (!val) {
			if (i + 1 >= argc)
				return err_set(e, "option '--%s' needs a value "
					       "(%s)", o->name,
					       o->meta ? o->meta : "arg");
			val = argv[++i];
		}
		if (set_opt(o, val, dst, e))
			return -1;
	}
	return 0;
}

