/* net.c - TCP for the probes: resolution cache, rate, host slots, and I/O
 * with a deadline per phase. Sockets are non-blocking throughout so a
 * silent peer costs one timeout, never a hung worker. See net.h. */
#include "net.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/xalloc.h"

struct net_host {
	char *name;
	unsigned active;
};

/* A resolved host:port: its addresses, or why it has none. */
struct net_addr {
	char *host;
	unsigned port;
	struct addrinfo *ai;
	char error[128];
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ns(long long ns)
{
	struct timespec ts = { ns / 1000000000LL, ns % 1000000000LL };

	while (ns > 0 && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* "host:port:addr" with an optional [v6] address, port "*" for every
 * port (given back as 0); the pieces point into buf, which the caller
 * provides. */
static int split_resolve(const char *entry, char *buf, size_t n,
			 const char **host, long *port, const char **addr)
{
	char *c1, *c2, *end;

	snprintf(buf, n, "%s", entry);
	if (!(c1 = strchr(buf, ':')) || !(c2 = strchr(c1 + 1, ':')))
		return -1;
	*c1 = *c2 = '\0';
	*host = buf;
	if (!strcmp(c1 + 1, "*")) {
		*port = 0;
	} else {
		*port = strtol(c1 + 1, &end, 10);
		if (*end || *port < 1 || *port > 65535)
			return -1;
	}
	if (!*buf || !c2[1])
		return -1;
	*addr = c2 + 1;
	if (**addr == '[') {
		char *close = strchr(c2 + 1, ']');

		if (!close || close[1])
			return -1;
		*close = '\0';
		(*addr)++;
	}
	return 0;
}

static int lookup(const char *host, unsigned port, int numeric,
		  struct addrinfo **out, char *why, size_t whylen)
{
	struct addrinfo hints = { 0 };
	char ports[8];
	int rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = numeric ? AI_NUMERICHOST : AI_ADDRCONFIG;
	snprintf(ports, sizeof(ports), "%u", port);
	rc = getaddrinfo(host, ports, &hints, out);
	if (rc) {
		snprintf(why, whylen, "cannot resolve '%s': %s", host,
			 gai_strerror(rc));
		*out = NULL;
		return -1;
	}
	return 0;
}

int net_init(struct net *n, long timeout_ms, double rate,
	     unsigned per_host, const struct strlist *resolve,
	     struct err *e)
{
	memset(n, 0, sizeof(*n));
	for (size_t i = 0; resolve && i < resolve->nr; i++) {
		char buf[300], why[160];
		const char *host, *addr;
		struct addrinfo *ai;
		long port;

		if (split_resolve(resolve->items[i], buf, sizeof(buf), &host,
				  &port, &addr))
			return err_set(e, "--resolve '%s': want "
				       "HOST:PORT:ADDRESS (PORT * for every "
				       "port)", resolve->items[i]);
		if (lookup(addr, port ? (unsigned)port : 443, 1, &ai, why,
			   sizeof(why)))
			return err_set(e, "--resolve '%s': '%s' is not an IP "
				       "address", resolve->items[i], addr);
		freeaddrinfo(ai);
	}
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->freed, NULL);
	n->timeout_ms = timeout_ms > 0 ? timeout_ms : 5000;
	n->rate = rate;
	n->per_host = per_host ? per_host : 1;
	n->resolve = resolve;
	return 0;
}

void net_release(struct net *n)
{
	for (size_t i = 0; i < n->nr_hosts; i++)
		free(n->hosts[i].name);
	free(n->hosts);
	for (size_t i = 0; i < n->nr_addrs; i++) {
		free(n->addrs[i].host);
		if (n->addrs[i].ai)
			freeaddrinfo(n->addrs[i].ai);
	}
	free(n->addrs);
	pthread_mutex_destroy(&n->lock);
	pthread_cond_destroy(&n->freed);
	memset(n, 0, sizeof(*n));
}

/* The cache entry of host:port, or NULL; with n->lock held. Entries are
 * never removed and an entry's list never changes once set, so a list
 * outlives the lock even when the array moves. */
static struct net_addr *cached(struct net *n, const char *host,
			       unsigned port)
{
	for (size_t i = 0; i < n->nr_addrs; i++)
		if (n->addrs[i].port == port &&
		    !strcmp(n->addrs[i].host, host))
			return &n->addrs[i];
	return NULL;
}

/* An entry's addresses, or NULL with why set; with n->lock held. */
static const struct addrinfo *answer(const struct net_addr *a, char *why,
				     size_t whylen)
{
	if (!a->ai)
		snprintf(why, whylen, "%s", a->error);
	return a->ai;
}

const char *net_pin(const struct net *n, const char *host, unsigned port,
		    char *buf, size_t len)
{
	const char *found = NULL;
	int best = 0;

	for (size_t i = 0; n->resolve && i < n->resolve->nr; i++) {
		char entry[300];
		const char *h, *addr;
		long p;
		int rank;

		if (split_resolve(n->resolve->items[i], entry, sizeof(entry),
				  &h, &p, &addr) || strcasecmp(h, host))
			continue;
		/* this port, then every port, then the host's other ports */
		rank = (unsigned)p == port ? 3 : p == 0 ? 2 : 1;
		if (rank > best) {
			best = rank;
			snprintf(buf, len, "%s", addr);
			found = buf;
		}
	}
	return found;
}

/* The cached addresses of host:port (resolved outside the lock, so a slow
 * DNS answer holds up nobody else); NULL with why set when none. */
static const struct addrinfo *resolve(struct net *n, const char *host,
				      unsigned port, char *why,
				      size_t whylen)
{
	struct net_addr fresh = { 0 }, *a;
	const struct addrinfo *ai = NULL;
	const char *override;
	char buf[300];

	pthread_mutex_lock(&n->lock);
	a = cached(n, host, port);
	if (a)
		ai = answer(a, why, whylen);
	pthread_mutex_unlock(&n->lock);
	if (a)
		return ai;

	override = net_pin(n, host, port, buf, sizeof(buf));
	lookup(override ? override : host, port, override != NULL,
	       &fresh.ai, fresh.error, sizeof(fresh.error));

	pthread_mutex_lock(&n->lock);
	a = cached(n, host, port);
	if (!a) {
		ALLOC_GROW(n->addrs, n->nr_addrs, n->alloc_addrs);
		a = &n->addrs[n->nr_addrs++];
		*a = fresh;
		a->host = xstrdup(host);
		a->port = port;
	} else if (fresh.ai) {
		freeaddrinfo(fresh.ai);	/* another worker was quicker */
	}
	ai = answer(a, why, whylen);
	pthread_mutex_unlock(&n->lock);
	return ai;
}

void net_acquire(struct net *n, const char *host)
{
	struct net_host *h = NULL;
	long long wait = 0;

	pthread_mutex_lock(&n->lock);
	for (;;) {
		h = NULL;
		for (size_t i = 0; i < n->nr_hosts && !h; i++)
			if (!strcmp(n->hosts[i].name, host))
				h = &n->hosts[i];
		if (!h) {
			ALLOC_GROW(n->hosts, n->nr_hosts, n->alloc_hosts);
			h = &n->hosts[n->nr_hosts++];
			h->name = xstrdup(host);
			h->active = 0;
		}
		if (h->active < n->per_host)
			break;
		pthread_cond_wait(&n->freed, &n->lock);
	}
	h->active++;
	if (n->rate > 0) {
		long long t = now_ns(), step = (long long)(1e9 / n->rate);

		if (n->next_ns < t)
			n->next_ns = t;
		wait = n->next_ns - t;
		n->next_ns += step;
	}
	pthread_mutex_unlock(&n->lock);
	sleep_ns(wait);
}

void net_give_back(struct net *n, const char *host)
{
	pthread_mutex_lock(&n->lock);
	for (size_t i = 0; i < n->nr_hosts; i++)
		if (!strcmp(n->hosts[i].name, host) && n->hosts[i].active) {
			n->hosts[i].active--;
			break;
		}
	pthread_cond_broadcast(&n->freed);
	pthread_mutex_unlock(&n->lock);
}

void net_phase(struct net_conn *c)
{
	c->deadline_ns = now_ns() + c->net->timeout_ms * 1000000LL;
}

static int remaining_ms(const struct net_conn *c)
{
	long long left = c->deadline_ns - now_ns();

	return left <= 0 ? 0 : (int)((left + 999999) / 1000000);
}

static enum net_status from_errno(int err, char *why, size_t whylen)
{
	snprintf(why, whylen, "%s", strerror(err));
	switch (err) {
	case ECONNREFUSED:
	case ECONNRESET:
	case EPIPE:
		return NET_REFUSED;
	case ETIMEDOUT:
		return NET_TIMEOUT;
	default:
		return NET_ERROR;
	}
}

enum net_status net_wait(struct net_conn *c, int want_write)
{
	struct pollfd p = { c->fd, want_write ? POLLOUT : POLLIN, 0 };
	int rc;

	do {
		rc = poll(&p, 1, remaining_ms(c));
	} while (rc < 0 && errno == EINTR);
	if (rc == 0)
		return NET_TIMEOUT;
	return rc < 0 ? NET_ERROR : NET_OK;
}

static enum net_status try_addr(struct net_conn *c, const struct addrinfo *a,
				char *why, size_t whylen)
{
	int fd, err = 0, one = 1;
	socklen_t len = sizeof(err);
	enum net_status st;

	fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, a->ai_protocol);
	if (fd < 0)
		return from_errno(errno, why, whylen);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	if (!connect(fd, a->ai_addr, a->ai_addrlen))
		return NET_OK;
	if (errno != EINPROGRESS) {
		st = from_errno(errno, why, whylen);
		goto fail;
	}
	st = net_wait(c, 1);
	if (st == NET_TIMEOUT) {
		snprintf(why, whylen, "no connection within %ld ms",
			 c->net->timeout_ms);
		goto fail;
	}
	if (st == NET_OK &&
	    !getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) && !err)
		return NET_OK;
	st = from_errno(err ? err : errno, why, whylen);
fail:
	close(fd);
	c->fd = -1;
	return st;
}

enum net_status net_connect(struct net *n, const char *host, unsigned port,
			    struct net_conn *c, char *why, size_t whylen)
{
	const struct addrinfo *ai;
	enum net_status st = NET_ERROR;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->net = n;
	ai = resolve(n, host, port, why, whylen);
	if (!ai)
		return NET_ERROR;
	net_acquire(n, host);
	c->host = xstrdup(host);
	for (const struct addrinfo *a = ai; a; a = a->ai_next) {
		net_phase(c);
		st = try_addr(c, a, why, whylen);
		if (st == NET_OK) {
			net_phase(c);
			return NET_OK;
		}
	}
	net_close(c, 0);
	return st;
}

enum net_status net_send(struct net_conn *c, const void *p, size_t len,
			 char *why, size_t whylen)
{
	const char *s = p;

	while (len) {
		ssize_t w = send(c->fd, s, len, MSG_NOSIGNAL);
		enum net_status st;

		if (w > 0) {
			s += w;
			len -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno != EAGAIN)
			return from_errno(errno, why, whylen);
		st = net_wait(c, 1);
		if (st != NET_OK) {
			snprintf(why, whylen, "could not send within %ld ms",
				 c->net->timeout_ms);
			return st;
		}
	}
	return NET_OK;
}

enum net_status net_recv(struct net_conn *c, void *buf, size_t cap,
			 size_t *got, char *why, size_t whylen)
{
	*got = 0;
	for (;;) {
		ssize_t r = recv(c->fd, buf, cap, 0);
		enum net_status st;

		if (r > 0) {
			*got = (size_t)r;
			return NET_OK;
		}
		if (r == 0) {
			snprintf(why, whylen, "connection closed");
			return NET_CLOSED;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return from_errno(errno, why, whylen);
		st = net_wait(c, 0);
		if (st == NET_TIMEOUT) {
			snprintf(why, whylen, "no answer within %ld ms",
				 c->net->timeout_ms);
			return st;
		}
		if (st != NET_OK)
			return from_errno(errno, why, whylen);
	}
}

void net_close(struct net_conn *c, int reset)
{
	if (c->fd >= 0) {
		if (reset) {
			struct linger l = { 1, 0 };

			setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l,
				   sizeof(l));
		}
		close(c->fd);
		c->fd = -1;
	}
	if (c->host) {
		net_give_back(c->net, c->host);
		free(c->host);
		c->host = NULL;
	}
}
