/* rule_kind.c - the table of rule kinds and what source kinds share:
 * positions in text and turning a match into a finding. */
#include "rule_kind.h"

#include <stdint.h>
#include <string.h>

#include "lib/xalloc.h"

extern const struct rule_kind kind_regex, kind_jwt, kind_token_request;

/* Rules of these kinds are run by `probe`, `auth` and `token`, which
 * look them up by id; they have no pattern and no examples. */
static const struct rule_kind kind_endpoint = {
	"endpoint", RULE_TARGET_ENDPOINT, 0, NULL, NULL
};
static const struct rule_kind kind_auth = {
	"auth", RULE_TARGET_AUTH, 0, NULL, NULL
};
static const struct rule_kind kind_token = {
	"token", RULE_TARGET_TOKEN, 0, NULL, NULL
};

const struct rule_kind *const rule_kinds[] = {
	&kind_regex, &kind_jwt, &kind_token_request, &kind_endpoint,
	&kind_auth, &kind_token, NULL
};

static const char *const target_names[RULE_TARGET__COUNT] = {
	"source", "endpoint", "auth", "token"
};

const char *rule_target_name(enum rule_target t)
{
	return (unsigned)t < RULE_TARGET__COUNT ? target_names[t] : "?";
}

int rule_target_parse(const char *name, enum rule_target *out)
{
	for (int i = 0; i < RULE_TARGET__COUNT; i++)
		if (!strcmp(target_names[i], name)) {
			*out = (enum rule_target)i;
			return 0;
		}
	return -1;
}

const struct rule_kind *rule_kind_find(const char *name)
{
	for (size_t i = 0; rule_kinds[i]; i++)
		if (!strcmp(rule_kinds[i]->name, name))
			return rule_kinds[i];
	return NULL;
}
