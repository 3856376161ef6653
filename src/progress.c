/* progress.c - the progress line; see progress.h. */
#include "progress.h"

#include <stdio.h>

static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_init(struct progress *p, int enabled)
{
	p->enabled = enabled;
	p->drawn = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	pthread_mutex_init(&p->lock, NULL);
}

void progress_update(struct progress *p, unsigned long done,
		     unsigned long long bytes, unsigned long total)
{
	struct timespec now;
	double t;

	if (!p->enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* a run shorter than a second gets no progress line at all */
	if (secs(&p->start, &now) < 1.0 ||
	    (secs(&p->last, &now) < 0.1 && done < total))
		return;
	if (pthread_mutex_trylock(&p->lock))
		return;		/* another thread is drawing */
	p->last = now;
	t = secs(&p->start, &now);
	fprintf(stderr, "\rscanning: %lu/%lu files, %.0f MB, %.0f MB/s ",
		done, total, (double)bytes / 1e6,
		t > 0 ? (double)bytes / 1e6 / t : 0.0);
	p->drawn = 1;
	pthread_mutex_unlock(&p->lock);
}

void progress_done(struct progress *p)
{
	if (p->enabled && p->drawn)
		fputs("\r\033[K", stderr);
	if (p->enabled)
		fflush(stderr);
	pthread_mutex_destroy(&p->lock);
}
