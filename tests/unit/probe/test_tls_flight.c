/* test_tls_flight.c - the server's first flight to its ServerHelloDone,
 * and the Heartbleed probe's heartbeat records: rows of bytes and what
 * each must give, every prefix read from an exact heap copy. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "lib/xalloc.h"
#include "probe/tls_flight.h"

#define BIN(a) a, sizeof(a)
/* a ServerHello of 6 body bytes (no real one: only headers are read) */
#define SH 0x02, 0x00, 0x00, 0x06, 1, 2, 3, 4, 5, 6
#define DONE 0x0e, 0x00, 0x00, 0x00

static const unsigned char one_record[] = {
	0x16, 0x03, 0x03, 0x00, 0x0e, SH, DONE,
};
/* ServerHello, a Certificate split over two records, then the Done */
static const unsigned char split_cert[] = {
	0x16, 0x03, 0x03, 0x00, 0x0e, SH, 0x0b, 0x00, 0x00, 0x05,
	0x16, 0x03, 0x03, 0x00, 0x09, 1, 2, 3, 4, 5, DONE,
};
/* a handshake header cut between records */
static const unsigned char split_header[] = {
	0x16, 0x03, 0x03, 0x00, 0x0c, SH, 0x0e, 0x00,
	0x16, 0x03, 0x03, 0x00, 0x02, 0x00, 0x00,
};
static const unsigned char warning_first[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70,
	0x16, 0x03, 0x03, 0x00, 0x0e, SH, DONE,
};
static const unsigned char fatal[] = {
	0x16, 0x03, 0x03, 0x00, 0x0a, SH,
	0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28,
};
static const unsigned char close_notify[] = {
	0x16, 0x03, 0x03, 0x00, 0x0a, SH,
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00,
};
static const unsigned char app_data[] = {
	0x16, 0x03, 0x03, 0x00, 0x0a, SH,
	0x17, 0x03, 0x03, 0x00, 0x01, 0x00,
};
static const unsigned char done_body[] = {
	0x16, 0x03, 0x03, 0x00, 0x05, 0x0e, 0x00, 0x00, 0x01, 0x00,
};
static const unsigned char long_alert[] = {
	0x15, 0x03, 0x03, 0x00, 0x03, 0x02, 0x28, 0x00,
};
static const unsigned char no_done[] = {
	0x16, 0x03, 0x03, 0x00, 0x0a, SH,
};

static const struct {
	const char *name;
	const unsigned char *b;
	size_t len;
	enum tls_flight want;
	size_t used;		/* DONE */
	uint8_t alert;		/* ALERT */
	const char *why;	/* BAD */
} flight_rows[] = {
	{ "one record", BIN(one_record), TLS_FLIGHT_DONE, 19, 0, NULL },
	{ "certificate split", BIN(split_cert), TLS_FLIGHT_DONE, 33, 0,
	  NULL },
	{ "header split", BIN(split_header), TLS_FLIGHT_DONE, 24, 0, NULL },
	{ "warning skipped", BIN(warning_first), TLS_FLIGHT_DONE, 26, 0,
	  NULL },
	{ "fatal alert", BIN(fatal), TLS_FLIGHT_ALERT, 0, 40, NULL },
	{ "close_notify", BIN(close_notify), TLS_FLIGHT_ALERT, 0, 0, NULL },
	{ "application data", BIN(app_data), TLS_FLIGHT_BAD, 0, 0,
	  "record of type 23 in the server's first flight" },
	{ "ServerHelloDone with a body", BIN(done_body), TLS_FLIGHT_BAD, 0,
	  0, "ServerHelloDone of 1 bytes" },
	{ "alert of 3 bytes", BIN(long_alert), TLS_FLIGHT_BAD, 0, 0,
	  "record of 3 bytes in the server's first flight" },
	{ "no ServerHelloDone yet", BIN(no_done), TLS_FLIGHT_MORE, 0, 0,
	  NULL },
};

static enum tls_flight scan_exact(const unsigned char *b, size_t n,
				  size_t *used, uint8_t *alert, char *why,
				  size_t whylen)
{
	unsigned char *copy = xmalloc(n ? n : 1);
	enum tls_flight f;

	memcpy(copy, b, n);
	f = tls_flight_scan(copy, n, used, alert, why, whylen);
	free(copy);
	return f;
}

START_TEST(test_flight_rows)
{
	size_t used = 0;
	uint8_t alert = 0;
	char why[128] = "";
	enum tls_flight f;

	f = scan_exact(flight_rows[_i].b, flight_rows[_i].len, &used, &alert,
		       why, sizeof(why));
	ck_assert_msg(f == flight_rows[_i].want, "%s: %d, want %d (%s)",
		      flight_rows[_i].name, f, flight_rows[_i].want, why);
	if (f == TLS_FLIGHT_DONE)
		ck_assert_uint_eq(used, flight_rows[_i].used);
	if (f == TLS_FLIGHT_ALERT)
		ck_assert_uint_eq(alert, flight_rows[_i].alert);
	if (f == TLS_FLIGHT_BAD)
		ck_assert_str_eq(why, flight_rows[_i].why);
}
END_TEST

/* Every prefix of a flight that ends DONE is MORE: nothing is decided on
 * a record not yet whole. */
START_TEST(test_flight_prefixes)
{
	for (size_t n = 0; n < flight_rows[_i].len; n++) {
		size_t used;
		uint8_t alert;
		char why[128];
		enum tls_flight f;

		if (flight_rows[_i].want != TLS_FLIGHT_DONE)
			return;
		f = scan_exact(flight_rows[_i].b, n, &used, &alert, why,
			       sizeof(why));
		ck_assert_msg(f == TLS_FLIGHT_MORE, "%s: %zu bytes give %d",
			      flight_rows[_i].name, n, f);
	}
}
END_TEST

/* a Certificate of two certificates, "ABC" and "DE", split over records */
static const unsigned char with_cert[] = {
	0x16, 0x03, 0x03, 0x00, 0x0e, SH, 0x0b, 0x00, 0x00, 0x0e,
	0x16, 0x03, 0x03, 0x00, 0x12, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x03,
	'A', 'B', 'C', 0x00, 0x00, 0x02, 'D', 'E', DONE,
};
static const unsigned char cert_bad_list[] = {
	0x16, 0x03, 0x03, 0x00, 0x0d, 0x0b, 0x00, 0x00, 0x09, 0x00, 0x00,
	0x07, 0x00, 0x00, 0x03, 'A', 'B', 'C', DONE,
};

START_TEST(test_flight_leaf)
{
	struct strbuf leaf = STRBUF_INIT;
	char why[128] = "";

	ck_assert_int_eq(tls_flight_leaf(with_cert, sizeof(with_cert), &leaf,
					 why, sizeof(why)), 0);
	ck_assert_uint_eq(leaf.len, 3);
	ck_assert_mem_eq(leaf.buf, "ABC", 3);
	strbuf_reset(&leaf);
	ck_assert_int_eq(tls_flight_leaf(one_record, sizeof(one_record),
					 &leaf, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "no certificate in the server's first flight");
	ck_assert_int_eq(tls_flight_leaf(cert_bad_list, sizeof(cert_bad_list),
					 &leaf, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "malformed Certificate message");
	ck_assert_uint_eq(leaf.len, 0);
	strbuf_release(&leaf);
}
END_TEST

/* ClientKeyExchange with the encrypted secret, ChangeCipherSpec, then a
 * Finished record of 64 random bytes. */
START_TEST(test_robot_flight)
{
	static const unsigned char enc[4] = { 1, 2, 3, 4 };
	static const unsigned char want[] = {
		0x16, 0x03, 0x01, 0x00, 0x0a, 0x10, 0x00, 0x00, 0x06, 0x00,
		0x04, 1, 2, 3, 4, 0x14, 0x03, 0x01, 0x00, 0x01, 0x01, 0x16,
		0x03, 0x01, 0x00, 0x40,
	};
	struct strbuf out = STRBUF_INIT;

	ck_assert_int_eq(tls_robot_flight(0x0301, enc, sizeof(enc), &out), 0);
	ck_assert_uint_eq(out.len, sizeof(want) + 64);
	ck_assert_mem_eq(out.buf, want, sizeof(want));
	strbuf_release(&out);
}
END_TEST

/* The two requests: an overlong one of a type and a length, then a
 * well-formed one with its payload and 16 bytes of padding. */
START_TEST(test_heartbeat_requests)
{
	unsigned char out[TLS_HB_REQUESTS];
	size_t n = tls_heartbeat_requests(0x0302, out);
	static const unsigned char first[] = {
		24, 0x03, 0x02, 0x00, 0x03, 1, TLS_HB_CLAIM >> 8,
		TLS_HB_CLAIM & 0xff,
	};
	static const unsigned char second[] = {
		24, 0x03, 0x02, 0x00, 3 + TLS_HB_PAYLOAD + 16, 1, 0x00,
		TLS_HB_PAYLOAD,
	};

	ck_assert_uint_eq(n, TLS_HB_REQUESTS);
	ck_assert_mem_eq(out, first, sizeof(first));
	ck_assert_mem_eq(out + sizeof(first), second, sizeof(second));
	ck_assert_uint_gt(TLS_HB_CLAIM, TLS_HB_PAYLOAD);
}
END_TEST

static const unsigned char hb_leak[] = {
	24, 0x03, 0x03, 0x01, 0x13, 2, TLS_HB_CLAIM >> 8, TLS_HB_CLAIM & 0xff,
};
static const unsigned char hb_echo[] = {
	24, 0x03, 0x03, 0x00, 0x23, 2, 0x00, TLS_HB_PAYLOAD,
};
static const unsigned char hb_alert[] = { 21, 0x03, 0x03, 0x00, 0x02, 2, 10 };
static const unsigned char hb_request[] = {
	24, 0x03, 0x03, 0x00, 0x23, 1, 0x00, TLS_HB_PAYLOAD,
};
static const unsigned char hb_other[] = {
	24, 0x03, 0x03, 0x00, 0x23, 2, 0x00, 0x07,
};
static const unsigned char hb_handshake[] = { 22, 0x03, 0x03, 0x00, 0x04 };

static const struct {
	const char *name;
	const unsigned char *b;
	size_t len;
	enum tls_heartbeat want;
	size_t record_len;	/* LEAK, ECHO */
	uint8_t alert;		/* ALERT */
	const char *why;	/* BAD */
} hb_rows[] = {
	{ "leak", BIN(hb_leak), TLS_HB_LEAK, 0x113, 0, NULL },
	{ "echo", BIN(hb_echo), TLS_HB_ECHO, 0x23, 0, NULL },
	{ "alert", BIN(hb_alert), TLS_HB_ALERT, 0, 10, NULL },
	{ "a request back", BIN(hb_request), TLS_HB_BAD, 0, 0,
	  "answered the heartbeat with a 35-byte message of type 1" },
	{ "neither length", BIN(hb_other), TLS_HB_BAD, 0, 0,
	  "answered the heartbeat with payload_length 7, which neither "
	  "request had" },
	{ "handshake record", BIN(hb_handshake), TLS_HB_BAD, 0, 0,
	  "answered the heartbeat with a record of type 22" },
};

START_TEST(test_heartbeat_answer)
{
	size_t rec = 0;
	uint8_t alert = 0;
	char why[128] = "";
	unsigned char *copy = xmalloc(hb_rows[_i].len);
	enum tls_heartbeat a;

	memcpy(copy, hb_rows[_i].b, hb_rows[_i].len);
	ck_assert_uint_le(hb_rows[_i].len, TLS_HB_PEEK);
	a = tls_heartbeat_answer(copy, hb_rows[_i].len, &rec, &alert, why,
				 sizeof(why));
	ck_assert_msg(a == hb_rows[_i].want, "%s: %d (%s)", hb_rows[_i].name,
		      a, why);
	if (a == TLS_HB_LEAK || a == TLS_HB_ECHO)
		ck_assert_uint_eq(rec, hb_rows[_i].record_len);
	if (a == TLS_HB_ALERT)
		ck_assert_uint_eq(alert, hb_rows[_i].alert);
	if (a == TLS_HB_BAD)
		ck_assert_str_eq(why, hb_rows[_i].why);
	/* fewer bytes than decide are MORE, never a verdict */
	for (size_t n = 0; a != TLS_HB_BAD && n < hb_rows[_i].len; n++)
		ck_assert_int_eq(tls_heartbeat_answer(copy, n, &rec, &alert,
						      why, sizeof(why)),
				 TLS_HB_MORE);
	free(copy);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("tls_flight");
	TCase *t = tcase_create("flight");

	tcase_add_loop_test(t, test_flight_rows, 0, ARRAY_SIZE(flight_rows));
	tcase_add_loop_test(t, test_flight_prefixes, 0,
			    ARRAY_SIZE(flight_rows));
	tcase_add_test(t, test_flight_leaf);
	tcase_add_test(t, test_robot_flight);
	tcase_add_test(t, test_heartbeat_requests);
	tcase_add_loop_test(t, test_heartbeat_answer, 0, ARRAY_SIZE(hb_rows));
	suite_add_tcase(s, t);
	return s;
}
