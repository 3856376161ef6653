/* cmd_probe.c - `authaudit probe URL... [--targets FILE]`: live endpoints
 * against the transport sections of the vendor documents (probe.h). */
#include <curl/curl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "run.h"
#include "lib/shard.h"
#include "probe/probe.h"

struct probe_cli {
	struct common_opts common;
	struct strlist targets;
	struct strlist resolve;
	const char *ca_file;
	const char *rate;
	const char *alt_ports;
	const char *shard;
	long timeout;
	long concurrency;
	long per_host;
	long http_port;
	int check_revocation;
};

static const struct cli_opt probe_table[] = {
	COMMON_CLI_OPTS(struct probe_cli, common),
	{ "targets", 'T', CLI_LIST, offsetof(struct probe_cli, targets),
	  "FILE", "endpoints: one URL a line, or YAML with a profile each "
	  "(repeatable)" },
	{ "ca-file", 0, CLI_STRING, offsetof(struct probe_cli, ca_file),
	  "PEM", "trust these roots (and know these intermediates) instead "
	  "of the system store" },
	{ "resolve", 0, CLI_LIST, offsetof(struct probe_cli, resolve),
	  "HOST:PORT:ADDR", "connect to ADDR for HOST:PORT, PORT * for every "
	  "port; pins HOST for every check (repeatable)" },
	{ "timeout", 0, CLI_SECONDS, offsetof(struct probe_cli, timeout),
	  "SECONDS", "per phase: connect, TLS answer, HTTP answer "
	  "(default 5)" },
	{ "concurrency", 'j', CLI_LONG,
	  offsetof(struct probe_cli, concurrency), "N",
	  "checks running at once (default 32)" },
	{ "per-host", 0, CLI_LONG, offsetof(struct probe_cli, per_host), "N",
	  "connections open at once to one host (default 8)" },
	{ "rate", 0, CLI_STRING, offsetof(struct probe_cli, rate), "N/s",
	  "new connections a second, all hosts together (default: no "
	  "limit)" },
	{ "http-port", 0, CLI_LONG, offsetof(struct probe_cli, http_port),
	  "PORT", "where the plain-HTTP check goes (default 80)" },
	{ "alt-ports", 0, CLI_STRING, offsetof(struct probe_cli, alt_ports),
	  "LIST", "ports that must not answer, e.g. 8443,8080, or 'none' "
	  "(default: the profile's alt_ports)" },
	{ "check-revocation", 0, CLI_BOOL,
	  offsetof(struct probe_cli, check_revocation), NULL,
	  "ask each certificate's own OCSP responder (or CRL) whether it "
	  "is revoked; a stapled OCSP answer is used when the server sends "
	  "one" },
	{ "shard", 0, CLI_STRING, offsetof(struct probe_cli, shard), "I/N",
	  "probe only shard I of N (1/3, 2/3, 3/3), split by endpoint "
	  "(scheme://host:port); 'authaudit merge' combines the reports" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char synopsis[] =
	"authaudit probe [options] URL... | --targets FILE";
static const char description[] =
	"Check live HTTPS endpoints against the transport sections of the\n"
	"vendor documents: SSLv3 to TLS 1.3 accepted or refused (from raw\n"
	"ClientHellos, so legacy versions get a true verdict), every\n"
	"certificate the server serves (trust, names, dates, key, signature,\n"
	"chain), weak cipher suites, forward secrecy and key-exchange groups,\n"
	"plain HTTP refused (only a dummy token is ever sent), the port\n"
	"itself and alternative ports closed, HSTS, and the protocol flaws\n"
	"(insecure or client renegotiation, compression, Heartbleed,\n"
	"TLS_FALLBACK_SCSV, ROBOT). Nothing but the endpoints named is\n"
	"contacted (and, with --check-revocation, the OCSP responder or CRL\n"
	"their certificates name). Exit status: 0 clean, 1 findings at or\n"
	"above --fail-on, 2 usage or config error, 3 no endpoint could be\n"
	"probed (with --shard: nor belongs to another shard).";

/* "50", "50/s", "2.5/s" -> connections a second. */
static int parse_rate(const char *s, double *out)
{
	char *end;

	*out = 0;
	if (!s)
		return 0;
	*out = strtod(s, &end);
	if (end == s || *out < 0 || (*end && strcmp(end, "/s")))
		return -1;
	return 0;
}

/* Numbers in range, the rate, the alternative ports. */
static int check_opts(struct probe_cli *o, struct probe_opts *po,
		      struct err *e)
{
	if (o->concurrency < 0 || o->concurrency > 1024)
		return err_set(e, "--concurrency takes 1 to 1024");
	if (o->per_host < 0 || o->per_host > 256)
		return err_set(e, "--per-host takes 1 to 256");
	if (o->http_port < 0 || o->http_port > 65535)
		return err_set(e, "--http-port takes 1 to 65535");
	if (parse_rate(o->rate, &po->rate))
		return err_set(e, "--rate takes connections a second, such "
			       "as 50/s, got '%s'", o->rate);
	if (o->alt_ports && parse_ports(o->alt_ports, NULL, 0) < 0)
		return err_set(e, "--alt-ports takes ports such as 8443,8080 "
			       "or 'none', got '%s'", o->alt_ports);
	po->ca_file = o->ca_file;
	po->timeout_ms = (o->timeout ? o->timeout : 5) * 1000;
	po->concurrency = o->concurrency ? (unsigned)o->concurrency : 32;
	po->per_host = o->per_host ? (unsigned)o->per_host : 8;
	po->resolve = &o->resolve;
	po->alt_ports = o->alt_ports;
	po->check_revocation = o->check_revocation;
	po->progress = !o->common.quiet && isatty(STDERR_FILENO);
	if (o->ca_file && access(o->ca_file, R_OK))
		return err_set(e, "cannot read CA file '%s'", o->ca_file);
	return 0;
}

static int load_targets(struct probe_cli *o, const struct strlist *urls,
			struct probe_targets *ts, struct err *e)
{
	unsigned http = o->http_port ? (unsigned)o->http_port : 80;

	for (size_t i = 0; i < urls->nr; i++)
		if (probe_targets_add(ts, urls->items[i], http, e))
			return -1;
	for (size_t i = 0; i < o->targets.nr; i++)
		if (probe_targets_load(ts, o->targets.items[i], http, e))
			return -1;
	if (!ts->nr)
		return err_set(e, "probe needs a URL or --targets FILE (see "
			       "'authaudit probe --help')");
	return 0;
}

/* Every target's profile exists; every rule the judge reports is loaded. */
static int check_rules(const struct ruleset *rs,
		       const struct probe_targets *ts, struct err *e)
{
	for (size_t i = 0; i < PR__COUNT; i++)
		if (!ruleset_find(rs, probe_rule_ids[i]))
			return err_set(e, "rule '%s' is not loaded (the probe "
				       "reports through it)",
				       probe_rule_ids[i]);
	for (size_t i = 0; i < ts->nr; i++) {
		const struct probe_target *t = &ts->items[i];

		if (t->profile && !ruleset_profile(rs, t->profile))
			return err_set_at(e, t->file ? t->file : "", t->line,
					  1, "target '%s': unknown profile "
					  "'%s'", t->url, t->profile);
	}
	return 0;
}

/* Keep this shard's targets (every target was checked first, whichever
 * shard it is in) and say how many are left to the others. */
static size_t keep_shard(struct probe_targets *ts, const struct shard *shard,
			 const char *name, struct report *r)
{
	char where[SHARD_NAME_MAX + 8];
	size_t others = probe_targets_shard(ts, shard);

	snprintf(where, sizeof(where), "shard %s", name);
	r->shard = name;
	r->stats.endpoints_skipped_shard = others;
	report_add_notice(r, where, "%zu endpoint%s of other shards not "
			  "probed here ('authaudit merge' combines the "
			  "shards' reports)", others, others == 1 ? "" : "s");
	return others;
}

int cmd_probe(int argc, char **argv)
{
	struct probe_cli o;
	struct probe_opts po = { 0 };
	struct strlist urls = { 0 };
	struct probe_targets ts = { 0 };
	struct shard shard;
	char shard_buf[SHARD_NAME_MAX];
	size_t others = 0;
	struct ruleset rs = RULESET_INIT;
	struct report r;
	struct err e = ERR_INIT;
	long probed;
	int code = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	common_opts_init(&o.common);
	if (run_parse(probe_table, argc, argv, &o, &urls, synopsis, description,
		      &code))
		goto out;
	if (shard_parse(o.shard, &shard, &e) || check_opts(&o, &po, &e) ||
	    load_targets(&o, &urls, &ts, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	shard_name(&shard, shard_buf, sizeof(shard_buf));
	if (run_begin(&o.common, "probe", &rs, &r, &e)) {
		err_print(&e, stderr);
		goto out;
	}
	if (check_rules(&rs, &ts, &e)) {
		err_print(&e, stderr);
		run_release(&r);
		goto out;
	}
	r.stats.rules_loaded = ruleset_count_selected(&rs, r.profile,
						      RULE_TARGET_ENDPOINT);
	if (shard.count)
		others = keep_shard(&ts, &shard, shard_buf, &r);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	probed = probe_run(&po, &rs, r.profile, &ts, &r, &e);
	curl_global_cleanup();
	/* exit status 3 only when no shard has an endpoint to probe */
	code = run_close(&o.common, &r, probed < 0, probed > 0 || others > 0,
			 &e);
out:
	probe_targets_release(&ts);
	ruleset_release(&rs);
	strlist_release(&urls);
	strlist_release(&o.targets);
	strlist_release(&o.resolve);
	common_opts_release(&o.common);
	return code;
}
