/* fuzz.h - shared by the fuzz targets in tests/fuzz/.
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput() and nothing else that
 * another target would need. The same file links two ways (Makefile):
 * with libFuzzer (`make fuzz`, clang, coverage-guided, ASan + UBSan) and
 * with replay.c (`make test`, gcc), which runs it once per file of the
 * seed corpus and of the past crashes, so every crash found once stays a
 * regression case. A target that finds a wrong answer rather than a
 * crash says so with fuzz_fail(), which aborts: both drivers count an
 * abort as a failure and keep the input.
 */
#ifndef AUTHAUDIT_FUZZ_H
#define AUTHAUDIT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a file of this process (a fresh path per call, removed by
 * the next call): for readers that take a path. NULL when it cannot be
 * written. */
const char *fuzz_file(const uint8_t *data, size_t size, const char *ext);
/* The input as a NUL-terminated string the caller frees. */
char *fuzz_str(const uint8_t *data, size_t size);
/* The shipped rules, loaded once ("rules" from the repository root, or
 * $AUTHAUDIT_FUZZ_RULES); aborts when they cannot be loaded. */
const struct ruleset *fuzz_rules(void);
/* The length of the UTF-8 character at p (RFC 3629, written out here so
 * the oracles do not trust escape.c's own reader), 0 when p starts none
 * within left bytes. */
size_t fuzz_utf8_len(const unsigned char *p, size_t left);
/* Report a wrong answer and abort. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						   noreturn));

#endif
