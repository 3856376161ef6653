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
#define HS_CERTIFICATE	11
#define HS_SERVER_HELLO_DONE	14
#define HS_CLIENT_KEY_EXCHANGE	16
#define REC_CCS		20
#define FINISHED_JUNK	64	/* a whole number of AES blocks, more than
				 * an explicit IV, a MAC or a GCM tag */
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

static size_t get24(const unsigned char *p)
{
	return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2];
}

int tls_flight_leaf(const unsigned char *buf, size_t len, struct strbuf *leaf,
		    char *why, size_t whylen)
{
	struct strbuf hs = STRBUF_INIT;
	const unsigned char *h;
	size_t off = 0, p = 0;
	int ret = -1;

	/* the handshake stream, records joined */
	while (off + 5 <= len) {
		size_t rlen = get16(buf + off + 3);

		if (off + 5 + rlen > len)
			break;
		if (buf[off] == REC_HANDSHAKE)
			strbuf_add(&hs, buf + off + 5, rlen);
		off += 5 + rlen;
	}
	h = (const unsigned char *)hs.buf;
	while (p + 4 <= hs.len) {
		size_t blen = get24(h + p + 1), clen;

		if (p + 4 + blen > hs.len)
			break;
		if (h[p] != HS_CERTIFICATE) {
			p += 4 + blen;
			continue;
		}
		clen = blen >= 6 ? get24(h + p + 7) : 0;
		if (blen < 6 || get24(h + p + 4) + 3 != blen || !clen ||
		    6 + clen > blen) {
			say(why, whylen, "malformed Certificate message");
			goto out;
		}
		strbuf_add(leaf, h + p + 10, clen);
		ret = 0;
		goto out;
	}
	say(why, whylen, "no certificate in the server's first flight");
out:
	strbuf_release(&hs);
	return ret;
}

int tls_robot_flight(uint16_t version, const unsigned char *enc, size_t n,
		     struct strbuf *out)
{
	unsigned char head[11], junk[FINISHED_JUNK];
	size_t hlen = 2 + n;
	static const unsigned char ccs[] = { REC_CCS, 0, 0, 0, 1, 1 };
	unsigned char c[sizeof(ccs)], fin[5];

	if (n > 4096)
		return -1;
	head[0] = REC_HANDSHAKE;
	head[1] = (unsigned char)(version >> 8);
	head[2] = (unsigned char)version;
	head[3] = (unsigned char)((4 + hlen) >> 8);
	head[4] = (unsigned char)(4 + hlen);
	head[5] = HS_CLIENT_KEY_EXCHANGE;
	head[6] = 0;
	head[7] = (unsigned char)(hlen >> 8);
	head[8] = (unsigned char)hlen;
	head[9] = (unsigned char)(n >> 8);
	head[10] = (unsigned char)n;
	memcpy(c, ccs, sizeof(c));
	c[1] = head[1];
	c[2] = head[2];
	fin[0] = REC_HANDSHAKE;
	fin[1] = head[1];
	fin[2] = head[2];
	fin[3] = 0;
	fin[4] = FINISHED_JUNK;
	if (RAND_bytes(junk, sizeof(junk)) != 1)
		memset(junk, 0x5a, sizeof(junk));
	if (strbuf_add(out, head, sizeof(head)) || strbuf_add(out, enc, n) ||
	    strbuf_add(out, c, sizeof(c)) || strbuf_add(out, fin, 5) ||
	    strbuf_add(out, junk, sizeof(junk)))
		return -1;
	return 0;
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
