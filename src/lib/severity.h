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

const char *severity_name(enum severity s);
/* 0 and *out set when name is one of info|low|medium|high|critical. */
int severity_parse(const char *name, enum severity *out);
/* One step up, saturating at critical. */
enum severity severity_raise(enum severity s);

const char *confidence_name(enum confidence c);
int confidence_parse(const char *name, enum confidence *out);

#endif
