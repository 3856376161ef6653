/* test_net.c - the probes' TCP layer against sockets the test opens on
 * 127.0.0.1: --resolve validation, refused, connected, a silent peer
 * that runs into the phase deadline, a closing peer, and host slots. */
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check_main.h"
#include "probe/net.h"

/* A listening socket on an ephemeral loopback port. */
static int listener(unsigned *port)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(fd, 8), 0);
	getsockname(fd, (struct sockaddr *)&a, &len);
	*port = ntohs(a.sin_port);
	return fd;
}

static const struct {
	const char *entry;
	int ok;
} resolve_rows[] = {
	{ "api.test:443:127.0.0.1", 1 },
	{ "api.test:8443:[::1]", 1 },
	{ "api.test:443:::1", 1 },
	{ "api.test:443", 0 },
	{ "api.test:0:127.0.0.1", 0 },
	{ "api.test:443:not-an-address", 0 },
	{ ":443:127.0.0.1", 0 },
	{ "api.test:443:[::1", 0 },
	{ "api.test:*:127.0.0.1", 1 },
	{ "api.test:*:[::1]", 1 },
	{ "api.test:**:127.0.0.1", 0 },
	{ "api.test:*", 0 },
	{ "*:443:127.0.0.1", 1 },	/* a host named '*': no wildcard */
};

/* Which --resolve entry pins a host and port: this port, then every port
 * ('*'), then the host's first other port; the name in any case. */
static const char *const pins[] = {
	"a.test:443:127.0.0.1", "a.test:*:127.0.0.2", "b.test:8443:127.0.0.3",
	"B.test:9443:127.0.0.4", "c.test:*:[::1]",
};

static const struct {
	const char *host;
	unsigned port;
	const char *want;	/* NULL: not pinned */
} pin_rows[] = {
	{ "a.test", 443, "127.0.0.1" },
	{ "a.test", 80, "127.0.0.2" },
	{ "A.TEST", 8443, "127.0.0.2" },
	{ "b.test", 8443, "127.0.0.3" },
	{ "b.test", 80, "127.0.0.3" },
	{ "b.test", 9443, "127.0.0.4" },
	{ "c.test", 443, "::1" },
	{ "d.test", 443, NULL },
	{ "test", 443, NULL },
};

START_TEST(test_pin)
{
	struct strlist l = { 0 };
	struct net n;
	struct err e = ERR_INIT;
	char buf[64];
	const char *got;

	for (size_t i = 0; i < sizeof(pins) / sizeof(pins[0]); i++)
		strlist_push(&l, pins[i]);
	ck_assert_int_eq(net_init(&n, 1000, 0, 4, &l, &e), 0);
	got = net_pin(&n, pin_rows[_i].host, pin_rows[_i].port, buf,
		      sizeof(buf));
	if (pin_rows[_i].want)
		ck_assert_msg(got && !strcmp(got, pin_rows[_i].want),
			      "%s:%u: want %s, got %s", pin_rows[_i].host,
			      pin_rows[_i].port, pin_rows[_i].want,
			      got ? got : "(none)");
	else
		ck_assert_msg(!got, "%s:%u: pinned to %s", pin_rows[_i].host,
			      pin_rows[_i].port, got);
	net_release(&n);
	strlist_release(&l);
}
END_TEST

START_TEST(test_resolve_entries)
{
	struct strlist l = { 0 };
	struct net n;
	struct err e = ERR_INIT;
	int rc;

	strlist_push(&l, resolve_rows[_i].entry);
	rc = net_init(&n, 1000, 0, 4, &l, &e);
	ck_assert_msg((rc == 0) == resolve_rows[_i].ok, "%s: %s",
		      resolve_rows[_i].entry, e.msg);
	if (!rc)
		net_release(&n);
	else
		ck_assert_ptr_nonnull(strstr(e.msg, "--resolve"));
	strlist_release(&l);
}
END_TEST

START_TEST(test_connect_and_read)
{
	struct net n;
	struct net_conn c, c2;
	struct err e = ERR_INIT;
	struct strlist l = { 0 };
	unsigned port;
	int lfd = listener(&port), peer;
	char why[128], buf[16], entry[64];
	size_t got;

	/* a made-up name that --resolve sends to loopback; another, pinned
	 * for every port */
	snprintf(entry, sizeof(entry), "api.invalid:%u:127.0.0.1", port);
	strlist_push(&l, entry);
	strlist_push(&l, "every.invalid:*:127.0.0.1");
	ck_assert_int_eq(net_init(&n, 200, 0, 4, &l, &e), 0);
	ck_assert_int_eq(net_connect(&n, "api.invalid", port, &c, why,
				     sizeof(why)), NET_OK);
	peer = accept(lfd, NULL, NULL);
	ck_assert_int_ge(peer, 0);
	/* the peer says nothing: the phase ends in a timeout */
	ck_assert_int_eq(net_recv(&c, buf, sizeof(buf), &got, why,
				  sizeof(why)), NET_TIMEOUT);
	ck_assert_ptr_nonnull(strstr(why, "no answer within 200 ms"));
	ck_assert_int_eq(write(peer, "hi", 2), 2);
	net_phase(&c);
	ck_assert_int_eq(net_recv(&c, buf, sizeof(buf), &got, why,
				  sizeof(why)), NET_OK);
	ck_assert_uint_eq(got, 2);
	close(peer);
	ck_assert_int_eq(net_connect(&n, "every.invalid", port, &c2, why,
				     sizeof(why)), NET_OK);
	net_close(&c2, 1);
	peer = accept(lfd, NULL, NULL);
	ck_assert_int_ge(peer, 0);
	close(peer);
	ck_assert_int_eq(net_recv(&c, buf, sizeof(buf), &got, why,
				  sizeof(why)), NET_CLOSED);
	net_close(&c, 1);
	close(lfd);
	/* nothing listens there now */
	ck_assert_int_eq(net_connect(&n, "127.0.0.1", port, &c, why,
				     sizeof(why)), NET_REFUSED);
	ck_assert_ptr_nonnull(strstr(why, "refused"));
	ck_assert_int_eq(net_connect(&n, "no-such-host.invalid", port, &c,
				     why, sizeof(why)), NET_ERROR);
	ck_assert_ptr_nonnull(strstr(why, "cannot resolve"));
	net_release(&n);
	strlist_release(&l);
}
END_TEST

struct slot_args {
	struct net *n;
	int done;
};

static void *second(void *p)
{
	struct slot_args *a = p;

	net_acquire(a->n, "api.test");
	__atomic_store_n(&a->done, 1, __ATOMIC_SEQ_CST);
	net_give_back(a->n, "api.test");
	return NULL;
}

/* With one slot per host, a second taker waits until the first gives
 * it back; another host is not held up. */
START_TEST(test_host_slots)
{
	struct net n;
	struct err e = ERR_INIT;
	struct slot_args a = { &n, 0 };
	pthread_t t;

	ck_assert_int_eq(net_init(&n, 1000, 0, 1, NULL, &e), 0);
	net_acquire(&n, "api.test");
	net_acquire(&n, "other.test");	/* would block if shared */
	pthread_create(&t, NULL, second, &a);
	usleep(50000);
	ck_assert_int_eq(__atomic_load_n(&a.done, __ATOMIC_SEQ_CST), 0);
	net_give_back(&n, "api.test");
	pthread_join(t, NULL);
	ck_assert_int_eq(a.done, 1);
	net_give_back(&n, "other.test");
	net_release(&n);
}
END_TEST

/* The global rate spaces connections 1/rate apart: after n slots at
 * 1000 a second the limiter's schedule has moved n ms on, whatever the
 * hosts (read from its state, not from a clock). */
START_TEST(test_rate)
{
	struct net n;
	struct err e = ERR_INIT;
	long long first;

	ck_assert_int_eq(net_init(&n, 1000, 1000.0, 8, NULL, &e), 0);
	net_acquire(&n, "a.test");
	first = n.next_ns;
	for (int i = 0; i < 4; i++) {
		net_acquire(&n, i % 2 ? "a.test" : "b.test");
		ck_assert_int_ge(n.next_ns - first, (i + 1) * 1000000LL);
	}
	for (int i = 0; i < 5; i++)
		net_give_back(&n, i % 2 ? "b.test" : "a.test");
	net_release(&n);
	/* rate 0: no schedule at all */
	ck_assert_int_eq(net_init(&n, 1000, 0, 8, NULL, &e), 0);
	net_acquire(&n, "a.test");
	ck_assert_int_eq(n.next_ns, 0);
	net_give_back(&n, "a.test");
	net_release(&n);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("net");
	TCase *tc = tcase_create("net");

	tcase_add_loop_test(tc, test_resolve_entries, 0,
			    sizeof(resolve_rows) / sizeof(resolve_rows[0]));
	tcase_add_loop_test(tc, test_pin, 0,
			    sizeof(pin_rows) / sizeof(pin_rows[0]));
	tcase_add_test(tc, test_connect_and_read);
	tcase_add_test(tc, test_host_slots);
	tcase_add_test(tc, test_rate);
	suite_add_tcase(s, tc);
	return s;
}
