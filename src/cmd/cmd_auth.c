/* cmd_auth.c - `authaudit auth --config FILE`: probe live endpoints for
 * the documented 401/403 behaviour and the tokens their token endpoints
 * issue (auth_checks.c), with credentials from the environment or an
 * owner-only file. */
#include <curl/curl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "run.h"
#include "auth/auth_checks.h"
#include "auth/auth_config.h"
#include "core/rule_kind.h"

struct auth_opts {
	struct common_opts common;
	const char *config;
	const char *ca_file;
	struct strlist only;
};

static const struct cli_opt auth_table[] = {
	COMMON_CLI_OPTS(struct auth_opts, common),
	{ "config", 'c', CLI_STRING, offsetof(struct auth_opts, config),
	  "FILE", "the targets to probe (YAML; see docs/auth.md)" },
	{ "ca-file", 0, CLI_STRING, offsetof(struct auth_opts, ca_file),
	  "FILE", "trust this CA for targets without their own ca_file" },
	{ "target", 't', CLI_LIST, offsetof(struct auth_opts, only), "NAME",
	  "probe only this target (repeatable)" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] = "authaudit auth --config FILE [options]";
static const char description[] =
	"Check live that each target API behaves as its security document\n"
	"says: a control request with the valid credential first, then no\n"
	"credential, a random token, tampered / alg none / unsigned /\n"
	"expired JWTs, a missing Bearer prefix, missing ApiKey or Vista\n"
	"headers, scope and reCAPTCHA refusals, token expiry dates and\n"
	"lifetimes, and revocation on reissue. Credentials are sent over\n"
	"https only, to base_url's host and port only, never on redirects,\n"
	"never printed. Presto FI tokens are issued only with the target's\n"
	"allow_token_reissue; every token a run creates is listed in a\n"
	"notice (name and expiry). Exit status: 0 clean, 1 findings, 2\n"
	"usage or config error, 3 no target could be tested.";

static int selected(const struct auth_opts *o, const char *name)
{
	if (!o->only.nr)
		return 1;
	for (size_t i = 0; i < o->only.nr; i++)
		if (!strcmp(o->only.items[i], name))
			return 1;
	return 0;
}

int cmd_auth(int argc, char **argv)
{
	struct auth_opts o;
	struct strlist args = { 0 };
	struct ruleset rs = RULESET_INIT;
	struct auth_config cfg = { 0 };
	struct report r;
	struct err e = ERR_INIT;
	int rc, code = EXIT_USAGE, tested = 0;

	memset(&o, 0, sizeof(o));
	common_opts_init(&o.common);
	if (run_parse(auth_table, argc, argv, &o, &args, synopsis, description,
		      &code))
		goto out;
	if (!o.config || args.nr) {
		fputs("authaudit: auth takes --config FILE and no "
		      "arguments\n", stderr);
		goto out;
	}
	if (auth_config_load(&cfg, o.config, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	if (run_begin(&o.common, "auth", &rs, &r, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	r.stats.rules_loaded = ruleset_count_selected(&rs, r.profile,
						      RULE_TARGET_AUTH);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = 0;
	for (size_t i = 0; i < cfg.nr && rc >= 0; i++) {
		if (!selected(&o, cfg.targets[i].name))
			continue;
		rc = auth_run_target(&cfg.targets[i], o.ca_file, &rs, &r, &e);
		tested += rc > 0;
	}
	curl_global_cleanup();
	code = run_close(&o.common, &r, rc < 0, tested, &e);
out:
	auth_config_release(&cfg);
	ruleset_release(&rs);
	strlist_release(&args);
	strlist_release(&o.only);
	common_opts_release(&o.common);
	return code;
}
