/* tls_flight.c - the server's first flight to its ServerHelloDone, and
 * the Heartbleed probe's heartbeat records; see tls_flight.h. Wire
 * formats: RFC 5246 (records, handshake messages), RFC 6520. */
#include "tls_flight.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/rand.h>

#define REC_ALERT	21
#define REC_HANDSHAKE	22
#define REC_HEARTBEAT	24
#define REC_MAX		(16384 + 2048)
#define HS_SERVER_HELLO_DONE	14
#define HB_REQUEST	1
#define HB_RESPONSE	2
#define HB_PADDING	16	/* the least RFC 6520 allows */

static const unsigned char hb_payload[TLS_HB_PAYLOAD] = "authaudit-hb-ok";

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

__attribute__((format(printf, 3, 4)))
static int say(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return 0;
}

/* Handshake messages are read by their 4-byte headers alone, which may
 * straddle records; their bodies are only counted past. */
enum tls_flight tls_flight_scan(const unsigned char *buf, size_t len,
				size_t *used, uint8_t *alert, char *why,
				size_t whylen)
{
	unsigned char hdr[4];
	size_t off = 0, nhdr = 0, body_left = 0;

	*used = 0;
	while (off + 5 <= len) {
		size_t rlen = get16(buf + off + 3), p, end;

		if (buf[off] != REC_HANDSHAKE && buf[off] != REC_ALERT) {
			say(why, whylen, "record of type %u in the server's "
			    "first flight", buf[off]);
			return TLS_FLIGHT_BAD;
		}
		if (rlen > REC_MAX || (buf[off] == REC_ALERT && rlen != 2)) {
			say(why, whylen, "record of %zu bytes in the server's "
			    "first flight", rlen);
			return TLS_FLIGHT_BAD;
		}
		if (off + 5 + rlen > len)
			return TLS_FLIGHT_MORE;
		p = off + 5;
		end = p + rlen;
		if (buf[off] == REC_ALERT) {
			*alert = buf[p + 1];
			if (buf[p] != 1 || buf[p + 1] == 0)
				return TLS_FLIGHT_ALERT;
			off = end;
			continue;
		}
		while (p < end) {
			size_t k;

			if (body_left) {
				k = end - p < body_left ? end - p : body_left;
				p += k;
				body_left -= k;
			} else {
				hdr[nhdr++] = buf[p++];
				if (nhdr < 4)
					continue;
				nhdr = 0;
				body_left = (size_t)hdr[1] << 16 |
					    (size_t)hdr[2] << 8 | hdr[3];
				if (hdr[0] != HS_SERVER_HELLO_DONE)
					continue;
				if (body_left) {
					say(why, whylen, "ServerHelloDone of "
					    "%zu bytes", body_left);
					return TLS_FLIGHT_BAD;
				}
				*used = end;
				return TLS_FLIGHT_DONE;
			}
		}
		off = end;
	}
	return TLS_FLIGHT_MORE;
}

static unsigned char *put_record(unsigned char *p, uint16_t version,
				 size_t len)
{
	*p++ = REC_HEARTBEAT;
	*p++ = (unsigned char)(version >> 8);
	*p++ = (unsigned char)version;
	*p++ = (unsigned char)(len >> 8);
	*p++ = (unsigned char)len;
	return p;
}

size_t tls_heartbeat_requests(uint16_t version, unsigned char *out)
{
	unsigned char *p = out;

	/* the overlong one: a type and a length, nothing else */
	p = put_record(p, version, 3);
	*p++ = HB_REQUEST;
	*p++ = (unsigned char)(TLS_HB_CLAIM >> 8);
	*p++ = (unsigned char)TLS_HB_CLAIM;
	/* the well-formed one, with random padding as the RFC asks */
	p = put_record(p, version, 3 + TLS_HB_PAYLOAD + HB_PADDING);
	*p++ = HB_REQUEST;
	*p++ = 0;
	*p++ = TLS_HB_PAYLOAD;
	memcpy(p, hb_payload, TLS_HB_PAYLOAD);
	p += TLS_HB_PAYLOAD;
	if (RAND_bytes(p, HB_PADDING) != 1)
		memset(p, 0, HB_PADDING);
	p += HB_PADDING;
	return (size_t)(p - out);
}

/* Only the answer's payload_length is looked at, never its payload: it
 * tells which request was answered (TLS_HB_CLAIM: the overlong one) as
 * surely as the bytes would, and a leak is never read. */
enum tls_heartbeat tls_heartbeat_answer(const unsigned char *b, size_t len,
					size_t *record_len, uint8_t *alert,
					char *why, size_t whylen)
{
	unsigned claim;

	if (len < 1)
		return TLS_HB_MORE;
	if (b[0] == REC_ALERT) {
		if (len < 7)
			return TLS_HB_MORE;
		*alert = b[6];
		return TLS_HB_ALERT;
	}
	if (b[0] != REC_HEARTBEAT) {
		say(why, whylen, "answered the heartbeat with a record of "
		    "type %u", b[0]);
		return TLS_HB_BAD;
	}
	if (len < TLS_HB_PEEK)
		return TLS_HB_MORE;
	*record_len = get16(b + 3);
	claim = get16(b + 6);
	if (b[5] != HB_RESPONSE || *record_len < 3 + HB_PADDING) {
		say(why, whylen, "answered the heartbeat with a %zu-byte "
		    "message of type %u", *record_len, b[5]);
		return TLS_HB_BAD;
	}
	if (claim == TLS_HB_CLAIM)
		return TLS_HB_LEAK;
	if (claim == TLS_HB_PAYLOAD)
		return TLS_HB_ECHO;
	say(why, whylen, "answered the heartbeat with payload_length %u, "
	    "which neither request had", claim);
	return TLS_HB_BAD;
}
