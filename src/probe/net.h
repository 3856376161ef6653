/* net.h - TCP connections for the endpoint probes: name resolution (with
 * --resolve overrides, cached per host and port), a global connection rate
 * and a per-host connection cap shared by every worker thread, and
 * connect / send / receive against a deadline for each phase. Nothing here
 * knows TLS or HTTP.
 *
 * Ownership: struct net owns its caches (net_release frees them) and
 * borrows the --resolve strings. A struct net_conn belongs to the caller,
 * holds one of its host's slots while open, and net_close() gives both
 * back. Every function is safe to call from several threads.
 */
#ifndef AUTHAUDIT_NET_H
#define AUTHAUDIT_NET_H

#include <pthread.h>
#include <stddef.h>

#include "lib/err.h"
#include "lib/strlist.h"

enum net_status {
	NET_OK,
	NET_REFUSED,		/* connection refused or reset */
	NET_TIMEOUT,		/* the phase's deadline passed */
	NET_CLOSED,		/* the peer closed the connection */
	NET_ERROR		/* anything else: no address, unreachable */
};

struct net_host;
struct net_addr;

struct net {
	pthread_mutex_t lock;
	pthread_cond_t freed;		/* a host slot came free */
	long timeout_ms;		/* each phase: connect, answer */
	double rate;			/* connections a second; 0: any */
	long long next_ns;		/* the rate's next free moment */
	unsigned per_host;		/* open connections per host */
	const struct strlist *resolve;	/* HOST:PORT:ADDR, borrowed */
	struct net_host *hosts;
	size_t nr_hosts, alloc_hosts;
	struct net_addr *addrs;
	size_t nr_addrs, alloc_addrs;
};

struct net_conn {
	int fd;
	struct net *net;
	char *host;			/* the slot held, owned */
	long long deadline_ns;		/* of the current phase */
};

/* Check the --resolve entries (curl's HOST:PORT:ADDR, and HOST:*:ADDR
 * for every port) and set up. */
int net_init(struct net *n, long timeout_ms, double rate,
	     unsigned per_host, const struct strlist *resolve,
	     struct err *e);
void net_release(struct net *n);

/* Connect to host:port (a name, or an IPv4/IPv6 literal) within the
 * timeout, after waiting for a host slot and the rate. On failure why
 * says what happened ("connection refused", "no answer within 5 s"). */
enum net_status net_connect(struct net *n, const char *host, unsigned port,
			    struct net_conn *c, char *why, size_t whylen);
/* Start a new phase: its deadline is now + the timeout. */
void net_phase(struct net_conn *c);
enum net_status net_send(struct net_conn *c, const void *p, size_t len,
			 char *why, size_t whylen);
/* Read what arrives before the phase's deadline: NET_OK with *got > 0,
 * NET_CLOSED at end of stream, NET_TIMEOUT, NET_REFUSED on a reset. */
enum net_status net_recv(struct net_conn *c, void *buf, size_t cap,
			 size_t *got, char *why, size_t whylen);
/* Wait until the socket is readable (want_write 0) or writable before the
 * phase's deadline; for non-blocking TLS handshakes. */
enum net_status net_wait(struct net_conn *c, int want_write);
/* Close; reset (RST, no TIME_WAIT) for probes that read a first answer
 * and hang up. */
void net_close(struct net_conn *c, int reset);

/* The --resolve address of host:port, written into buf, or NULL when
 * the host is not pinned: an entry for this port, else one for every
 * port ("*"), else the first for another port of the host. A host named
 * once is pinned for every check, so none goes through DNS to what may
 * be another machine. */
const char *net_pin(const struct net *n, const char *host, unsigned port,
		    char *buf, size_t len);

/* A slot and the rate for a connection someone else makes (libcurl). */
void net_acquire(struct net *n, const char *host);
void net_give_back(struct net *n, const char *host);


#endif
