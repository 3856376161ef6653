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

/* May a line be drawn now? Then *t is the seconds since the start and
 * p->lock is held: the caller draws and calls end_draw(). */
static int begin_draw(struct progress *p, unsigned long done,
		      unsigned long total, double *t)
{
	struct timespec now;

	if (!p->enabled)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* a run shorter than a second gets no progress line at all */
	if (secs(&p->start, &now) < 1.0 ||
	    (secs(&p->last, &now) < 0.1 && done < total))
		return 0;
	if (pthread_mutex_trylock(&p->lock))
		return 0;	/* another thread is drawing */
	p->last = now;
	*t = secs(&p->start, &now);
	return 1;
}

static void end_draw(struct progress *p)
{
	p->drawn = 1;
	pthread_mutex_unlock(&p->lock);
}

void progress_update(struct progress *p, unsigned long done,
		     unsigned long long bytes, unsigned long total)
{
	double t;

	if (!begin_draw(p, done, total, &t))
		return;
	fprintf(stderr, "\rscanning: %lu/%lu files, %.0f MB, %.0f MB/s ",
		done, total, (double)bytes / 1e6,
		t > 0 ? (double)bytes / 1e6 / t : 0.0);
	end_draw(p);
}

void progress_count(struct progress *p, const char *verb,
		    unsigned long done, unsigned long total,
		    const char *noun)
{
	double t;

	if (!begin_draw(p, done, total, &t))
		return;
	fprintf(stderr, "\r%s: %lu/%lu %s, %.0f s ", verb, done, total,
		noun, t);
	end_draw(p);
}

void progress_done(struct progress *p)
{
	if (p->enabled && p->drawn)
		fputs("\r\033[K", stderr);
	if (p->enabled)
		fflush(stderr);
	pthread_mutex_destroy(&p->lock);
}
