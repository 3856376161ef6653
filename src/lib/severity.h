/* severity.h - severity and confidence scales shared by rules and findings. */
#ifndef AUTHAUDIT_SEVERITY_H
#define AUTHAUDIT_SEVERITY_H

enum severity {
	SEV_INFO,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL,
	SEV__COUNT
};

enum confidence {
	CONF_LOW,
	CONF_MEDIUM,
	CONF_HIGH,
	CONF__COUNT
};

/* --fail-on never: a gate above every severity, so that no finding fails
 * a report-only run. Only a gate holds it; no finding has it. */
#define SEV_NEVER SEV__COUNT

/* The name, lower case; "never" for SEV_NEVER. */
const char *severity_name(enum severity s);
/* 0 and *out set when name is one of info|low|medium|high|critical, in
 * any case ("HIGH", as reports print it, too). */
int severity_parse(const char *name, enum severity *out);
/* A --fail-on gate: a severity, or "never" (SEV_NEVER). */
int severity_gate_parse(const char *name, enum severity *out);
/* One step up, saturating at critical. */
enum severity severity_raise(enum severity s);

const char *confidence_name(enum confidence c);
int confidence_parse(const char *name, enum confidence *out);

#endif
