/* tls_hello.c - ClientHello bytes out, the server's first answer in; see
 * tls_hello.h. Wire formats: RFC 6101 (SSLv3), 5246 (TLS 1.2), 8446. */
#include "tls_hello.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "tls_suites.h"
#include "lib/xalloc.h"

#define REC_ALERT	21
#define REC_HANDSHAKE	22
#define REC_MAX		(16384 + 2048)	/* longest record on the wire */
#define HS_CLIENT_HELLO	1
#define HS_SERVER_HELLO	2
/* ServerHello body: version, random, session id, suite, compression,
 * extensions; SSLv3 has none of the last */
#define SH_MIN		(2 + 32 + 1 + 2 + 1)
#define SH_MAX		(2 + 32 + 1 + 32 + 2 + 1 + 2 + 65535)
#define SCSV_RENEGOTIATION	0x00ff
#define SCSV_FALLBACK		0x5600
#define GROUP_X25519	0x001d

enum {
	EXT_SERVER_NAME = 0,
	EXT_SUPPORTED_GROUPS = 10,
	EXT_EC_POINT_FORMATS = 11,
	EXT_SIGNATURE_ALGORITHMS = 13,
	EXT_HEARTBEAT = 15,
	EXT_PADDING = 21,
	EXT_EXTENDED_MASTER_SECRET = 23,
	EXT_SESSION_TICKET = 35,
	EXT_SUPPORTED_VERSIONS = 43,
	EXT_PSK_KEY_EXCHANGE_MODES = 45,
	EXT_KEY_SHARE = 51,
	EXT_RENEGOTIATION_INFO = 0xff01,
};

/* Modern groups first; the older curves and bigger FFDHE groups after, so
 * that a server limited to them picks ECDHE or DHE instead of refusing. */
static const uint16_t groups[] = {
	GROUP_X25519, 0x0017, 0x0018, 0x0019,	/* secp256r1 .. secp521r1 */
	0x001e,					/* x448 */
	0x0100, 0x0101, 0x0102,			/* ffdhe2048 .. ffdhe4096 */
	0x0103, 0x0104,				/* ffdhe6144, ffdhe8192 */
	0x001a, 0x001b, 0x001c,			/* brainpoolP256r1 .. 512r1 */
	0x0016, 0x0015,				/* secp256k1, secp224r1 */
};

/* Everything a server might sign with, so a refusal is never about
 * signatures: DSA too, for DHE_DSS suites at TLS 1.2. */
static const uint16_t sigalgs[] = {
	0x0403, 0x0503, 0x0603,		/* ecdsa_secp256r1_sha256 .. 521 */
	0x0807, 0x0808,			/* ed25519, ed448 */
	0x0804, 0x0805, 0x0806,		/* rsa_pss_rsae_sha256 .. 512 */
	0x0809, 0x080a, 0x080b,		/* rsa_pss_pss_sha256 .. 512 */
	0x0401, 0x0501, 0x0601,		/* rsa_pkcs1_sha256 .. 512 */
	0x0303, 0x0301,			/* ecdsa_sha224, rsa_sha224 */
	0x0402, 0x0502, 0x0602, 0x0302,	/* dsa_sha256 .. 512, dsa_sha224 */
	0x0203, 0x0201, 0x0202,		/* ecdsa_sha1, rsa_pkcs1_sha1,
					 * dsa_sha1 */
};

/* SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest */
static const unsigned char hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11,
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e,
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* --- building ------------------------------------------------------ */

static pthread_once_t x25519_once = PTHREAD_ONCE_INIT;
static unsigned char x25519_pub[32];
static int x25519_ok;

/* One X25519 key for the whole process: a server checks that the share is
 * a real point, and we never need the private half. */
static void x25519_make(void)
{
	EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
	size_t n = sizeof(x25519_pub);

	if (key && EVP_PKEY_get_raw_public_key(key, x25519_pub, &n) == 1 &&
	    n == sizeof(x25519_pub))
		x25519_ok = 1;
	EVP_PKEY_free(key);
}

/* The scratch buffers below have no cap, so these appends cannot fail. */
static void put8(struct strbuf *sb, unsigned v)
{
	unsigned char b = (unsigned char)v;

	strbuf_add(sb, &b, 1);
}

static void put16(struct strbuf *sb, unsigned v)
{
	unsigned char b[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	strbuf_add(sb, b, 2);
}

/* Start a 2-byte length field; len16_close() fills in what followed. */
static size_t len16_open(struct strbuf *sb)
{
	size_t at = sb->len;

	put16(sb, 0);
	return at;
}

static void len16_close(struct strbuf *sb, size_t at)
{
	size_t n = sb->len - at - 2;

	sb->buf[at] = (char)(unsigned char)(n >> 8);
	sb->buf[at + 1] = (char)(unsigned char)n;
}

static void put16_list(struct strbuf *sb, const uint16_t *v, size_t nr)
{
	size_t at = len16_open(sb);

	for (size_t i = 0; i < nr; i++)
		put16(sb, v[i]);
	len16_close(sb, at);
}

/* Is s[0..n) an IPv4 or IPv6 literal ("[::1]" and "fe80::1%eth0" too)?
 * All digits and dots counts: no DNS name is, and inet_aton takes
 * "127.1". */
static int is_ip_literal(const char *s, size_t n)
{
	char tmp[64];
	unsigned char addr[16];
	const char *pct;
	size_t i;

	for (i = 0; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.');
	     i++)
		;
	if (i == n)
		return 1;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	pct = memchr(s, '%', n);
	if (pct)
		n = (size_t)(pct - s);
	if (n == 0 || n >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET, tmp, addr) == 1 ||
	       inet_pton(AF_INET6, tmp, addr) == 1;
}

/* server_name (RFC 6066): a DNS host name without its trailing dot; never
 * an address literal. Names longer than DNS allows are left out. */
int tls_host_is_address(const char *host)
{
	return is_ip_literal(host, strlen(host));
}

static void ext_server_name(struct strbuf *sb, const char *sni)
{
	size_t n, at, list;

	if (!sni)
		return;
	n = strlen(sni);
	if (n && sni[n - 1] == '.')
		n--;
	if (n == 0 || n > 253 || is_ip_literal(sni, n))
		return;
	put16(sb, EXT_SERVER_NAME);
	at = len16_open(sb);
	list = len16_open(sb);
	put8(sb, 0);				/* host_name */
	put16(sb, (unsigned)n);
	strbuf_add(sb, sni, n);
	len16_close(sb, list);
	len16_close(sb, at);
}

static void ext_list16(struct strbuf *sb, unsigned type, const uint16_t *v,
		       size_t nr)
{
	size_t at;

	put16(sb, type);
	at = len16_open(sb);
	put16_list(sb, v, nr);
	len16_close(sb, at);
}

static void ext_raw(struct strbuf *sb, unsigned type,
		    const unsigned char *data, size_t len)
{
	put16(sb, type);
	put16(sb, (unsigned)len);
	if (len)
		strbuf_add(sb, data, len);
}

static void ext_key_share(struct strbuf *sb)
{
	size_t at, shares;

	put16(sb, EXT_KEY_SHARE);
	at = len16_open(sb);
	shares = len16_open(sb);
	put16(sb, GROUP_X25519);
	put16(sb, sizeof(x25519_pub));
	strbuf_add(sb, x25519_pub, sizeof(x25519_pub));
	len16_close(sb, shares);
	len16_close(sb, at);
}

static void extensions_add(struct strbuf *ext, const struct tls_hello *h)
{
	static const unsigned char point_formats[] = { 1, 0 };
	static const unsigned char versions13[] = { 2, 0x03, 0x04 };
	static const unsigned char psk_dhe_ke[] = { 1, 1 };
	static const unsigned char peer_allowed[] = { 1 };	/* to send */

	ext_server_name(ext, h->sni);
	if (h->version == TLS_1_3)
		ext_raw(ext, EXT_SUPPORTED_VERSIONS, versions13,
			sizeof(versions13));
	ext_list16(ext, EXT_SUPPORTED_GROUPS, groups, ARRAY_SIZE(groups));
	if (h->version == TLS_1_3) {
		ext_key_share(ext);
	} else {
		ext_raw(ext, EXT_EC_POINT_FORMATS, point_formats,
			sizeof(point_formats));
	}
	if (h->version >= TLS_1_2)
		ext_list16(ext, EXT_SIGNATURE_ALGORITHMS, sigalgs,
			   ARRAY_SIZE(sigalgs));
	if (h->version == TLS_1_3) {
		ext_raw(ext, EXT_PSK_KEY_EXCHANGE_MODES, psk_dhe_ke,
			sizeof(psk_dhe_ke));
	} else {
		ext_raw(ext, EXT_EXTENDED_MASTER_SECRET, NULL, 0);
		ext_raw(ext, EXT_SESSION_TICKET, NULL, 0);
		if (h->extras & TLS_HELLO_HEARTBEAT)
			ext_raw(ext, EXT_HEARTBEAT, peer_allowed, 1);
	}
}

/* The cipher_suites vector: the caller's list, or every table suite
 * usable at the version; below TLS 1.3 the renegotiation SCSV too. */
static void suites_add(struct strbuf *body, const struct tls_hello *h)
{
	size_t at = len16_open(body);
	int scsv = h->version < TLS_1_3;

	if (h->suites) {
		for (size_t i = 0; i < h->nr_suites; i++) {
			put16(body, h->suites[i]);
			if (h->suites[i] == SCSV_RENEGOTIATION)
				scsv = 0;
		}
	} else {
		for (size_t i = 0; i < tls_suites_nr; i++)
			if (tls_suite_usable(&tls_suites[i], h->version))
				put16(body, tls_suites[i].id);
	}
	if (scsv)
		put16(body, SCSV_RENEGOTIATION);
	if (h->extras & TLS_HELLO_FALLBACK)
		put16(body, SCSV_FALLBACK);
	len16_close(body, at);
}

/* The handshake body before the extensions. */
static int body_start(struct strbuf *body, const struct tls_hello *h)
{
	unsigned char random[32], sid[32];

	if (RAND_bytes(random, sizeof(random)) != 1)
		return -1;
	put16(body, h->version == TLS_1_3 ? TLS_1_2 : h->version);
	strbuf_add(body, random, sizeof(random));
	if (h->version == TLS_1_3) {
		/* a legacy session id, for middleboxes (RFC 8446 D.4) */
		if (RAND_bytes(sid, sizeof(sid)) != 1)
			return -1;
		put8(body, sizeof(sid));
		strbuf_add(body, sid, sizeof(sid));
	} else {
		put8(body, 0);
	}
	suites_add(body, h);
	if (h->extras & TLS_HELLO_DEFLATE) {	/* DEFLATE, null */
		put8(body, 2);
		put8(body, 1);
	} else {				/* null only */
		put8(body, 1);
	}
	put8(body, 0);
	return 0;
}

/* RFC 7685 padding, last: lift a hello whose record (body + 4) or body
 * would be 256..511 bytes to a body of 512 and up. */
static void padding_add(struct strbuf *ext, size_t body_len)
{
	static const unsigned char zeros[512];
	size_t len = body_len + 2 + ext->len;
	size_t pad;

	if (len + 4 < 256 || len > 511)
		return;
	pad = len <= 508 ? 508 - len : 0;
	ext_raw(ext, EXT_PADDING, zeros, pad);
}

int tls_hello_build(const struct tls_hello *h, struct strbuf *out)
{
	struct strbuf body = STRBUF_INIT, ext = STRBUF_INIT;
	struct strbuf rec = STRBUF_INIT;
	size_t len;
	int ret = -1;

	if (h->version < TLS_SSL3 || h->version > TLS_1_3 ||
	    (h->suites && h->nr_suites > REC_MAX / 2))
		return -1;
	if (h->version == TLS_1_3) {
		pthread_once(&x25519_once, x25519_make);
		if (!x25519_ok)
			return -1;
	}
	if (body_start(&body, h) < 0)
		goto out;
	if (h->version > TLS_SSL3) {
		extensions_add(&ext, h);
		padding_add(&ext, body.len);
		put16(&body, (unsigned)ext.len);
		strbuf_add(&body, ext.buf, ext.len);
	}
	len = body.len;
	if (len + 4 > 16384)
		goto out;
	put8(&rec, REC_HANDSHAKE);
	put16(&rec, h->version == TLS_SSL3 ? TLS_SSL3 : TLS_1_0);
	put16(&rec, (unsigned)(len + 4));
	put8(&rec, HS_CLIENT_HELLO);
	put8(&rec, (unsigned)(len >> 16));
	put16(&rec, (unsigned)(len & 0xffff));
	strbuf_add(&rec, body.buf, body.len);
	ret = strbuf_add(out, rec.buf, rec.len);
out:
	strbuf_release(&body);
	strbuf_release(&ext);
	strbuf_release(&rec);
	return ret;
}

/* --- parsing ------------------------------------------------------- */

static enum tls_answer not_tls(struct tls_server_hello *out,
			       const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum tls_answer not_tls(struct tls_server_hello *out,
			       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->why, sizeof(out->why), fmt, ap);
	va_end(ap);
	return TLS_ANSWER_NOT_TLS;
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int is_text(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r' ||
	       c == '\n';
}

/* What a plain-text answer most likely is, by its first bytes. */
static const struct {
	const char *prefix;
	const char *what;
} banners[] = {
	{ "HTTP/", "answered in plain HTTP" },
	{ "SSH-", "answered with an SSH banner" },
	{ "220", "answered with an SMTP or FTP greeting" },
	{ "+OK", "answered with a POP3 greeting" },
	{ "* OK", "answered with an IMAP greeting" },
};

/* A first byte that opens no handshake or alert record: quote text, show
 * the first bytes of anything else. */
static enum tls_answer answer_odd(const unsigned char *buf, size_t len,
				  struct tls_server_hello *out)
{
	const char *what = "answered in plain text";
	char line[64], hex[32];
	size_t i, n = 0, h = 0;
	int cut;

	if (buf[0] >= 20 && buf[0] <= 24)
		return not_tls(out, "record of type %u before the ServerHello",
			       buf[0]);
	for (i = 0; i < len && i < 16 && is_text(buf[i]); i++)
		;
	if (i < len && i < 16) {
		for (i = 0; i < len && i < 8; i++)
			h += (size_t)snprintf(hex + h, sizeof(hex) - h,
					      i ? " %02x" : "%02x", buf[i]);
		return not_tls(out, "answered with bytes that are not TLS: %s",
			       hex);
	}
	for (i = 0; i < ARRAY_SIZE(banners); i++) {
		size_t p = strlen(banners[i].prefix);

		if (len >= p && !memcmp(buf, banners[i].prefix, p)) {
			what = banners[i].what;
			break;
		}
	}
	/* the first line, printable characters only, at most 60 */
	for (i = 0; i < len && buf[i] != '\r' && buf[i] != '\n' && n < 60;
	     i++)
		line[n++] = buf[i] >= 0x20 && buf[i] < 0x7f ? (char)buf[i]
							     : '?';
	line[n] = '\0';
	cut = i < len && buf[i] != '\r' && buf[i] != '\n';
	return not_tls(out, "%s: '%s'%s", what, line, cut ? "..." : "");
}

/* SSLv2 records open with a 2-byte length whose high bit is set, then the
 * message type: 4 SERVER-HELLO, 0 ERROR. */
static enum tls_answer answer_sslv2(const unsigned char *buf, size_t len,
				    struct tls_server_hello *out)
{
	if (len < 3)
		return not_tls(out, "SSLv2 answer");
	if (buf[2] == 4)
		return not_tls(out, "SSLv2 answer (SERVER-HELLO)");
	if (buf[2] == 0)
		return not_tls(out, "SSLv2 answer (ERROR)");
	return not_tls(out, "answered with bytes that are not TLS: "
		       "%02x %02x %02x", buf[0], buf[1], buf[2]);
}

/* Read a whole ServerHello body b[0..n). */
static enum tls_answer server_hello_read(const unsigned char *b, size_t n,
					 struct tls_server_hello *out)
{
	size_t p, sid, end;

	out->version = (uint16_t)get16(b);
	out->retry = !memcmp(b + 2, hrr_random, sizeof(hrr_random));
	sid = b[34];
	if (sid > 32)
		return not_tls(out, "malformed ServerHello: session id of "
			       "%zu bytes", sid);
	p = 35 + sid;
	if (p + 3 > n)
		return not_tls(out, "malformed ServerHello: %zu bytes, too "
			       "short", n);
	out->suite = (uint16_t)get16(b + p);
	out->compression = b[p + 2];
	p += 3;
	if (p == n) {
		if (out->retry)
			return not_tls(out, "malformed HelloRetryRequest: no "
				       "extensions");
		return TLS_ANSWER_HELLO;
	}
	if (p + 2 > n || p + 2 + get16(b + p) != n)
		return not_tls(out, "malformed ServerHello: extensions do "
			       "not fill its %zu bytes", n);
	p += 2;
	while (p < n) {
		unsigned type, elen;

		if (p + 4 > n)
			return not_tls(out, "malformed ServerHello: cut "
				       "extension header");
		type = get16(b + p);
		elen = get16(b + p + 2);
		p += 4;
		end = p + elen;
		if (end > n)
			return not_tls(out, "malformed ServerHello: extension "
				       "%u overruns it", type);
		if (type == EXT_SUPPORTED_VERSIONS) {
			if (elen != 2)
				return not_tls(out, "malformed ServerHello: "
					       "supported_versions of %u "
					       "bytes", elen);
			out->version = (uint16_t)get16(b + p);
		} else if (type == EXT_RENEGOTIATION_INFO) {
			out->secure_renegotiation = 1;
		} else if (type == EXT_EXTENDED_MASTER_SECRET) {
			out->extended_master_secret = 1;
		} else if (type == EXT_HEARTBEAT) {
			out->heartbeat = 1;
		}
		p = end;
	}
	return TLS_ANSWER_HELLO;
}

/* Is the handshake stream hs a whole ServerHello yet? */
static enum tls_answer handshake_check(const struct strbuf *hs,
				       struct tls_server_hello *out)
{
	const unsigned char *h = (const unsigned char *)hs->buf;
	size_t blen;

	if (hs->len < 1)
		return TLS_ANSWER_MORE;
	if (h[0] != HS_SERVER_HELLO)
		return not_tls(out, "handshake message of type %u before the "
			       "ServerHello", h[0]);
	if (hs->len < 4)
		return TLS_ANSWER_MORE;
	blen = (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3];
	if (blen < SH_MIN)
		return not_tls(out, "ServerHello of %zu bytes, too short",
			       blen);
	if (blen > SH_MAX)	/* never waited for: see tls_hello.h */
		return not_tls(out, "ServerHello of %zu bytes announced, more "
			       "than one can hold (%d)", blen, SH_MAX);
	if (hs->len < 4 + blen)
		return TLS_ANSWER_MORE;
	return server_hello_read(h + 4, blen, out);
}

/* Fold a handshake fragment into hs, taking no more than the ServerHello
 * needs. */
static enum tls_answer handshake_add(const unsigned char *frag, size_t n,
				     struct strbuf *hs,
				     struct tls_server_hello *out)
{
	size_t taken = 0;

	while (taken < n) {
		const unsigned char *h = (const unsigned char *)hs->buf;
		size_t want, k;
		enum tls_answer ret;

		if (hs->len < 4)
			want = 4 - hs->len;
		else
			want = 4 + ((size_t)h[1] << 16 | (size_t)h[2] << 8 |
				    h[3]) - hs->len;
		k = n - taken < want ? n - taken : want;
		if (k == 0)
			break;
		strbuf_add(hs, frag + taken, k);
		taken += k;
		ret = handshake_check(hs, out);
		if (ret != TLS_ANSWER_MORE)
			return ret;
	}
	return TLS_ANSWER_MORE;
}

/* Warnings a client reads past; close_notify and user_canceled end it. */
static int alert_skippable(uint8_t level, uint8_t desc)
{
	return level == 1 && desc != 0 && desc != 90;
}

/* One record at r[0..avail). *used is its whole size when it is all there
 * and the answer is still MORE; 0 while more bytes are needed. */
static enum tls_answer record_read(const unsigned char *r, size_t avail,
				   struct strbuf *hs,
				   struct tls_server_hello *out, size_t *used)
{
	enum tls_answer ret;
	size_t rlen, have;

	*used = 0;
	if (r[0] != REC_HANDSHAKE && r[0] != REC_ALERT)
		return not_tls(out, "record of type %u before the ServerHello",
			       r[0]);
	if (avail >= 2 && r[1] != 3)
		return not_tls(out, "record version %u.x is not SSLv3 or TLS",
			       r[1]);
	if (avail < 5)
		return TLS_ANSWER_MORE;
	rlen = get16(r + 3);
	if (rlen > REC_MAX)
		return not_tls(out, "record of %zu bytes, more than TLS "
			       "allows (%d)", rlen, REC_MAX);
	have = avail - 5 < rlen ? avail - 5 : rlen;
	if (r[0] == REC_ALERT) {
		/* one alert a record, and none inside a handshake message */
		if (rlen != 2)
			return not_tls(out, "alert record of %zu byte(s)",
				       rlen);
		if (hs->len)
			return not_tls(out, "alert inside the unfinished "
				       "ServerHello");
		if (have < 2)
			return TLS_ANSWER_MORE;
		out->alert_level = r[5];
		out->alert = r[6];
		if (!alert_skippable(r[5], r[6]))
			return TLS_ANSWER_ALERT;
	} else {
		if (rlen == 0)	/* RFC 5246 6.2.1: never sent */
			return not_tls(out, "empty handshake record");
		ret = handshake_add(r + 5, have, hs, out);
		if (ret != TLS_ANSWER_MORE)
			return ret;
	}
	if (have == rlen)
		*used = 5 + rlen;
	return TLS_ANSWER_MORE;
}

/* Where bytes that make no answer yet stop: r[0..avail) is the first
 * record not taken whole (avail 0: every record was), hs the ServerHello
 * so far. Left "" between records. */
static void cut_where(const unsigned char *r, size_t avail,
		      const struct strbuf *hs, struct tls_server_hello *out)
{
	const unsigned char *h = (const unsigned char *)hs->buf;
	char *w = out->why;
	size_t n = sizeof(out->why);

	if (avail > 0 && avail < 5)
		snprintf(w, n, "cut in a record header: %zu of 5 bytes",
			 avail);
	else if (avail > 0 && r[0] == REC_ALERT)
		snprintf(w, n, "cut in an alert record: %zu of 2 bytes",
			 avail - 5);
	else if (hs->len >= 4)
		snprintf(w, n, "cut in the ServerHello: %zu of %zu bytes",
			 hs->len - 4, (size_t)h[1] << 16 | (size_t)h[2] << 8 |
			 h[3]);
	else if (avail > 0 || hs->len > 0)
		snprintf(w, n, "cut in a handshake header: %zu of 4 bytes",
			 hs->len);
}

enum tls_answer tls_hello_parse(const unsigned char *buf, size_t len,
				struct tls_server_hello *out)
{
	struct strbuf hs = STRBUF_INIT;
	enum tls_answer ret = TLS_ANSWER_MORE;
	size_t off = 0, used;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return TLS_ANSWER_MORE;
	if (buf[0] & 0x80)
		return answer_sslv2(buf, len, out);
	if (buf[0] != REC_HANDSHAKE && buf[0] != REC_ALERT)
		return answer_odd(buf, len, out);
	while (off < len) {
		ret = record_read(buf + off, len - off, &hs, out, &used);
		if (ret != TLS_ANSWER_MORE || !used)
			break;
		off += used;
	}
	if (ret == TLS_ANSWER_MORE)
		cut_where(buf + off, len - off, &hs, out);
	strbuf_release(&hs);
	return ret;
}

/* --- checking an answer against the offer -------------------------- */

static int check_fail(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int check_fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Was suite id in the ClientHello that h built (see suites_add)? */
static int suite_offered(const struct tls_hello *h, uint16_t id)
{
	const struct tls_suite *s;

	if (h->suites) {
		for (size_t i = 0; i < h->nr_suites; i++)
			if (h->suites[i] == id)
				return 1;
		return 0;
	}
	s = tls_suite_find(id);
	return s && tls_suite_usable(s, h->version);
}

int tls_hello_check(const struct tls_hello *h,
		    const struct tls_server_hello *sh, char *why,
		    size_t whylen)
{
	const struct tls_suite *s = tls_suite_find(sh->suite);
	char v[16];

	if (sh->version < TLS_SSL3 || sh->version > h->version) {
		if (sh->version >= TLS_SSL3 && sh->version <= TLS_1_3)
			snprintf(v, sizeof(v), "%s",
				 tls_version_name(sh->version));
		else
			snprintf(v, sizeof(v), "version 0x%04x", sh->version);
		return check_fail(why, whylen, "chose %s, which was not "
				  "offered (at most %s)", v,
				  tls_version_name(h->version));
	}
	if (sh->retry && sh->version != TLS_1_3)
		return check_fail(why, whylen, "sent a HelloRetryRequest at "
				  "%s", tls_version_name(sh->version));
	if (sh->suite == SCSV_RENEGOTIATION || sh->suite == SCSV_FALLBACK ||
	    !suite_offered(h, sh->suite))
		return check_fail(why, whylen, "chose cipher suite 0x%04x, "
				  "which was not offered", sh->suite);
	if (s && !tls_suite_usable(s, sh->version))
		return check_fail(why, whylen, "chose %s, which cannot be "
				  "used at %s", s->name,
				  tls_version_name(sh->version));
	if (sh->compression &&
	    (sh->compression != 1 || !(h->extras & TLS_HELLO_DEFLATE)))
		return check_fail(why, whylen, "chose compression method %u, "
				  "which was not offered", sh->compression);
	return 0;
}
