/* scan_lines.h - the scan's hook for code context (core/code_lines.h): the
 * lines around each finding are copied while the file is in memory, and
 * when the file ends every secret its findings hold is marked for
 * redaction on every context that shows it. Nothing to own: the contexts
 * go to the findings. */
#ifndef AUTHAUDIT_SCAN_LINES_H
#define AUTHAUDIT_SCAN_LINES_H

#include <stddef.h>

#include "core/finding.h"
#include "core/rule_kind.h"

/* Give out->items[had..nr) (what one match added) the lines around m's
 * secret. */
void scan_lines_capture(struct finding_list *out, size_t had,
			  const struct source_match *m);
/* The file whose findings are out->items[first..nr) is done: mark each
 * one's secret on the contexts of the file that show its lines. */
void scan_lines_mark(struct finding_list *out, size_t first);

#endif
