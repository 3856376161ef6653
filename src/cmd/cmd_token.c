/* cmd_token.c - `authaudit token [TOKEN | - | @FILE]`: explain credentials
 * (JWT, Presto token, reseller ApiKey) and report what breaks the
 * profile's token guidelines as token.* findings. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "run.h"
#include "core/rule_kind.h"
#include "lib/strbuf.h"
#include "token/token_explain.h"
#include "token/token_inspect.h"

struct token_opts {
	struct common_opts common;
	const char *wordlist;
	int no_wordlist;
};

static const struct cli_opt token_table[] = {
	COMMON_CLI_OPTS(struct token_opts, common),
	{ "wordlist", 'w', CLI_STRING, offsetof(struct token_opts, wordlist),
	  "FILE", "also try these HMAC secrets (one per line)" },
	{ "no-wordlist", 0, CLI_BOOL,
	  offsetof(struct token_opts, no_wordlist), NULL,
	  "do not try the bundled list of weak secrets" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit token [options] [TOKEN | - | @FILE]";
static const char description[] =
	"Explain a credential and check it against the profile: for a JWT\n"
	"its header, claims, times (UTC and relative to now), lifetime\n"
	"against max_token_lifetime, alg none, a missing exp, claims the\n"
	"profile expects, expiry, and an HS256/384/512 secret found in a\n"
	"list of weak secrets; Presto tokens and reseller ApiKeys by format\n"
	"and checksum. '-' reads tokens from standard input and @FILE from a\n"
	"file, one per line. Tokens and secrets are redacted unless\n"
	"--show-secrets. In the text format an explanation block precedes\n"
	"the findings on standard output (not with --output).";

#define TOKEN_INPUT_MAX (1U << 20)

static int load_words(const struct token_opts *o, struct strbuf *words,
		      struct report *r, struct err *e)
{
	const char *bundled;
	size_t n;

	if (!o->no_wordlist) {
		if (kind_jwt_wordlist(r->rules, &bundled, &n))
			report_add_notice(r, "rules", "no rule names a word "
					  "list of weak JWT secrets");
		else
			strbuf_add(words, bundled, n);
		strbuf_addch(words, '\n');
	}
	if (o->wordlist &&
	    strbuf_read_file(words, o->wordlist, 64 * TOKEN_INPUT_MAX) < 0)
		return err_set(e, "cannot read word list '%s': %s",
			       o->wordlist, strerror(errno));
	return 0;
}

/* Judge one token; its explanation goes to expl. */
static void one(struct token_ctx *c, const char *text, size_t len,
		const struct common_opts *o, struct report *r,
		struct strbuf *expl)
{
	struct token_verdict v;
	char why[sizeof(v.decode_error) + 64];

	token_inspect(c, text, len, &v);
	if (!v.len) {
		token_verdict_release(&v);
		return;
	}
	if (token_verdict_problem(&v, why, sizeof(why)))
		report_add_notice(r, c->where, "line %u: %s", c->line, why);
	token_verdict_findings(c, &v, &r->findings);
	token_explain(c, &v, o->show_secrets, expl);
	token_verdict_release(&v);
}

static int read_input(const char *arg, struct strbuf *in, const char **where,
		      struct err *e)
{
	if (!strcmp(arg, "-")) {
		char buf[4096];
		size_t n;

		*where = "stdin";
		strbuf_setcap(in, TOKEN_INPUT_MAX);
		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
			if (strbuf_add(in, buf, n))
				return err_set(e, "standard input is larger "
					       "than 1 MiB");
		return 0;
	}
	if (arg[0] == '@') {
		*where = arg + 1;
		if (strbuf_read_file(in, arg + 1, TOKEN_INPUT_MAX) < 0)
			return err_set(e, "cannot read '%s': %s", arg + 1,
				       strerror(errno));
		return 0;
	}
	*where = "argument";
	strbuf_addstr(in, arg);
	return 0;
}

static int run(struct token_opts *o, const char *arg, struct report *r,
	       struct ruleset *rs, const struct profile *profile,
	       struct err *e)
{
	struct strbuf words = STRBUF_INIT, in = STRBUF_INIT;
	struct strbuf expl = STRBUF_INIT;
	struct token_ctx c = { 0 };
	const char *p, *end;
	int rc = -1;

	if (load_words(o, &words, r, e) || read_input(arg, &in, &c.where, e))
		goto out;
	c.rs = rs;
	c.profile = profile;
	c.now = time(NULL);
	c.wordlist = words.buf;
	c.wordlist_len = words.len;
	report_add_target(r, c.where, RULE_TARGET_TOKEN, NULL);
	for (p = in.buf, end = in.buf + in.len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		c.line++;
		one(&c, p, (size_t)(eol - p), &o->common, r, &expl);
		p = eol + 1;
	}
	if (!strcmp(o->common.format, "text") && !o->common.output &&
	    !o->common.output_dir &&
	    expl.len)
		fwrite(expl.buf, 1, expl.len, stdout);
	rc = 0;
out:
	strbuf_release(&words);
	strbuf_release(&in);
	strbuf_release(&expl);
	return rc;
}

int cmd_token(int argc, char **argv)
{
	struct token_opts o;
	struct strlist args = { 0 };
	struct ruleset rs = RULESET_INIT;
	struct report r;
	struct err e = ERR_INIT;
	int rc, code = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	common_opts_init(&o.common);
	if (run_parse(token_table, argc, argv, &o, &args, synopsis, description,
		      &code))
		goto out;
	if (args.nr > 1) {
		fputs("authaudit: token takes one TOKEN, - or @FILE\n",
		      stderr);
		goto out;
	}
	if (run_begin(&o.common, "token", &rs, &r, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	r.stats.rules_loaded = ruleset_count_selected(&rs, r.profile,
						      RULE_TARGET_TOKEN);
	rc = run(&o, args.nr ? args.items[0] : "-", &r, &rs, r.profile, &e);
	code = run_close(&o.common, &r, rc != 0, 1, &e);
out:
	ruleset_release(&rs);
	strlist_release(&args);
	common_opts_release(&o.common);
	return code;
}
