/* test_scan_run.c - the threaded scan (scan_run.c) over walks of real
 * trees in /tmp:
 *  - a tree with secrets planted at known places, a file across a piece
 *    boundary and one of each thing the walk or the reader passes over
 *    (binary, too large, excluded, VCS, symlink, FIFO, unreadable): the
 *    planted findings exactly, the exact counts and the one notice, with
 *    1 thread and with 4;
 *  - seeded random trees under two roots with the built-in rules: 1
 *    thread, 4 threads and the reference engine (every pattern on every
 *    line) give the same findings, counts and notices;
 *  - --shard 1/3..3/3 of that tree: each finding in its own shard, the
 *    shards' findings and counts add up to the whole run's, and each
 *    says how many files it left to the others;
 *  - a root with nothing readable: 0 and a notice saying so; a shard
 *    whose share is empty is not that.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check_main.h"
#include "core/report.h"
#include "core/rule.h"
#include "core/rule_kind.h"
#include "lib/secret_hash.h"
#include "lib/shard.h"
#include "lib/strbuf.h"
#include "scan/scan.h"
#include "scan/scan_read.h"
#include "scan/scan_run.h"

static char top[64], base[96];	/* top: the run's; base: a test's */

static void rm_tree(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null; "
		 "rm -rf '%s'", path, path);
	ck_assert_int_eq(system(cmd), 0);
}

/* Once in the runner: what a failed test leaves is removed here. */
static void setup_run(void)
{
	snprintf(top, sizeof(top), "/tmp/authaudit-scanrun-%d",
		 (int)getpid());
	rm_tree(top);
	ck_assert_int_eq(mkdir(top, 0700), 0);
}

static void teardown_run(void)
{
	rm_tree(top);
}

static void setup(void)
{
	snprintf(base, sizeof(base), "%s/%d", top, (int)getpid());
	rm_tree(base);
	ck_assert_int_eq(mkdir(base, 0700), 0);
}

static void teardown(void)
{
	rm_tree(base);
}

static void at(const char *rel, struct strbuf *path)
{
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", base, rel);
}

/* base/rel holding len bytes of data, the directories on the way made. */
static void put(const char *rel, const char *data, size_t len)
{
	struct strbuf path = STRBUF_INIT;
	FILE *f;

	at(rel, &path);
	for (char *p = path.buf + strlen(base) + 1; (p = strchr(p, '/'));
	     p++) {
		*p = '\0';
		ck_assert(!mkdir(path.buf, 0700) || errno == EEXIST);
		*p = '/';
	}
	ck_assert_ptr_nonnull(f = fopen(path.buf, "w"));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	strbuf_release(&path);
}

/* As root, file modes bind only without CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH: out of this thread's effective set, and so out
 * of the walk's and the workers' threads started after. */
static void drop_dac_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (geteuid())
		return;
	ck_assert_int_eq(syscall(SYS_capget, &h, d), 0);
	d[0].effective &= ~(1u << CAP_DAC_OVERRIDE |
			    1u << CAP_DAC_READ_SEARCH);
	ck_assert_int_eq(syscall(SYS_capset, &h, d), 0);
}

/* ---- runs and what they give -------------------------------------- */

struct run {
	struct strlist roots, excludes;
	struct scan_run_opts o;
	struct shard shard;
	struct report r;
	size_t ret;		/* what scan_run() returned */
};

/* Scan roots (NULL-ended) with eng on threads threads; shard i of n
 * (0 of 0: no shard). excludes is one glob or NULL. */
static void run(struct run *x, const struct scan_engine *eng,
		const char *const *roots, const char *exclude,
		unsigned long long max, unsigned threads, unsigned i,
		unsigned n)
{
	memset(x, 0, sizeof(*x));
	for (size_t k = 0; roots[k]; k++)
		strlist_push(&x->roots, roots[k]);
	if (exclude)
		strlist_push(&x->excludes, exclude);
	x->shard.index = i;
	x->shard.count = n;
	x->o.roots = &x->roots;
	x->o.excludes = &x->excludes;
	x->o.max_file_size = max;
	x->o.threads = threads;
	x->o.inline_allow = 1;
	x->o.shard = &x->shard;
	report_init(&x->r, "scan");
	x->ret = scan_run(scan_walk_start(&x->o), eng, &x->r);
}

static void run_release(struct run *x)
{
	report_release(&x->r);
	strlist_release(&x->roots);
	strlist_release(&x->excludes);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of l, sorted, into out. */
static void sorted(struct strlist *l, struct strbuf *out)
{
	if (l->nr > 1)
		qsort(l->items, l->nr, sizeof(*l->items), cmp_line);
	for (size_t i = 0; i < l->nr; i++)
		strbuf_addf(out, "%s\n", l->items[i]);
	strlist_release(l);
}

/* A finding as the run's reports place it: where (root/path), line,
 * column, rule, severity and the secret's digest. */
static void finding_line(const struct finding *f, struct strbuf *out)
{
	report_file_path(f->root, f->path, out);
	strbuf_addf(out, ":%u:%u %s %s %.16s", f->line, f->column,
		    f->rule->id, severity_name(f->severity),
		    f->secret_sha256);
}

static void findings(const struct report *r, struct strbuf *out)
{
	struct strlist l = STRLIST_INIT;
	struct strbuf one = STRBUF_INIT;

	for (size_t i = 0; i < r->findings.nr; i++) {
		strbuf_reset(&one);
		finding_line(&r->findings.items[i], &one);
		strlist_push(&l, one.buf);
	}
	strbuf_release(&one);
	sorted(&l, out);
}

static void notices(const struct report *r, struct strbuf *out)
{
	struct strlist l = STRLIST_INIT;
	struct strbuf one = STRBUF_INIT;

	for (size_t i = 0; i < r->nr_notices; i++) {
		strbuf_reset(&one);
		strbuf_addf(&one, "%s: %s", r->notices[i].where,
			    r->notices[i].message);
		strlist_push(&l, one.buf);
	}
	strbuf_release(&one);
	sorted(&l, out);
}

/* What a walk and a scan count, every one of them. */
static void counts(const struct report_stats *s, struct strbuf *out)
{
	strbuf_addf(out, "scanned %lu, bytes %llu, binary %lu, size %lu, "
		    "excluded %lu, links %lu, special %lu, vcs %lu, "
		    "unreadable %lu, inline %lu, limits %lu, shard %lu",
		    s->files_scanned, s->bytes_scanned,
		    s->files_skipped_binary, s->files_skipped_size,
		    s->files_skipped_excluded, s->files_skipped_links,
		    s->files_skipped_special, s->dirs_skipped_vcs,
		    s->files_unreadable, s->suppressed_inline,
		    s->match_limits_hit, s->files_skipped_shard);
}

/* Everything of a run but its timing, as one text. */
static void outcome(const struct run *x, struct strbuf *out)
{
	strbuf_addf(out, "returned %zu\n", x->ret);
	counts(&x->r.stats, out);
	strbuf_addstr(out, "\n-- findings\n");
	findings(&x->r, out);
	strbuf_addstr(out, "-- notices\n");
	notices(&x->r, out);
}

/* got and want the same lines: the first that differs is shown. */
static void same_lines(const char *what, const char *got, const char *want)
{
	for (unsigned n = 1;; n++) {
		size_t g = strcspn(got, "\n"), w = strcspn(want, "\n");

		ck_assert_msg(g == w && !memcmp(got, want, g) &&
			      !got[g] == !want[w], "%s, line %u: got '%.*s', "
			      "want '%.*s'", what, n, (int)g, got, (int)w,
			      want);
		if (!got[g])
			break;
		got += g + 1;
		want += w + 1;
	}
}

/* ---- a tree whose findings are known ------------------------------ */

static const char rules_yaml[] =
	"rules:\n"
	"  - id: t.tok\n"
	"    title: Test token\n"
	"    category: secret\n"
	"    severity: high\n"
	"    guideline: { doc: d, quote: q }\n"
	"    keywords: [tok_]\n"
	"    pattern: '\\b(tok_[a-z0-9]{12})\\b'\n"
	"    examples: [x]\n"
	"    negative_examples: [y]\n";

/* The n-th planted secret: tok_ and 12 characters no other has. */
static void secret(unsigned n, char out[17])
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);

	memcpy(out, "tok_", 4);
	for (int i = 0; i < 12; i++) {
		h ^= h >> 29;
		h *= 0xBF58476D1CE4E5B9ULL;
		out[4 + i] = set[h % 36];
	}
	out[16] = '\0';
}

/* Where the planted secrets are, as findings() writes them. */
struct planted {
	struct strlist want;
	unsigned next;			/* secrets used so far */
	unsigned long long bytes;	/* of the files to be scanned */
};

/* Line `line` of a file, a secret `col - 1` blanks in when col > 0. */
static void plant_line(struct planted *pl, const char *where, unsigned line,
		       unsigned col, struct strbuf *file)
{
	char tok[17], sha[65];
	struct strbuf w = STRBUF_INIT;

	if (!col) {
		strbuf_addf(file, "line %u, nothing here: tok_ alone\n", line);
		return;
	}
	secret(pl->next++, tok);
	strbuf_addf(file, "%*sapi = %s;\n", (int)col - 1, "", tok);
	secret_hash_hex(tok, strlen(tok), sha);
	strbuf_addf(&w, "%s:%u:%u t.tok high %.16s", where, line, col + 6,
		    sha);
	strlist_push(&pl->want, w.buf);
	strbuf_release(&w);
}

static void put_planted(struct planted *pl, const char *rel,
			const struct strbuf *file)
{
	put(rel, file->buf, file->len);
	pl->bytes += file->len;
}

/* t/: 40 small files with 0 to 3 secrets each; big.txt, past one piece
 * (SCAN_PIECE), with secrets on its first line, either side of the
 * piece's end and on its last line; one of each thing passed over. */
static void known_tree(struct planted *pl, struct strbuf *root)
{
	struct strbuf file = STRBUF_INIT, where = STRBUF_INIT,
		      path = STRBUF_INIT;
	static const char bin[] = "tok_abcdefabcdef\0binary";
	unsigned line;

	memset(pl, 0, sizeof(*pl));
	at("t", root);
	for (unsigned i = 0; i < 40; i++) {
		strbuf_reset(&file);
		strbuf_reset(&where);
		strbuf_addf(&where, "%s/d%u/f%02u.%s", root->buf, i % 5, i,
			    i % 3 ? "txt" : "py");
		for (line = 1; line <= 12; line++)
			plant_line(pl, where.buf, line, (line * 7 + i) % 4 ==
				   0 && line <= 3 + i % 4 * 3 ? 1 + i % 9 : 0,
				   &file);
		put_planted(pl, where.buf + strlen(base) + 1, &file);
	}
	strbuf_reset(&file);
	strbuf_reset(&where);
	strbuf_addf(&where, "%s/big.txt", root->buf);
	plant_line(pl, where.buf, 1, 1, &file);
	for (line = 2; file.len < SCAN_PIECE - 40; line++)
		strbuf_addf(&file, "filler line %u of a file past a piece\n",
			    line);
	plant_line(pl, where.buf, line++, 3, &file);
	plant_line(pl, where.buf, line++, 5, &file);
	plant_line(pl, where.buf, line++, 1, &file);
	for (; file.len < SCAN_PIECE + SCAN_PIECE / 2; line++)
		strbuf_addf(&file, "more filler, line %u\n", line);
	plant_line(pl, where.buf, line, 9, &file);
	put_planted(pl, "t/big.txt", &file);

	/* passed over, each counted once, none reported */
	put("t/bin.dat", bin, sizeof(bin));
	strbuf_reset(&file);
	for (unsigned i = 0; file.len <= 2 * SCAN_PIECE; i++)
		strbuf_addf(&file, "too large: tok_abcdefabcdef line %u\n", i);
	put("t/huge.txt", file.buf, file.len);
	put("t/vendor/v.txt", "tok_abcdefabcdef\n", 17);
	put("t/.git/config", "tok_abcdefabcdef\n", 17);
	put("t/locked.txt", "tok_abcdefabcdef\n", 17);
	at("t/locked.txt", &path);
	ck_assert_int_eq(chmod(path.buf, 0), 0);
	at("t/ln.txt", &path);
	ck_assert_int_eq(symlink("d0/f00.py", path.buf), 0);
	at("t/fifo", &path);
	ck_assert_int_eq(mkfifo(path.buf, 0600), 0);
	strbuf_release(&file);
	strbuf_release(&where);
	strbuf_release(&path);
}

START_TEST(test_known_tree)
{
	struct ruleset rs = RULESET_INIT;
	struct scan_engine *eng;
	struct err e = ERR_INIT;
	struct planted pl;
	struct strbuf root = STRBUF_INIT, want = STRBUF_INIT,
		      got = STRBUF_INIT;
	static const unsigned threads[] = { 1, 4 };

	ck_assert_int_eq(ruleset_load_buffer(&rs, "t.yaml", rules_yaml,
					     strlen(rules_yaml), 0, &e), 0);
	ck_assert_msg(!scan_engine_build(&eng, &rs, NULL, NULL, 0, &e), "%s",
		      e.msg);
	known_tree(&pl, &root);
	ck_assert_uint_gt(pl.want.nr, 40);
	strbuf_addf(&want, "returned 41\nscanned 41, bytes %llu, binary 1, "
		    "size 1, excluded 1, links 1, special 1, vcs 1, "
		    "unreadable 1, inline 0, limits 0, shard 0\n-- findings\n",
		    pl.bytes);
	sorted(&pl.want, &want);
	/* the notice names the file as findings do: root and path */
	strbuf_addf(&want, "-- notices\n%s/locked.txt: cannot read: %s\n",
		    root.buf, strerror(EACCES));
	drop_dac_caps();
	for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
		const char *roots[] = { root.buf, NULL };
		struct run x;
		char what[32];

		run(&x, eng, roots, "vendor", 2 * SCAN_PIECE, threads[t], 0,
		    0);
		strbuf_reset(&got);
		outcome(&x, &got);
		snprintf(what, sizeof(what), "%u threads", threads[t]);
		same_lines(what, got.buf, want.buf);
		run_release(&x);
	}
	scan_engine_free(eng);
	ruleset_release(&rs);
	strbuf_release(&root);
	strbuf_release(&want);
	strbuf_release(&got);
}
END_TEST

/* ---- seeded random trees under the built-in rules ----------------- */

static struct ruleset builtin;
static struct scan_engine *fast, *ref;

static void setup_builtin(void)
{
	struct err e = ERR_INIT;

	memset(&builtin, 0, sizeof(builtin));
	ck_assert_msg(!ruleset_load_dir(&builtin, "rules", 0, &e), "%s",
		      e.msg);
	ck_assert_msg(!scan_engine_build(&fast, &builtin, NULL, NULL, 0, &e),
		      "%s", e.msg);
	ck_assert_msg(!scan_engine_build(&ref, &builtin, NULL, NULL,
					 SCAN_ENGINE_REFERENCE, &e), "%s",
		      e.msg);
}

static void teardown_builtin(void)
{
	scan_engine_free(fast);
	scan_engine_free(ref);
	ruleset_release(&builtin);
}

/* xorshift64*, seeded: the same trees on every machine. */
static uint64_t rnd_state;

static unsigned below(unsigned n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (unsigned)(rnd_state * 0x2545F4914F6CDD1DULL % n);
}

/* A positive example of a random source rule. */
static void plant_example(struct strbuf *sb)
{
	for (;;) {
		const struct rule *r = builtin.rules[below((unsigned)
							   builtin.nr)];

		if (r->kind->target != RULE_TARGET_SOURCE || !r->re ||
		    !r->nr_examples)
			continue;
		strbuf_addstr(sb, r->examples[below((unsigned)
						    r->nr_examples)].text);
		return;
	}
}

static const char *const words[] = {
	"password", "token", " = ", "\"", "'", ": ", "https://", "http://",
	"Bearer ", "secret", "verify=False", "\n", "\r\n", "\t", "export ",
	"localStorage", "{", "}", ";", "|", "eyJ", ".", "\xc3\xa9", "key",
	"# authaudit:allow\n", "AAAAAAAA", "0123456789abcdef", "\n\n",
};

/* Some kilobytes of words, examples on lines of their own and in
 * mid-line, and runs of token-like characters. */
static void random_text(struct strbuf *sb)
{
	size_t target = 500 + below(12000);

	strbuf_reset(sb);
	while (sb->len < target) {
		unsigned k = below(100);

		if (k < 4) {
			plant_example(sb);
		} else if (k < 8) {
			strbuf_addch(sb, '\n');
			plant_example(sb);
			strbuf_addch(sb, '\n');
		} else if (k < 20) {
			for (unsigned i = below(40); i; i--)
				strbuf_addch(sb, "aZ09_-+/="[below(9)]);
		} else {
			strbuf_addstr(sb, words[below(sizeof(words) /
						      sizeof(words[0]))]);
		}
	}
}

static const char *const names[] = {
	"app.py", "public/app.js", ".env", "deploy.sh", "README.md",
	"Main.java", "config.yaml", "settings.json", "id_rsa", "x.tf",
};

/* Two roots, r1 and r2, of about 60 files each in up to 3 levels, with
 * a few binaries, a .git and a directory the runs exclude. */
static void random_tree(unsigned seed)
{
	struct strbuf text = STRBUF_INIT, rel = STRBUF_INIT;

	rnd_state = 0x9E3779B97F4A7C15ULL * (seed + 1);
	for (unsigned i = 0; i < 120; i++) {
		strbuf_reset(&rel);
		strbuf_addf(&rel, "r%u", 1 + i % 2);
		for (unsigned d = below(4); d; d--)
			strbuf_addf(&rel, "/%c", "abcd"[below(4)]);
		strbuf_addf(&rel, "/%u-%s", i, names[below(sizeof(names) /
						      sizeof(names[0]))]);
		random_text(&text);
		if (below(20) == 0)
			text.buf[0] = '\0';	/* binary */
		put(rel.buf, text.buf, text.len);
	}
	random_text(&text);
	put("r1/.git/config", text.buf, text.len);
	put("r2/skipme/x.py", text.buf, text.len);
	strbuf_release(&text);
	strbuf_release(&rel);
}

static const char *const *random_roots(struct strbuf *r1, struct strbuf *r2,
				       const char **roots)
{
	at("r1", r1);
	at("r2", r2);
	roots[0] = r1->buf;
	roots[1] = r2->buf;
	roots[2] = NULL;
	return roots;
}

START_TEST(test_threads_and_reference_agree)
{
	static const struct {
		int reference;
		unsigned threads;
	} runs[] = { { 0, 1 }, { 0, 4 }, { 1, 1 }, { 1, 3 } };
	struct strbuf r1 = STRBUF_INIT, r2 = STRBUF_INIT, first = STRBUF_INIT,
		      got = STRBUF_INIT;
	const char *roots[3];
	unsigned found = 0;

	for (unsigned seed = 0; seed < 3; seed++) {
		random_tree(seed);
		random_roots(&r1, &r2, roots);
		for (size_t k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
			struct run x;
			char what[64];

			run(&x, runs[k].reference ? ref : fast, roots,
			    "skipme", 0, runs[k].threads, 0, 0);
			strbuf_reset(&got);
			outcome(&x, &got);
			if (!k) {
				strbuf_reset(&first);
				strbuf_add(&first, got.buf, got.len);
				found += (unsigned)x.r.findings.nr;
				/* every file but the binaries, every skip */
				ck_assert_uint_eq(x.ret,
						  x.r.stats.files_scanned);
				ck_assert_uint_eq(
					x.r.stats.files_scanned +
					x.r.stats.files_skipped_binary, 120);
				ck_assert_uint_eq(x.r.stats.dirs_skipped_vcs,
						  1);
				ck_assert_uint_eq(
					x.r.stats.files_skipped_excluded, 1);
			}
			snprintf(what, sizeof(what), "seed %u, %s, %u threads",
				 seed, runs[k].reference ? "reference" :
				 "prefilter", runs[k].threads);
			same_lines(what, got.buf, first.buf);
			run_release(&x);
		}
		rm_tree(r1.buf);
		rm_tree(r2.buf);
	}
	/* the trees hold findings enough to tell the runs apart */
	ck_assert_uint_gt(found, 300);
	strbuf_release(&r1);
	strbuf_release(&r2);
	strbuf_release(&first);
	strbuf_release(&got);
}
END_TEST

/* What the walk counted of a run's entries: each is one shard's. */
static unsigned long entries(const struct report_stats *s)
{
	return s->files_scanned + s->files_skipped_binary +
	       s->files_skipped_size + s->files_skipped_excluded +
	       s->files_skipped_links + s->files_skipped_special +
	       s->dirs_skipped_vcs + s->files_unreadable;
}

START_TEST(test_shards_add_up)
{
	enum { N = 3 };
	struct strbuf r1 = STRBUF_INIT, r2 = STRBUF_INIT, whole = STRBUF_INIT,
		      parts = STRBUF_INIT, key = STRBUF_INIT,
		      want = STRBUF_INIT, got = STRBUF_INIT;
	struct strlist all = STRLIST_INIT;
	struct report_stats sum = { 0 };
	unsigned long own[N + 1];
	const char *roots[3];
	struct run w, x[N + 1];

	random_tree(7);
	random_roots(&r1, &r2, roots);
	run(&w, fast, roots, "skipme", 0, 2, 0, 0);
	findings(&w.r, &whole);
	ck_assert_uint_gt(w.r.findings.nr, 100);
	for (unsigned i = 1; i <= N; i++) {
		run(&x[i], fast, roots, "skipme", 0, 2, i, N);
		own[i] = entries(&x[i].r.stats);
		report_stats_add(&sum, &x[i].r.stats);
		/* each finding is in the shard its place names */
		for (size_t k = 0; k < x[i].r.findings.nr; k++) {
			const struct finding *f = &x[i].r.findings.items[k];

			strbuf_reset(&key);
			report_file_path(f->root, f->path, &key);
			ck_assert_msg(shard_of(key.buf, N) == i, "%s found "
				      "by shard %u/%u", key.buf, i, N);
			strbuf_reset(&key);
			finding_line(f, &key);
			strlist_push(&all, key.buf);
		}
	}
	sorted(&all, &parts);
	same_lines("the shards' findings", parts.buf, whole.buf);
	/* the counts add up, and each shard skips what the others own */
	sum.files_skipped_shard = 0;
	strbuf_reset(&want);
	counts(&w.r.stats, &want);
	counts(&sum, &got);
	same_lines("the shards' counts", got.buf, want.buf);
	for (unsigned i = 1; i <= N; i++) {
		unsigned long others = entries(&w.r.stats) - own[i];

		ck_assert_uint_gt(own[i], 0);
		ck_assert_uint_eq(x[i].r.stats.files_skipped_shard, others);
		ck_assert_uint_eq(x[i].ret, x[i].r.stats.files_scanned +
				  others);
		strbuf_reset(&want);
		strbuf_addf(&want, "shard %u/%u: %lu files of other shards "
			    "not scanned here ('authaudit merge' combines "
			    "the shards' reports)\n", i, N, others);
		strbuf_reset(&got);
		notices(&x[i].r, &got);
		same_lines("the shard's notice", got.buf, want.buf);
		run_release(&x[i]);
	}
	run_release(&w);
	strbuf_release(&r1);
	strbuf_release(&r2);
	strbuf_release(&whole);
	strbuf_release(&parts);
	strbuf_release(&key);
	strbuf_release(&want);
	strbuf_release(&got);
}
END_TEST

START_TEST(test_nothing_scanned)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, want = STRBUF_INIT,
		      got = STRBUF_INIT, key = STRBUF_INIT;
	const char *one[] = { NULL, NULL }, *two[] = { NULL, NULL, NULL };
	struct run x;
	unsigned mine;

	put("a/bin.dat", "x\0y", 3);
	at("a", &a);
	at("b", &b);
	ck_assert_int_eq(mkdir(b.buf, 0700), 0);
	one[0] = two[0] = a.buf;
	two[1] = b.buf;

	run(&x, fast, one, NULL, 0, 2, 0, 0);
	ck_assert_uint_eq(x.ret, 0);
	strbuf_addf(&want, "%s: nothing was scanned: no readable text file "
		    "under this path\n", a.buf);
	notices(&x.r, &got);
	same_lines("one root", got.buf, want.buf);
	run_release(&x);

	run(&x, fast, two, NULL, 0, 2, 0, 0);
	ck_assert_uint_eq(x.ret, 0);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s %s: nothing was scanned: no readable text "
		    "file under these paths\n", a.buf, b.buf);
	strbuf_reset(&got);
	notices(&x.r, &got);
	same_lines("two roots", got.buf, want.buf);
	run_release(&x);

	/* one text file: the shard that owns it scans it, the other has
	 * an empty share, which is not "nothing was scanned" */
	put("b/only.txt", "nothing secret\n", 15);
	report_file_path(b.buf, "only.txt", &key);
	mine = shard_of(key.buf, 2);
	for (unsigned i = 1; i <= 2; i++) {
		const char *roots[] = { b.buf, NULL };

		run(&x, fast, roots, NULL, 0, 2, i, 2);
		ck_assert_uint_eq(x.ret, 1);
		ck_assert_uint_eq(x.r.stats.files_scanned, i == mine);
		ck_assert_uint_eq(x.r.stats.files_skipped_shard, i != mine);
		strbuf_reset(&want);
		strbuf_addf(&want, "shard %u/2: %u file%s of other shards "
			    "not scanned here ('authaudit merge' combines "
			    "the shards' reports)\n", i, i != mine,
			    i != mine ? "" : "s");
		strbuf_reset(&got);
		notices(&x.r, &got);
		same_lines("an empty share", got.buf, want.buf);
		run_release(&x);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&want);
	strbuf_release(&got);
	strbuf_release(&key);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan_run");
	TCase *known = tcase_create("known");
	TCase *random = tcase_create("random");

	tcase_set_timeout(known, 300);
	tcase_add_unchecked_fixture(known, setup_run, teardown_run);
	tcase_add_checked_fixture(known, setup, teardown);
	tcase_add_test(known, test_known_tree);
	suite_add_tcase(s, known);

	tcase_set_timeout(random, 600);
	tcase_add_unchecked_fixture(random, setup_run, teardown_run);
	tcase_add_unchecked_fixture(random, setup_builtin, teardown_builtin);
	tcase_add_checked_fixture(random, setup, teardown);
	tcase_add_test(random, test_threads_and_reference_agree);
	tcase_add_test(random, test_shards_add_up);
	tcase_add_test(random, test_nothing_scanned);
	suite_add_tcase(s, random);
	return s;
}
