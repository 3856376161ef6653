/* report_json.h - the JSON report as a jansson value, for writers that
 * embed it (HTML) or post-process it, and the JSON text helpers the
 * writers share (report_json_text.c). The caller owns every value
 * returned. */
#ifndef AUTHAUDIT_REPORT_JSON_H
#define AUTHAUDIT_REPORT_JSON_H

#include <jansson.h>

#include "compliance.h"
#include "core/report.h"

json_t *report_to_json(const struct report *r);
/* One finding as it appears in findings[] (and baseline.stale[]). */
json_t *finding_to_json(const struct report *r, const struct finding *f);
/* The guideline matrix: one object per profile (report_json_audit.c). */
json_t *compliance_to_json(const struct report *r,
			   const struct compliance *c);
/* An audit's comparison with the previous run; r->audit must be set. */
json_t *audit_to_json(const struct report *r);
/* A JSON string for text (a message, a title); bytes that are not valid
 * UTF-8 become "\xHH", for reading only. Never NULL. */
json_t *json_text(const char *s);
/* A JSON string for a name that may hold any byte (a path, a root, a
 * notice's place, a secret shown), escaped by escape_name() so a reader
 * gets the bytes back exactly (docs/json.md). Never NULL. */
json_t *json_name(const char *s);
/* Set o[k] to json_text(v) or json_name(v); nothing when v is NULL. */
void json_set_str(json_t *o, const char *k, const char *v);
void json_set_name(json_t *o, const char *k, const char *v);
/* "2026-11-22T14:00:00.123Z" into buf (at least 32 bytes). */
void iso8601_ms(const struct timespec *t, char *buf, size_t n);

#endif
