/* test_history_packread.c - our pack reader against libgit2's: on
 * repositories built now with git (deltas by offset and by id, deep
 * chains, several packs beside loose objects, big blobs), every object
 * the packs' indexes list reads byte for byte as git_odb_read gives it,
 * in pack order and in id order, with the default delta-base cache and
 * with one too small to hold a chain; over a size limit an object is
 * not built and its size is still git's. A loose object is in no pack.
 */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "history/history_packread.h"

/* sh script: build the repository $1 packed as $2 says */
static const char build_sh[] =
	"set -e\n"
	"d=$1; mode=$2\n"
	"rm -rf \"$d\"; git init -q -b main \"$d\"; cd \"$d\"\n"
	"git config user.name 'Pack Test'\n"
	"git config user.email pack@example.test\n"
	"git config commit.gpgsign false; git config gc.auto 0\n"
	"rev() {\n"
	"  awk -v n=$1 'BEGIN { for (k = 0; k < 150 + 9 * n; k++)\n"
	"    if (k % 3 || k / 3 > n) printf \"line %d: kept\\n\", k\n"
	"    else printf \"line %d: edited at revision %d\\n\", k, k / 3\n"
	"  }' >a.txt\n"
	"  awk -v n=$1 'BEGIN { for (k = 0; k < 60; k++)\n"
	"    printf \"%d moving lines\\n\", (k * 7 + n) % 60 }' >b.txt\n"
	"  printf 'bin\\000ary %d\\n' $1 >c.bin\n"
	"  mkdir -p sub/deep; echo \"rev $1\" >sub/deep/n.txt\n"
	"  if [ $(($1 % 8)) -eq 0 ]; then\n"
	"    awk -v n=$1 'BEGIN { for (k = 0; k < 40000; k++)\n"
	"      printf \"big %d of %d: padding padding padding\\n\", k, n }'"
	" >big.txt\n"
	"  fi\n"
	"  git add -A; git commit -qm \"rev $1\"\n"
	"}\n"
	"i=0; while [ $i -lt 40 ]; do rev $i; i=$((i + 1)); done\n"
	"case $mode in\n"
	"ofs) git repack -q -adf --depth=50 --window=50 ;;\n"
	"ref) git -c repack.useDeltaBaseOffset=false repack -q -adf "
	"--depth=50 --window=50 ;;\n"
	"deep) git repack -q -adf --depth=250 --window=250 ;;\n"
	"mixed) git repack -q -adf --depth=50\n"
	"  while [ $i -lt 52 ]; do rev $i; i=$((i + 1)); done\n"
	"  git repack -q -d\n"
	"  while [ $i -lt 60 ]; do rev $i; i=$((i + 1)); done ;;\n"
	"esac\n"
	/* the packs hold deltas (7 columns in verify-pack -v) */
	"if [ $mode != mixed ]; then\n"
	"  git verify-pack -v .git/objects/pack/*.idx | awk '\n"
	"    NF == 7 && $6 > 8 { d++ } END { exit d < 10 }'\n"
	"fi\n";

static const char *const modes[] = { "ofs", "ref", "deep", "mixed" };
static char dir[96];

static void build(const char *mode)
{
	char script[128], cmd[512];
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/authaudit-packread-%d-%s",
		 (int)getpid(), mode);
	snprintf(script, sizeof(script), "%s.sh", dir);
	f = fopen(script, "w");
	ck_assert_ptr_nonnull(f);
	fputs(build_sh, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "sh '%s' '%s' %s >/dev/null 2>&1", script,
		 dir, mode);
	ck_assert_msg(system(cmd) == 0, "building the %s repository", mode);
	unlink(script);
}

static void wipe(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

struct obj {
	git_oid id;
	uint64_t where;
};

static int by_where(const void *a, const void *b)
{
	uint64_t x = ((const struct obj *)a)->where;
	uint64_t y = ((const struct obj *)b)->where;

	return x < y ? -1 : x > y;
}

/* Every object of objs read by a reader of `cache` bytes, max `max`,
 * compared with what odb gives; *large counts those over max. */
static void compare_all(git_odb *odb, const struct history_packs *ps,
			const struct obj *objs, size_t n, size_t cache,
			size_t max, size_t *large)
{
	struct history_pack_reader *r = history_pack_reader_new(ps, cache);

	*large = 0;
	for (size_t i = 0; i < n; i++) {
		git_odb_object *o;
		const unsigned char *data;
		size_t len;
		int type, rc;
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &objs[i].id);
		ck_assert_int_eq(git_odb_read(&o, odb, &objs[i].id), 0);
		rc = history_pack_reader_read(r, objs[i].where, max, &type,
					      &data, &len);
		if (max && git_odb_object_size(o) > max) {
			ck_assert_msg(rc == HISTORY_PACK_READ_TOO_LARGE,
				      "%s: rc %d, want too large", hex, rc);
			ck_assert_uint_eq(len, git_odb_object_size(o));
			(*large)++;
			git_odb_object_free(o);
			continue;
		}
		ck_assert_msg(rc == HISTORY_PACK_READ_OK, "%s: rc %d", hex,
			      rc);
		ck_assert_int_eq(type, (int)git_odb_object_type(o));
		ck_assert_uint_eq(len, git_odb_object_size(o));
		ck_assert_msg(!memcmp(data, git_odb_object_data(o), len),
			      "%s: the bytes differ from libgit2's", hex);
		git_odb_object_free(o);
	}
	history_pack_reader_free(r);
}

struct loose {
	const struct history_packs *ps;
	size_t packed, loose;
};

static int count_one(const git_oid *id, void *arg)
{
	struct loose *l = arg;

	if (history_packs_find(l->ps, id) == HISTORY_PACK_NOWHERE)
		l->loose++;
	else
		l->packed++;
	return 0;
}

START_TEST(test_same_bytes)
{
	const char *mode = modes[_i];
	char objects[160];
	struct history_packs *ps;
	struct obj *objs;
	struct loose l = { 0 };
	git_odb *odb;
	size_t n, large;

	build(mode);
	git_libgit2_init();
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ck_assert_int_eq(git_odb_open(&odb, objects), 0);
	ps = history_packs_open(objects);
	n = history_packs_count(ps);
	ck_assert_uint_gt(n, 200);
	objs = calloc(n, sizeof(*objs));
	ck_assert_ptr_nonnull(objs);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(history_packs_nth(ps, i, &objs[i].id), 0);
		objs[i].where = history_packs_find(ps, &objs[i].id);
		ck_assert(objs[i].where != HISTORY_PACK_NOWHERE);
	}
	/* id order: bases mostly not at hand */
	compare_all(odb, ps, objs, n, 0, 0, &large);
	compare_all(odb, ps, objs, n, 4096, 0, &large);
	qsort(objs, n, sizeof(*objs), by_where);
	compare_all(odb, ps, objs, n, 0, 0, &large);
	compare_all(odb, ps, objs, n, 4096, 0, &large);
	/* big.txt is 2 MB at every eighth revision */
	compare_all(odb, ps, objs, n, 0, 1u << 20, &large);
	ck_assert_uint_ge(large, 5);
	/* every object is in a pack or loose, and only "mixed" has loose */
	l.ps = ps;
	ck_assert_int_eq(git_odb_foreach(odb, count_one, &l), 0);
	ck_assert_uint_ge(l.packed, n);
	if (!strcmp(mode, "mixed"))
		ck_assert_uint_gt(l.loose, 20);
	else
		ck_assert_uint_eq(l.loose, 0);
	free(objs);
	history_packs_free(ps);
	git_odb_free(odb);
	git_libgit2_shutdown();
	wipe();
}
END_TEST

/* A damaged pack: every read is the object's bytes or a failure (the
 * caller then asks libgit2), never something else, and never a crash.
 * The pack is copied, its bytes changed every 331 from the first
 * object on, and read through the copy's index. */
START_TEST(test_damaged)
{
	char objects[160], cmd[512];
	struct history_packs *ps;
	struct history_pack_reader *r;
	git_odb *odb;
	size_t n, ok = 0, failed = 0;
	git_odb_object **want;

	build("ofs");
	git_libgit2_init();
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ck_assert_int_eq(git_odb_open(&odb, objects), 0);
	ps = history_packs_open(objects);
	n = history_packs_count(ps);
	want = calloc(n, sizeof(*want));
	ck_assert_ptr_nonnull(want);
	for (size_t i = 0; i < n; i++) {
		git_oid id;

		ck_assert_int_eq(history_packs_nth(ps, i, &id), 0);
		ck_assert_int_eq(git_odb_read(&want[i], odb, &id), 0);
	}
	history_packs_free(ps);
	snprintf(cmd, sizeof(cmd), "cd '%s/pack' && for p in *.pack; do "
		 "python3 -c 'import sys\n"
		 "b = bytearray(open(sys.argv[1], \"rb\").read())\n"
		 "for i in range(12, len(b) - 20, 331): b[i] ^= 0x5a\n"
		 "open(sys.argv[1], \"wb\").write(b)' \"$p\"; done",
		 objects);
	ck_assert_int_eq(system(cmd), 0);
	ps = history_packs_open(objects);
	ck_assert_uint_eq(history_packs_count(ps), n);
	r = history_pack_reader_new(ps, 0);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *data;
		size_t len;
		int type, rc;
		git_oid id;

		history_packs_nth(ps, i, &id);
		rc = history_pack_reader_read(r, history_packs_find(ps, &id),
					      0, &type, &data, &len);
		if (rc == HISTORY_PACK_READ_FAILED) {
			failed++;
		} else {
			ck_assert_int_eq(rc, HISTORY_PACK_READ_OK);
			ck_assert_uint_eq(len, git_odb_object_size(want[i]));
			ck_assert(!memcmp(data, git_odb_object_data(want[i]),
					  len));
			ok++;
		}
		git_odb_object_free(want[i]);
	}
	/* most objects are smaller than 331 bytes packed: some survive */
	ck_assert_uint_gt(failed, 0);
	ck_assert_uint_gt(ok, 0);
	free(want);
	history_pack_reader_free(r);
	history_packs_free(ps);
	git_odb_free(odb);
	git_libgit2_shutdown();
	wipe();
}
END_TEST

/* Not a repository's objects: no packs, nothing found. */
START_TEST(test_no_packs)
{
	struct history_packs *ps = history_packs_open("/nonexistent/objects");
	git_oid id;

	memset(&id, 0xab, sizeof(id));
	ck_assert_uint_eq(history_packs_count(ps), 0);
	ck_assert(history_packs_find(ps, &id) == HISTORY_PACK_NOWHERE);
	ck_assert_int_eq(history_packs_nth(ps, 0, &id), -1);
	history_packs_free(ps);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("history_packread");
	TCase *tc = tcase_create("history_packread");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_same_bytes, 0,
			    sizeof(modes) / sizeof(modes[0]));
	tcase_add_test(tc, test_damaged);
	tcase_add_test(tc, test_no_packs);
	suite_add_tcase(s, tc);
	return s;
}
