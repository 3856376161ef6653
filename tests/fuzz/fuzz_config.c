/* fuzz_config.c - the readers of the files users write: the audit
 * schedule (audit_config), the auth targets (auth_config) and a probe
 * targets list (probe_target). The first byte picks the reader; the rest
 * is the file. Oracles: memory safety and no leak; a failed load says
 * why. */
#include <string.h>

#include "fuzz.h"
#include "audit/audit_config.h"
#include "auth/auth_config.h"
#include "probe/probe_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = ERR_INIT;
	const char *path;
	int rc;

	if (!size)
		return 0;
	path = fuzz_file(data + 1, size - 1, ".yaml");
	if (!path)
		return 0;
	switch (data[0] % 3) {
	case 0: {
		struct audit_config c;

		memset(&c, 0, sizeof(c));
		rc = audit_config_load(&c, path, &e);
		audit_config_release(&c);
		break;
	}
	case 1: {
		struct auth_config c;

		memset(&c, 0, sizeof(c));
		rc = auth_config_load(&c, path, &e);
		auth_config_release(&c);
		break;
	}
	default: {
		struct probe_targets ts;

		memset(&ts, 0, sizeof(ts));
		rc = probe_targets_load(&ts, path, 80, &e);
		probe_targets_release(&ts);
		break;
	}
	}
	if (rc && !e.msg[0])
		fuzz_fail("reader %d failed without a message", data[0] % 3);
	return 0;
}
