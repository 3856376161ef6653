/* fuzz_rules.c - the rule loader on any YAML a user passes with --rules:
 * rules, profiles, statements, allow-lists, in any order, twice over.
 * Oracles: memory safety and no leak (ASan), and an error always names
 * where it is (file:line:column, the line within the input; libyaml
 * breaks lines at LF, CR, NEL and U+2028/9 too). */
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ruleset rs;
	struct err e = ERR_INIT;
	size_t lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r' || data[i] == 0x85 ||
			 data[i] == 0xe2;
	memset(&rs, 0, sizeof(rs));
	if (ruleset_load_buffer(&rs, "fuzz.yaml", (const char *)data, size, 0,
				&e)) {
		if (!e.msg[0])
			fuzz_fail("an error without a message");
		if (e.line > lines + 1)
			fuzz_fail("error at line %u of %zu lines: %s", e.line,
				  lines, e.msg);
	} else {
		ruleset_validate(&rs, &e);
	}
	ruleset_release(&rs);
	return 0;
}
