/* fuzz_report.c - the JSON report reader (--baseline, merge) on any
 * bytes. Oracles: memory safety and no leak; what was read writes out
 * again as a report that reads back (the writer copes with whatever the
 * reader let in). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "core/report.h"
#include "report/report_json.h"
#include "report/report_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ruleset *rs = fuzz_rules();
	struct report r;
	struct report_run run;
	struct err e = ERR_INIT;
	const char *path = fuzz_file(data, size, ".json");

	if (!path)
		return 0;
	report_init(&r, "scan");
	if (!report_read_run(path, rs, &r, &run, &e)) {
		json_t *j = report_to_json(&r);
		char *text = json_dumps(j, 0);

		if (!text)
			fuzz_fail("a report read in does not write out");
		free(text);
		json_decref(j);
	} else if (!e.msg[0]) {
		fuzz_fail("the reader failed without a message");
	}
	report_run_release(&run);
	report_release(&r);
	return 0;
}
