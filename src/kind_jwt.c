/* kind_jwt.c - JWTs found in files, judged against the token-lifetime
 * guidelines by token_check.c: `params.check` names the one judgement a
 * rule reports (alg-none, no-exp, lifetime, expired, not-yet-valid). A
 * string that does not decode as a JWT is not judged. */
#include "jwt.h"
#include "rule_kind.h"
#include "strbuf.h"
#include "token_check.h"

static int jwt_prepare(struct rule *r, struct err *e)
{
	if (token_issue_parse(rule_param(r, "check")) < 0)
		return err_set(e, "kind 'jwt' needs params.check: one of "
			       "alg-none, no-exp, lifetime, expired, "
			       "not-yet-valid");
	return 0;
}

static void jwt_judge(const struct rule *r, const struct source_match *m,
		      struct finding_list *out)
{
	struct token_result res[TOKEN__COUNT];
	int want = token_issue_parse(rule_param(r, "check"));
	struct err e = ERR_INIT;
	struct jwt j;
	long max = 0;
	size_t n;

	if (jwt_decode(m->buf + m->sstart, m->send - m->sstart, &j, &e))
		return;
	if (profile_param_seconds(m->rs, m->profile, "max_token_lifetime",
				  &max, &e))
		max = 0;
	n = token_check_jwt(&j, max, m->now, res, TOKEN__COUNT);
	for (size_t i = 0; i < n && i < TOKEN__COUNT; i++) {
		struct strbuf msg = STRBUF_INIT;

		if ((int)res[i].issue != want)
			continue;
		strbuf_addf(&msg, "%s: ", r->title);
		token_result_describe(&res[i], &msg);
		source_match_emit(r, m, CONF_HIGH, strbuf_detach(&msg, NULL),
				  m->buf + m->sstart, m->send - m->sstart, out);
	}
	jwt_release(&j);
}

const struct rule_kind kind_jwt = {
	"jwt", RULE_TARGET_SOURCE, 1, jwt_prepare, jwt_judge
};
