/* fuzz_token.c - what `authaudit token` does with a pasted token: trim,
 * identify, decode a JWT, judge its times and claims, and report. Any
 * bytes, NUL included (a token read from a file). Oracles: memory safety
 * (ASan, UBSan: no time arithmetic overflows), a JWT that decodes has
 * every clamped time within +-JWT_TIME_MAX, and a token with a NUL is
 * never judged. */
#include <string.h>

#include "fuzz.h"
#include "lib/jwt.h"
#include "token/token_inspect.h"

#define NOW 1767225600		/* fixed: the same input, the same answer */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char words[] = "secret\nchangeme\nkey\n";
	const struct ruleset *rs = fuzz_rules();
	struct token_ctx c = {
		.rs = rs, .profile = ruleset_profile(rs, "default"), .now = NOW,
		.wordlist = words, .wordlist_len = sizeof(words) - 1,
		.where = "fuzz", .line = 1,
	};
	struct token_verdict v;
	struct finding_list out = { 0 };
	struct jwt j;
	struct err e = ERR_INIT;
	char why[256];

	memset(&v, 0, sizeof(v));
	token_inspect(&c, (const char *)data, size, &v);
	token_verdict_problem(&v, why, sizeof(why));
	if (v.has_nul && v.decoded)
		fuzz_fail("a token holding a NUL was decoded");
	token_verdict_findings(&c, &v, &out);
	finding_list_release(&out);
	token_verdict_release(&v);

	memset(&j, 0, sizeof(j));
	if (!jwt_decode((const char *)data, size, &j, &e)) {
		if ((j.has_exp && (j.exp > JWT_TIME_MAX || j.exp < -JWT_TIME_MAX)) ||
		    (j.has_iat && (j.iat > JWT_TIME_MAX || j.iat < -JWT_TIME_MAX)) ||
		    (j.has_nbf && (j.nbf > JWT_TIME_MAX || j.nbf < -JWT_TIME_MAX)))
			fuzz_fail("a JWT time out of +-JWT_TIME_MAX");
		jwt_release(&j);
	}
	return 0;
}
