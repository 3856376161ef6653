/* severity.c - names of the severity and confidence levels. */
#include "severity.h"

#include <string.h>
#include <strings.h>

static const char *const sev_names[SEV__COUNT] = {
	"info", "low", "medium", "high", "critical"
};

static const char *const conf_names[CONF__COUNT] = {
	"low", "medium", "high"
};

const char *severity_name(enum severity s)
{
	if (s == SEV_NEVER)
		return "never";
	return (unsigned)s < SEV__COUNT ? sev_names[s] : "unknown";
}

int severity_parse(const char *name, enum severity *out)
{
	for (int i = 0; i < SEV__COUNT; i++) {
		if (!strcasecmp(name, sev_names[i])) {
			*out = (enum severity)i;
			return 0;
		}
	}
	return -1;
}

int severity_gate_parse(const char *name, enum severity *out)
{
	if (!strcasecmp(name, "never")) {
		*out = SEV_NEVER;
		return 0;
	}
	return severity_parse(name, out);
}

enum severity severity_raise(enum severity s)
{
	return s < SEV_CRITICAL ? s + 1 : SEV_CRITICAL;
}

const char *confidence_name(enum confidence c)
{
	return (unsigned)c < CONF__COUNT ? conf_names[c] : "unknown";
}

int confidence_parse(const char *name, enum confidence *out)
{
	for (int i = 0; i < CONF__COUNT; i++) {
		if (!strcasecmp(name, conf_names[i])) {
			*out = (enum confidence)i;
			return 0;
		}
	}
	return -1;
}
