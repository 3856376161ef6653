/* run.c - what the reporting commands share: rules, profile, report
 * output and the exit code; see run.h. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "core/rule_kind.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "report/baseline.h"
#include "report/ignore.h"
#include "lib/secret_hash.h"
#include "report/report_format.h"

#ifndef AUTHAUDIT_RULES_DIR
#define AUTHAUDIT_RULES_DIR "/usr/local/share/authaudit/rules"
#endif

void common_opts_init(struct common_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->profile = "default";
	o->format = "text";
	o->fail_on = SEV_LOW;
}

void common_opts_release(struct common_opts *o)
{
	strlist_release(&o->rules_dirs);
	strlist_release(&o->contexts);
	strlist_release(&o->exclude_context);
}

static int is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

const char *run_builtin_rules_dir(void)
{
	static char found[PATH_MAX];
	static const char *const rel[] = {
		"rules", "../rules", "../share/authaudit/rules", NULL
	};
	const char *env = getenv("AUTHAUDIT_RULES");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n < PATH_MAX - 1 ? n : PATH_MAX - 1] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		for (size_t i = 0; rel[i]; i++) {
			char path[PATH_MAX + 64];

			snprintf(path, sizeof(path), "%s/%s", exe, rel[i]);
			if (is_dir(path) && realpath(path, found))
				return found;
		}
	}
	return AUTHAUDIT_RULES_DIR;
}

/* More than one error: each on stderr, and e says how many. */
static int rules_failed(const struct ruleset *rs, struct err *e)
{
	if (rs->errors.nr > 1) {
		for (size_t i = 0; i < rs->errors.nr; i++)
			err_print(&rs->errors.items[i], stderr);
		err_set(e, "%zu errors in the rules above; nothing was run",
			rs->errors.nr);
	}
	return -1;
}

int run_load_rules(const struct common_opts *o, struct ruleset *rs,
		   const struct profile **profile, struct err *e)
{
	struct err first = ERR_INIT;
	int bad = ruleset_load_dir(rs, run_builtin_rules_dir(), 0,
				   &first) != 0;

	/* every file is read so every error is told; validation needs
	 * them all loaded, or it would report the broken rules again */
	for (size_t i = 0; i < o->rules_dirs.nr; i++) {
		struct err one = ERR_INIT;

		if (ruleset_load_dir(rs, o->rules_dirs.items[i], 1, &one) &&
		    !bad) {
			first = one;
			bad = 1;
		}
	}
	if (bad || ruleset_validate(rs, &first)) {
		*e = first;
		return rules_failed(rs, e);
	}
	*profile = ruleset_profile(rs, o->profile);
	if (!*profile) {
		struct strbuf names = STRBUF_INIT;

		for (size_t i = 0; i < rs->nr_profiles; i++)
			strbuf_addf(&names, "%s%s", i ? ", " : "",
				    rs->profiles[i]->name);
		err_set(e, "unknown profile '%s' (known: %s)", o->profile,
			names.len ? names.buf : "none");
		strbuf_release(&names);
		return -1;
	}
	return 0;
}

static void run_prepare_report(const struct common_opts *o,
			       struct report *r)
{
	const char *nc = getenv("NO_COLOR");

	r->fail_on = o->fail_on;
	r->show_secrets = o->show_secrets;
	/* colour only for a terminal, never with NO_COLOR or to a file */
	r->color = !o->no_color && !(nc && *nc) && !o->output &&
		   isatty(STDOUT_FILENO);
}

/* --format, --output and --output-dir agree: several formats need a
 * directory, and a report goes to a file or a directory, not both. */
static int check_format(const struct common_opts *o, struct err *e)
{
	const struct report_format *fmts[REPORT_FORMATS_MAX];
	size_t nr;

	if (report_formats_parse(o->format, fmts, &nr, e))
		return -1;
	if (o->output && o->output_dir)
		return err_set(e, "--output and --output-dir exclude each "
			       "other");
	if (nr > 1 && !o->output_dir)
		return err_set(e, "several formats (%s) need --output-dir",
			       o->format);
	return 0;
}

/* What run_begin() checks before the run, kept until the report is
 * written: the --output file, open but not yet written (removed again if
 * the run fails before its report), and the --baseline, loaded. */
struct run_state {
	FILE *out;
	char *out_path;
	int out_created;
	struct baseline *baseline;
	struct ignore_list ignore;	/* the ignore file, allow.paths */
	int ignoring;			/* ignore holds something to apply */
	int baseline_checked;		/* --baseline loaded or missing-ok */
};

static struct run_state *run_state(struct report *r)
{
	if (!r->run)
		r->run = xcalloc(1, sizeof(*r->run));
	return r->run;
}

void run_release(struct report *r)
{
	struct run_state *s = r->run;

	if (s) {
		if (s->out) {
			/* the run failed before its report: leave no empty
			 * file */
			fclose(s->out);
			if (s->out_created)
				unlink(s->out_path);
		}
		free(s->out_path);
		if (s->baseline) {
			baseline_release(s->baseline);
			free(s->baseline);
		}
		ignore_release(&s->ignore);
		free(s);
		r->run = NULL;
	}
	report_release(r);
}

/* Open --output before the run, so that a path that cannot be written
 * fails at once, not after a whole scan. The file is not truncated until
 * the report is written: it may be the --baseline too, and a run that
 * fails leaves it as it was (and one it created is removed again). */
static int open_output(const char *path, struct report *r, struct err *e)
{
	struct run_state *s = run_state(r);
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY |
			  O_CLOEXEC, 0666);
		s->out_created = fd >= 0;
		if (fd < 0 && errno == EEXIST)	/* a link to nothing yet */
			fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY |
				  O_CLOEXEC, 0666);
	}
	if (fd >= 0)
		s->out = fdopen(fd, "w");
	if (!s->out) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		if (s->out_created)
			unlink(path);
		s->out_created = 0;
		return err_set(e, "cannot write '%s': %s", path,
			       strerror(saved));
	}
	s->out_path = xstrdup(path);
	return 0;
}

/* --baseline-missing-ok and a baseline that is not there yet: the first
 * run of a pipeline; nothing to suppress, and a notice says why. */
static int baseline_missing(const struct common_opts *o, struct report *r)
{
	struct stat st;

	if (!(o->baseline_missing_ok || o->update_baseline) ||
	    !stat(o->baseline, &st) || errno != ENOENT)
		return 0;
	report_add_notice(r, o->baseline, "baseline does not exist yet; "
			  "treated as empty (%s)", o->update_baseline ?
			  "--update-baseline writes it" :
			  "--baseline-missing-ok");
	return 1;
}

static int load_baseline(const struct common_opts *o,
			 const struct ruleset *rs, struct report *r,
			 struct err *e)
{
	struct run_state *s = run_state(r);
	const char *path = o->baseline;

	s->baseline_checked = 1;
	if (baseline_missing(o, r))
		return 0;
	s->baseline = xcalloc(1, sizeof(*s->baseline));
	if (baseline_load(s->baseline, path, rs, e)) {
		free(s->baseline);
		s->baseline = NULL;
		return -1;
	}
	return 0;
}

/* The output file: opened by run_begin(), else now. Emptied only here,
 * when the report is ready to go into it. */
static FILE *output(const struct common_opts *o, struct report *r,
		    struct err *e)
{
	struct stat st;
	FILE *out;

	if (!(r->run && r->run->out) && o->output &&
	    open_output(o->output, r, e))
		return NULL;
	out = r->run->out;
	r->run->out = NULL;	/* written from here on: it stays */
	if (!fstat(fileno(out), &st) && S_ISREG(st.st_mode) &&
	    ftruncate(fileno(out), 0)) {
		err_set(e, "cannot write '%s': %s", o->output,
			strerror(errno));
		fclose(out);
		return NULL;
	}
	return out;
}

/* --update-baseline: the run's findings (after the ignore file, before
 * the old baseline takes any away) as a JSON report beside the baseline,
 * renamed over it in one step: a reader sees the old file or the new,
 * never half of one. No secret and no notice goes in. */
static int write_baseline(const struct common_opts *o, struct report *r,
			  struct err *e)
{
	const struct report_format *fmts[REPORT_FORMATS_MAX];
	struct strbuf tmp = STRBUF_INIT;
	struct report_view v;
	size_t nr, notices = r->nr_notices;
	int show = r->show_secrets, rc, fd;
	FILE *out;

	if (report_formats_parse("json", fmts, &nr, e))
		return -1;
	strbuf_addf(&tmp, "%s.tmp-%ld", o->baseline, (long)getpid());
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		rc = err_set(e, "cannot write baseline '%s': %s", tmp.buf,
			     strerror(errno));
		if (fd >= 0)
			close(fd);
		strbuf_release(&tmp);
		return rc;
	}
	finding_list_sort(&r->findings);
	r->show_secrets = 0;
	r->nr_notices = 0;
	report_view_init(&v, r);
	rc = fmts[0]->write(out, &v, e);
	report_view_release(&v);
	r->nr_notices = notices;
	r->show_secrets = show;
	if ((fflush(out) || fsync(fileno(out))) && !rc)
		rc = err_set(e, "cannot write baseline '%s': %s", tmp.buf,
			     strerror(errno));
	if (fclose(out) && !rc)
		rc = err_set(e, "cannot write baseline '%s': %s", tmp.buf,
			     strerror(errno));
	if (!rc && rename(tmp.buf, o->baseline))
		rc = err_set(e, "cannot replace baseline '%s': %s",
			     o->baseline, strerror(errno));
	if (rc)
		unlink(tmp.buf);
	else
		report_add_notice(r, o->baseline, "baseline updated: %zu "
				  "findings", r->findings.nr);
	strbuf_release(&tmp);
	return rc;
}

int run_finish_report(const struct common_opts *o, struct report *r,
		      struct err *e)
{
	const struct report_format *fmts[REPORT_FORMATS_MAX];
	struct report_view v;
	size_t nr;
	FILE *out = stdout;
	int rc;

	if (check_format(o, e) || report_formats_parse(o->format, fmts, &nr,
						       e))
		return -1;
	if (o->baseline && !(r->run && r->run->baseline_checked) &&
	    load_baseline(o, r->rules, r, e))
		return -1;
	/* the config's contexts: before the built-in path table, so the
	 * ignore file, the baseline and --exclude-context see the same */
	finding_list_set_contexts(&r->findings, &o->contexts);
	if (r->run && r->run->ignoring)
		ignore_apply(&r->run->ignore, r);
	if (o->update_baseline && write_baseline(o, r, e))
		return -1;
	if (r->rules) {
		struct context_policy cp;

		if (run_context_policy(o, r->rules, r->profile, &cp, e))
			return -1;
		r->stats.suppressed_context +=
			context_policy_apply(&cp, &r->findings);
	}
	if (r->run && r->run->baseline) {
		baseline_apply(r->run->baseline, r);
		baseline_release(r->run->baseline);
		free(r->run->baseline);
		r->run->baseline = NULL;
	}
	finding_list_sort(&r->findings);
	if (o->output_dir)
		return report_write_set(r, fmts, nr, o->output_dir,
					"authaudit", e);
	if (o->output) {
		out = output(o, r, e);
		if (!out)
			return -1;
	}
	report_view_init(&v, r);
	rc = fmts[0]->write(out, &v, e);
	report_view_release(&v);
	if (fflush(out) && !rc)
		rc = err_set(e, "cannot write report: %s", strerror(errno));
	if (out != stdout && fclose(out) && !rc)
		rc = err_set(e, "cannot write '%s': %s", o->output,
			     strerror(errno));
	return rc;
}

/* The ignore file (--ignore-file, else the root's .authauditignore
 * when there is one) and the config's allow.paths, kept for the end. */
static int load_ignore(const struct common_opts *o, struct report *r,
		       struct err *e)
{
	struct run_state *s = run_state(r);
	struct strbuf dflt = STRBUF_INIT;
	const char *path = o->ignore_file;
	struct stat st;
	int rc = 0;

	if (!path && o->root && *o->root && !stat(o->root, &st) &&
	    S_ISDIR(st.st_mode)) {
		strbuf_addf(&dflt, "%s%s%s", o->root,
			    o->root[strlen(o->root) - 1] == '/' ? "" : "/",
			    IGNORE_FILE_NAME);
		if (!stat(dflt.buf, &st))
			path = dflt.buf;
	}
	s->ignore.paths = o->allow_paths;
	if (path)
		rc = ignore_load(&s->ignore, path, e);
	s->ignoring = !rc && (s->ignore.fingerprints.nr || o->allow_paths);
	strbuf_release(&dflt);
	return rc;
}

int run_hash_key(struct report *r, const char *config_file, struct err *e)
{
	struct strbuf notice = STRBUF_INIT;
	int rc = secret_hash_setup(config_file, &notice, e);

	if (!rc && notice.len)
		report_add_notice(r, "hash key", "%s", notice.buf);
	strbuf_release(&notice);
	return rc;
}

int run_begin(const struct common_opts *o, const char *command,
	      struct ruleset *rs, struct report *r, struct err *e)
{
	const struct profile *p;

	report_init(r, command);
	if (o->update_baseline && !o->baseline) {
		run_release(r);
		return err_set(e, "--update-baseline needs --baseline FILE "
			       "(or 'baseline' in the config)");
	}
	if (o->update_baseline && o->output && !strcmp(o->output,
						       o->baseline)) {
		run_release(r);
		return err_set(e, "--update-baseline writes '%s': the report "
			       "needs another --output", o->baseline);
	}
	/* everything the options name is checked before the run starts:
	 * a bad format, output or baseline must not cost a whole scan */
	if (check_format(o, e) ||
	    /* HOOK: .authaudit.yaml's hash_key_file goes here */
	    run_hash_key(r, NULL, e) ||
	    (o->output_dir && report_dir_prepare(o->output_dir, e)) ||
	    (o->output && open_output(o->output, r, e)) ||
	    run_load_rules(o, rs, &p, e) ||
	    run_context_policy(o, rs, p, &(struct context_policy){ 0 }, e) ||
	    (o->baseline && load_baseline(o, rs, r, e)) ||
	    load_ignore(o, r, e)) {
		run_release(r);
		return -1;
	}
	for (size_t i = 0; o->allow_values && i < o->allow_values->nr; i++)
		strlist_push(&rs->allow.values, o->allow_values->items[i]);
	r->rules = rs;
	r->profile = p;
	for (size_t i = 0; i < rs->ignored.nr; i++)
		report_add_notice(r, rs->ignored.items[i], "not a rule file "
				  "(rule files end in .yaml or .yml); not "
				  "loaded");
	for (size_t i = 0; i < rs->notices.nr; i++)
		report_add_notice(r, "rules", "%s", rs->notices.items[i]);
	run_prepare_report(o, r);
	clock_gettime(CLOCK_REALTIME, &r->start);
	return 0;
}

static int run_end(const struct common_opts *o, struct report *r,
		   struct err *e)
{
	clock_gettime(CLOCK_REALTIME, &r->end);
	return run_finish_report(o, r, e);
}

int run_parse(const struct cli_opt *table, int argc, char **argv,
	      void *dst, struct strlist *args, const char *synopsis,
	      const char *description, int *code)
{
	struct err e = ERR_INIT;
	int rc = cli_parse(table, argc, argv, dst, args, synopsis,
			   description, &e);

	if (rc < 0)
		err_print(&e, stderr);
	*code = rc > 0 ? EXIT_CLEAN : EXIT_USAGE;
	return rc;
}

int run_close(const struct common_opts *o, struct report *r, int failed,
	      int did, struct err *e)
{
	int code;

	if (failed || run_end(o, r, e)) {
		err_print(e, stderr);
		code = EXIT_USAGE;
	} else {
		code = did ? run_exit_code(r) : EXIT_NOTHING;
	}
	run_release(r);
	return code;
}

int run_exit_code(const struct report *r)
{
	return report_count_failing(r) ? EXIT_FINDINGS : EXIT_CLEAN;
}
