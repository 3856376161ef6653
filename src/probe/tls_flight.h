/* tls_flight.h - what the protocol-flaw probes read past the ServerHello:
 * the rest of a TLS 1.0 - 1.2 server's first flight (up to its
 * ServerHelloDone) and the certificate in it, the heartbeat messages of
 * RFC 6520 that the Heartbleed probe sends and reads, and the
 * ClientKeyExchange flight of the ROBOT probe. No sockets here.
 *
 * Ownership: nothing is kept; the callers' buffers are only read
 * (tls_flight_scan, tls_heartbeat_answer) or written up to their size
 * (tls_heartbeat_requests); tls_flight_leaf and tls_robot_flight append
 * to the caller's strbuf.
 */
#ifndef AUTHAUDIT_TLS_FLIGHT_H
#define AUTHAUDIT_TLS_FLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/strbuf.h"

enum tls_flight {
	TLS_FLIGHT_MORE,	/* incomplete: read more, call again */
	TLS_FLIGHT_DONE,	/* the ServerHelloDone is in */
	TLS_FLIGHT_ALERT,	/* a fatal alert (or close_notify) came */
	TLS_FLIGHT_BAD		/* not a TLS flight: why says what */
};

/* Walk buf[0..len), every byte the server sent from its first, as
 * handshake records up to the end of a ServerHelloDone message. Takes
 * whole records only, never reads past len, and skips warning alerts
 * other than close_notify. *used: where the ServerHelloDone's record
 * ends (DONE); *alert: the alert (ALERT). */
enum tls_flight tls_flight_scan(const unsigned char *buf, size_t len,
				size_t *used, uint8_t *alert, char *why,
				size_t whylen);

/* The first certificate of the Certificate message in the flight
 * buf[0..len) (one tls_flight_scan found whole), appended to leaf as DER:
 * 0, or -1 with why when there is none or it is malformed. */
int tls_flight_leaf(const unsigned char *buf, size_t len, struct strbuf *leaf,
		    char *why, size_t whylen);

/* ROBOT (Bleichenbacher's oracle, 2017): the ClientKeyExchange carrying
 * enc (the RSA-encrypted premaster secret, n bytes), ChangeCipherSpec,
 * and a Finished record of random bytes, as one write, for version. */
int tls_robot_flight(uint16_t version, const unsigned char *enc, size_t n,
		     struct strbuf *out);

/* The overlong request claims this many payload bytes and carries none;
 * the well-formed one carries TLS_HB_PAYLOAD. */
#define TLS_HB_CLAIM	256
#define TLS_HB_PAYLOAD	16
#define TLS_HB_REQUESTS	(5 + 3 + 5 + 3 + TLS_HB_PAYLOAD + 16)
/* What is read of an answer: its record header and the heartbeat type
 * and payload_length, never a byte of the payload. */
#define TLS_HB_PEEK	8

/* The Heartbleed probe's two heartbeat records, for one write, into out
 * (TLS_HB_REQUESTS bytes): a request claiming TLS_HB_CLAIM payload bytes
 * with none, which a correct server discards silently (RFC 6520 section
 * 4), then a well-formed one, which it answers; so a correct server
 * answers at once and the probe never waits for a silence. version is
 * the record version (the ServerHello's). Returns the length. */
size_t tls_heartbeat_requests(uint16_t version, unsigned char *out);

enum tls_heartbeat {
	TLS_HB_MORE,		/* fewer bytes than decide */
	TLS_HB_LEAK,		/* the overlong request was answered: the
				 * server sent memory it was never given */
	TLS_HB_ECHO,		/* only the well-formed one was answered */
	TLS_HB_ALERT,		/* an alert instead */
	TLS_HB_BAD		/* something else: why says what */
};

/* Read the first answer to the requests from b[0..len) (len at most
 * TLS_HB_PEEK is ever needed): *record_len is the answer record's
 * announced length (LEAK, ECHO), *alert the alert (ALERT). */
enum tls_heartbeat tls_heartbeat_answer(const unsigned char *b, size_t len,
					size_t *record_len, uint8_t *alert,
					char *why, size_t whylen);

#endif
