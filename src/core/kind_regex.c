/* kind_regex.c - the plain kind: every confirmed match is a finding; a
 * rule's `checksum` raises the confidence when it holds. */
#include "rule_kind.h"
#include "lib/checksum.h"
#include "lib/xalloc.h"

static int regex_prepare(struct rule *r, struct err *e)
{
	if (r->checksum && !checksum_find(r->checksum))
		return err_set(e, "unknown checksum '%s' (known: "
			       "sanctum-crc32)", r->checksum);
	return 0;
}

static void regex_judge(const struct rule *r, const struct source_match *m,
			struct finding_list *out)
{
	const char *s = m->buf + m->sstart;
	size_t n = m->send - m->sstart;
	const struct checksum *ck;
	enum confidence conf = r->confidence;

	if (r->secret_group < 0) {
		source_match_emit(r, m, conf, xstrdup(r->title), NULL, 0, out);
		return;
	}
	ck = r->checksum ? checksum_find(r->checksum) : NULL;
	if (ck && ck->verify(s, n))
		conf = CONF_HIGH;
	source_match_emit(r, m, conf, xstrdup(r->title), s, n, out);
}

const struct rule_kind kind_regex = {
	"regex", RULE_TARGET_SOURCE, 1, regex_prepare, regex_judge
};
