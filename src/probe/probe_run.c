/* probe_run.c - schedule every check of every endpoint on a pool of
 * workers, then judge each endpoint. See probe.h.
 *
 * A job is one check of one endpoint (one ClientHello version, the
 * certificate, the plain-HTTP request, ...) or one alternative port of
 * one host. Jobs are queued check by check across endpoints, so that
 * consecutive jobs mostly hit different hosts and one endpoint's checks
 * still run side by side; net.c's per-host cap and rate keep any one
 * server from being flooded. Workers take the next job by an atomic index
 * and write only into that job's own result; judging happens afterwards
 * on this thread, in target order, so the report is deterministic.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "lib/progress.h"
#include "lib/xalloc.h"

#define MAX_ALT_PORTS 32

struct slot {
	const struct probe_target *t;
	const struct profile *p;
	struct probe_result res;
	atomic_uint left;		/* jobs not yet done */
	size_t ports[MAX_ALT_PORTS];	/* its profile's alternative ports,
					 * as indexes into run.ports */
	size_t nr_ports;
};

enum job_kind {
	JOB_VERSION, JOB_WEAK, JOB_FS, JOB_CERT, JOB_KX, JOB_PLAIN, JOB_HSTS,
	JOB_FLAWS, JOB_FALLBACK, JOB_RENEG, JOB_ROBOT, JOB_REVOCATION,
	JOB_PORT
};

struct job {
	enum job_kind kind;
	unsigned arg;			/* version index, view, kx probe */
	size_t which;			/* slot, or port for JOB_PORT */
};

struct run {
	struct probe_ctx ctx;
	struct slot *slots;
	size_t nr_slots;
	struct port_result *ports;
	size_t nr_ports, alloc_ports;
	struct job *jobs;
	size_t nr_jobs, alloc_jobs;
	atomic_size_t next;
	atomic_ulong done;
	struct progress progress;
};

static void run_version(struct run *r, const struct job *j)
{
	struct slot *s = &r->slots[j->which];

	probe_version(&r->ctx, s->t, j->arg, &s->res);
}

static void run_weak(struct run *r, const struct job *j)
{
	struct slot *s = &r->slots[j->which];

	probe_weak(&r->ctx, s->t, j->arg, &s->res);
}

static void run_fs(struct run *r, const struct job *j)
{
	probe_fs(&r->ctx, r->slots[j->which].t, &r->slots[j->which].res);
}

static void run_cert(struct run *r, const struct job *j)
{
	struct slot *s = &r->slots[j->which];

	/* an address gets no SNI anyway: nothing to compare */
	if (j->arg == CERT_NO_SNI && tls_host_is_address(s->t->host))
		return;
	probe_cert(&r->ctx, s->t, (enum cert_view)j->arg, &s->res);
}

static void run_kx(struct run *r, const struct job *j)
{
	struct slot *s = &r->slots[j->which];

	probe_kx(&r->ctx, s->t, (enum kx_probe)j->arg, &s->res);
}

static void run_plain(struct run *r, const struct job *j)
{
	probe_plain(&r->ctx, r->slots[j->which].t, &r->slots[j->which].res);
}

static void run_hsts(struct run *r, const struct job *j)
{
	probe_hsts(&r->ctx, r->slots[j->which].t, &r->slots[j->which].res);
}

static void run_flaws(struct run *r, const struct job *j)
{
	probe_flaws_hello(&r->ctx, r->slots[j->which].t,
			  &r->slots[j->which].res);
}

static void run_fallback(struct run *r, const struct job *j)
{
	probe_flaws_fallback(&r->ctx, r->slots[j->which].t,
			     &r->slots[j->which].res);
}

static void run_reneg(struct run *r, const struct job *j)
{
	probe_flaws_reneg(&r->ctx, r->slots[j->which].t,
			  &r->slots[j->which].res);
}

static void run_robot(struct run *r, const struct job *j)
{
	probe_robot(&r->ctx, r->slots[j->which].t, &r->slots[j->which].res);
}

static void run_revocation(struct run *r, const struct job *j)
{
	probe_revocation(&r->ctx, r->slots[j->which].t,
			 &r->slots[j->which].res);
}

static void run_port(struct run *r, const struct job *j)
{
	probe_port(&r->ctx, &r->ports[j->which]);
}

/* The checks in queue order: how many jobs per endpoint, what runs them,
 * and the rules that need them (none listed: always run). JOB_REVOCATION
 * runs only with --check-revocation. */
static const struct job_def {
	enum job_kind kind;
	unsigned count;
	void (*run)(struct run *, const struct job *);
	enum probe_rule needs[10];
	size_t nr_needs;
} job_defs[] = {
	{ JOB_VERSION, PROBE_VERSIONS, run_version, { 0 }, 0 },
	{ JOB_CERT, CERT_VIEWS, run_cert, { PR_CERT_UNTRUSTED,
	  PR_CERT_SELF_SIGNED, PR_CERT_HOSTNAME, PR_CERT_EXPIRED,
	  PR_CERT_NOT_YET_VALID, PR_CERT_EXPIRING, PR_CERT_WEAK_KEY,
	  PR_CERT_WEAK_SIGNATURE, PR_CERT_CHAIN_INCOMPLETE,
	  PR_CERT_LIFETIME }, 10 },
	{ JOB_FS, 1, run_fs, { PR_NO_FORWARD_SECRECY }, 1 },
	{ JOB_KX, KX_PROBES, run_kx, { PR_KX_WEAK, PR_RSA_KX }, 2 },
	{ JOB_WEAK, PROBE_LEGACY, run_weak, { PR_CIPHER_WEAK }, 1 },
	{ JOB_PLAIN, 1, run_plain, { PR_PLAIN_SERVED, PR_PLAIN_REDIRECT }, 2 },
	{ JOB_HSTS, 1, run_hsts, { PR_HSTS_MISSING, PR_HSTS_SHORT }, 2 },
	{ JOB_FLAWS, 1, run_flaws, { PR_RENEG_INSECURE, PR_COMPRESSION,
	  PR_HEARTBLEED }, 3 },
	{ JOB_FALLBACK, 1, run_fallback, { PR_FALLBACK_IGNORED }, 1 },
	{ JOB_RENEG, 1, run_reneg, { PR_RENEG_CLIENT }, 1 },
	{ JOB_ROBOT, 1, run_robot, { PR_ROBOT }, 1 },
	{ JOB_REVOCATION, 1, run_revocation, { PR_CERT_REVOKED }, 1 },
};

static const struct job_def *job_def(enum job_kind k)
{
	for (size_t i = 0; i < ARRAY_SIZE(job_defs); i++)
		if (job_defs[i].kind == k)
			return &job_defs[i];
	return NULL;
}

static int wanted(const struct ruleset *rs, const struct slot *s,
		  const struct job_def *d)
{
	if (s->t->plain_only)
		return d->kind == JOB_PLAIN;
	if (!d->nr_needs)
		return 1;
	for (size_t i = 0; i < d->nr_needs; i++)
		if (probe_rule_on(rs, s->p, d->needs[i]))
			return 1;
	return 0;
}

static void add_job(struct run *r, enum job_kind k, unsigned arg,
		    size_t which)
{
	ALLOC_GROW(r->jobs, r->nr_jobs, r->alloc_jobs);
	r->jobs[r->nr_jobs].kind = k;
	r->jobs[r->nr_jobs].arg = arg;
	r->jobs[r->nr_jobs++].which = which;
}

size_t probe_alt_ports(const struct ruleset *rs, const struct profile *p,
		       const char *override, unsigned *out, size_t n)
{
	const char *v = override ? override :
			profile_param(rs, p, "alt_ports");
	int nr = v ? parse_ports(v, out, n) : 0;

	/* checked when the profile loaded and the option was read */
	return nr < 0 ? 0 : (size_t)nr;
}

/* Each host:port once, however many endpoints share the host; the slot
 * notes which are its own. */
static void add_ports(struct run *r, const struct ruleset *rs,
		      struct slot *s, const char *override)
{
	unsigned ports[MAX_ALT_PORTS];
	size_t n;

	if (s->t->plain_only || !probe_rule_on(rs, s->p, PR_ALT_PORT))
		return;
	n = probe_alt_ports(rs, s->p, override, ports, ARRAY_SIZE(ports));
	for (size_t i = 0; i < n; i++) {
		size_t k;

		for (k = 0; k < r->nr_ports; k++)
			if (r->ports[k].port == ports[i] &&
			    !strcmp(r->ports[k].host, s->t->host))
				break;
		if (k == r->nr_ports) {
			ALLOC_GROW(r->ports, r->nr_ports, r->alloc_ports);
			memset(&r->ports[k], 0, sizeof(r->ports[0]));
			r->ports[k].host = xstrdup(s->t->host);
			r->ports[k].port = ports[i];
			r->nr_ports++;
		}
		s->ports[s->nr_ports++] = k;
	}
}

static void plan(struct run *r, const struct ruleset *rs,
		 const char *override)
{
	for (size_t d = 0; d < ARRAY_SIZE(job_defs); d++)
		for (unsigned a = 0; a < job_defs[d].count; a++)
			for (size_t i = 0; i < r->nr_slots; i++)
				if (wanted(rs, &r->slots[i], &job_defs[d]) &&
				    (job_defs[d].kind != JOB_REVOCATION ||
				     r->ctx.o->check_revocation))
					add_job(r, job_defs[d].kind, a, i);
	for (size_t i = 0; i < r->nr_slots; i++)
		atomic_init(&r->slots[i].left, 0);
	for (size_t i = 0; i < r->nr_jobs; i++)
		if (r->jobs[i].kind != JOB_PORT)
			r->slots[r->jobs[i].which].left++;
	for (size_t i = 0; i < r->nr_slots; i++)
		add_ports(r, rs, &r->slots[i], override);
	for (size_t i = 0; i < r->nr_ports; i++)
		add_job(r, JOB_PORT, 0, i);
}

static void *worker(void *arg)
{
	struct run *r = arg;
	size_t i;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->nr_jobs) {
		const struct job *j = &r->jobs[i];

		if (j->kind == JOB_PORT) {
			run_port(r, j);
			continue;
		}
		job_def(j->kind)->run(r, j);
		if (atomic_fetch_sub(&r->slots[j->which].left, 1) == 1)
			progress_count(&r->progress, "probing",
				       atomic_fetch_add(&r->done, 1) + 1,
				       r->nr_slots, "endpoints");
	}
	return NULL;
}

static void work(struct run *r, unsigned threads)
{
	pthread_t *tids;
	unsigned n = threads ? threads : 1, started = 0;

	if (n > r->nr_jobs)
		n = r->nr_jobs ? (unsigned)r->nr_jobs : 1;
	tids = xcalloc(n, sizeof(*tids));
	/* this thread works too: a one-thread probe spawns nothing, and a
	 * thread that cannot start leaves its share to the others */
	for (unsigned t = 1; t < n; t++)
		if (!pthread_create(&tids[started], NULL, worker, r))
			started++;
	worker(r);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
}

long probe_run(const struct probe_opts *o, const struct ruleset *rs,
	       const struct profile *def, struct probe_targets *ts,
	       struct report *r, struct err *e)
{
	struct run run;
	long probed = 0;

	memset(&run, 0, sizeof(run));
	if (probe_ctx_init(&run.ctx, o, e))
		return -1;
	run.slots = xcalloc(ts->nr ? ts->nr : 1, sizeof(*run.slots));
	run.nr_slots = ts->nr;
	for (size_t i = 0; i < ts->nr; i++) {
		run.slots[i].t = &ts->items[i];
		run.slots[i].p = ts->items[i].profile ?
			ruleset_profile(rs, ts->items[i].profile) : def;
	}
	plan(&run, rs, o->alt_ports);
	atomic_init(&run.next, 0);
	atomic_init(&run.done, 0);
	progress_init(&run.progress, o->progress);
	work(&run, o->concurrency);
	progress_done(&run.progress);
	for (size_t i = 0; i < run.nr_slots; i++) {
		struct slot *s = &run.slots[i];
		struct port_result *mine[MAX_ALT_PORTS];

		for (size_t k = 0; k < s->nr_ports; k++)
			mine[k] = &run.ports[s->ports[k]];
		report_add_target(r, s->t->url, RULE_TARGET_ENDPOINT,
				  s->t->profile);
		r->stats.endpoints_probed++;
		probed += probe_judge(rs, s->p, s->t, &s->res, mine,
				      s->nr_ports, run.ctx.now, r);
	}
	for (size_t i = 0; i < run.nr_ports; i++)
		free(run.ports[i].host);
	free(run.ports);
	free(run.jobs);
	free(run.slots);
	probe_ctx_release(&run.ctx);
	return probed;
}
