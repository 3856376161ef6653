/* progress.h - a one-line progress display on stderr for long runs, drawn
 * only when enabled (stderr is a terminal and not --quiet), from the first
 * second on, at most ten times a second; cleared by progress_done(). Safe
 * from several threads. */
#ifndef AUTHAUDIT_PROGRESS_H
#define AUTHAUDIT_PROGRESS_H

#include <pthread.h>
#include <time.h>

struct progress {
	int enabled;
	int drawn;
	struct timespec start, last;
	pthread_mutex_t lock;
};

void progress_init(struct progress *p, int enabled);
void progress_update(struct progress *p, unsigned long done,
		     unsigned long long bytes, unsigned long total);
/* "probing: 12/500 endpoints, 3 s" for runs counted in units, not bytes. */
void progress_count(struct progress *p, const char *verb,
		    unsigned long done, unsigned long total,
		    const char *noun);
void progress_done(struct progress *p);

#endif
