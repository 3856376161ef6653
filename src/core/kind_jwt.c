/* kind_jwt.c - JWTs found in files, judged as `authaudit token` judges
 * them (token_check.c, token_secret.c): `params.check` names the one
 * judgement a rule reports. A string that does not decode as a JWT is not
 * judged.
 *
 *   alg-none, no-exp, lifetime, expired, not-yet-valid
 *                   the token_check issues (lifetime against the
 *                   profile's max_token_lifetime)
 *   missing-claim   a claim of the profile's token_required_claims absent
 *                   (params.claims where no profile is in force: the
 *                   examples of `authaudit rules check`)
 *   weak-secret     the HS256/384/512 signature verifies with a word of
 *                   params.wordlist (a file, relative to the rule file)
 *   credential      any JWT that decodes: a bearer token kept in a file
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rule_kind.h"
#include "token_check.h"
#include "token_secret.h"
#include "lib/jwt.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"

#define WORDLIST_MAX (4U << 20)

enum jwt_check {
	CHECK_ISSUE,		/* one of enum token_issue */
	CHECK_MISSING_CLAIM,
	CHECK_WEAK_SECRET,
	CHECK_CREDENTIAL
};

static const struct {
	const char *name;
	enum jwt_check check;
} other_checks[] = {
	{ "missing-claim", CHECK_MISSING_CLAIM },
	{ "weak-secret", CHECK_WEAK_SECRET },
	{ "credential", CHECK_CREDENTIAL },
};

#define NR_OTHER (sizeof(other_checks) / sizeof(other_checks[0]))

/* The rule's check; *issue is set for CHECK_ISSUE. -1 when unknown. */
static int parse_check(const struct rule *r, int *issue)
{
	const char *name = rule_param(r, "check");

	*issue = token_issue_parse(name);
	if (*issue >= 0)
		return CHECK_ISSUE;
	for (size_t i = 0; name && i < NR_OTHER; i++)
		if (!strcmp(other_checks[i].name, name))
			return (int)other_checks[i].check;
	return -1;
}

/*
 * Word lists of weak secrets, read once by jwt_prepare() whatever the
 * number of rules (or rule loads) that name one, and kept for the life of
 * the process: rules only hold a path, and judges on every scan thread
 * read the same immutable text.
 */
struct wordlist {
	char *path;
	struct strbuf words;
};

static struct {
	struct wordlist *items;
	size_t nr, alloc;
	pthread_mutex_t lock;
} wordlists = { NULL, 0, 0, PTHREAD_MUTEX_INITIALIZER };

/* params.wordlist resolved against the directory of the rule's file. */
static void wordlist_path(const struct rule *r, struct strbuf *sb)
{
	const char *w = rule_param(r, "wordlist");
	const char *slash = r->file ? strrchr(r->file, '/') : NULL;

	if (w[0] != '/' && slash)
		strbuf_add(sb, r->file, (size_t)(slash - r->file + 1));
	strbuf_addstr(sb, w);
}

/* The words of path, read on first use; -1 with e set when unreadable. */
static int wordlist_get(const char *path, const char **words, size_t *len,
			struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	pthread_mutex_lock(&wordlists.lock);
	for (size_t i = 0; i < wordlists.nr; i++) {
		if (!strcmp(wordlists.items[i].path, path)) {
			*words = wordlists.items[i].words.buf;
			*len = wordlists.items[i].words.len;
			goto out;
		}
	}
	if (strbuf_read_file(&sb, path, WORDLIST_MAX) < 0) {
		strbuf_release(&sb);
		rc = err_set(e, "cannot read word list '%s'", path);
		goto out;
	}
	ALLOC_GROW(wordlists.items, wordlists.nr, wordlists.alloc);
	wordlists.items[wordlists.nr].path = xstrdup(path);
	wordlists.items[wordlists.nr].words = sb;
	*words = sb.buf;
	*len = sb.len;
	wordlists.nr++;
out:
	pthread_mutex_unlock(&wordlists.lock);
	return rc;
}

static int jwt_prepare(struct rule *r, struct err *e)
{
	struct strbuf path = STRBUF_INIT;
	const char *words;
	size_t len;
	int issue, rc;

	rc = parse_check(r, &issue);
	if (rc < 0)
		return err_set(e, "kind 'jwt' needs params.check: one of "
			       "alg-none, no-exp, lifetime, expired, "
			       "not-yet-valid, missing-claim, weak-secret, "
			       "credential");
	if (rc != CHECK_WEAK_SECRET)
		return 0;
	if (!rule_param(r, "wordlist") || !*rule_param(r, "wordlist"))
		return err_set(e, "check weak-secret needs params.wordlist: "
			       "a file of secrets, one a line, relative to "
			       "the rule file");
	wordlist_path(r, &path);
	rc = wordlist_get(path.buf, &words, &len, e);
	strbuf_release(&path);
	return rc;
}

extern const struct rule_kind kind_jwt;

int kind_jwt_wordlist(const struct ruleset *rs, const char **words,
		      size_t *len)
{
	for (size_t i = 0; i < rs->nr; i++) {
		const struct rule *r = rs->rules[i];
		struct strbuf path = STRBUF_INIT;
		struct err e = ERR_INIT;
		int issue, rc;

		if (r->kind != &kind_jwt || parse_check(r, &issue) !=
		    CHECK_WEAK_SECRET)
			continue;
		wordlist_path(r, &path);
		rc = wordlist_get(path.buf, words, len, &e);
		strbuf_release(&path);
		if (!rc)
			return 0;
	}
	return -1;
}

/* Each judge_* appends its explanation to msg and returns 1 when the rule
 * must report j. */
static int judge_issue(const struct source_match *m, int issue,
		       const struct jwt *j, struct strbuf *msg)
{
	struct token_result res[TOKEN__COUNT];
	struct err e = ERR_INIT;
	long max = 0;
	size_t n;

	if (profile_param_seconds(m->rs, m->profile, "max_token_lifetime",
				  &max, &e))
		max = 0;
	n = token_check_jwt(j, max, m->now, res, TOKEN__COUNT);
	for (size_t i = 0; i < n && i < TOKEN__COUNT; i++) {
		if ((int)res[i].issue == issue) {
			token_result_describe(&res[i], msg);
			return 1;
		}
	}
	return 0;
}

static int judge_missing_claim(const struct rule *r,
			       const struct source_match *m,
			       const struct jwt *j, struct strbuf *msg)
{
	const char *claims = m->profile ? NULL : rule_param(r, "claims");
	struct strlist missing = { 0 };
	int hit;

	if (!claims)
		claims = profile_param(m->rs, m->profile,
				       "token_required_claims");
	hit = token_missing_claims(j, claims, &missing) > 0;
	if (hit)
		token_describe_missing(msg, &missing, m->profile ?
				       m->profile->name : NULL);
	strlist_release(&missing);
	return hit;
}

static int judge_weak_secret(const struct rule *r, const struct jwt *j,
			     struct strbuf *msg)
{
	struct strbuf path = STRBUF_INIT;
	struct err e = ERR_INIT;
	const char *words;
	char *found = NULL;
	unsigned long tried = 0;
	size_t len;
	int hit;

	wordlist_path(r, &path);
	hit = !wordlist_get(path.buf, &words, &len, &e) &&
	      token_secret_search(j, words, len, &found, &tried) == 1;
	if (hit)
		token_describe_weak_secret(msg, j->alg, tried);
	free(found);
	strbuf_release(&path);
	return hit;
}

static int judge_credential(const struct jwt *j, struct strbuf *msg)
{
	strbuf_addf(msg, "alg %s, ", *j->alg ? j->alg : "?");
	if (j->has_exp) {
		strbuf_addstr(msg, "expires ");
		token_fmt_time(msg, j->exp);
	} else {
		strbuf_addstr(msg, "no expiry");
	}
	return 1;
}

static int judge(const struct rule *r, const struct source_match *m,
		 int check, int issue, const struct jwt *j,
		 struct strbuf *msg)
{
	switch ((enum jwt_check)check) {
	case CHECK_ISSUE:
		return judge_issue(m, issue, j, msg);
	case CHECK_MISSING_CLAIM:
		return judge_missing_claim(r, m, j, msg);
	case CHECK_WEAK_SECRET:
		return judge_weak_secret(r, j, msg);
	case CHECK_CREDENTIAL:
		return judge_credential(j, msg);
	}
	return 0;
}

static void jwt_judge(const struct rule *r, const struct source_match *m,
		      struct finding_list *out)
{
	struct strbuf msg = STRBUF_INIT;
	struct err e = ERR_INIT;
	struct jwt j;
	int issue, check = parse_check(r, &issue);

	if (check < 0 ||
	    jwt_decode(m->buf + m->sstart, m->send - m->sstart, &j, &e))
		return;
	strbuf_addf(&msg, "%s: ", r->title);
	if (judge(r, m, check, issue, &j, &msg))
		source_match_emit(r, m, r->confidence,
				  strbuf_detach(&msg, NULL),
				  m->buf + m->sstart, m->send - m->sstart,
				  out);
	strbuf_release(&msg);
	jwt_release(&j);
}

const struct rule_kind kind_jwt = {
	"jwt", RULE_TARGET_SOURCE, 1, jwt_prepare, jwt_judge
};
