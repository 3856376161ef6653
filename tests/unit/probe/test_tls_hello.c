/* test_tls_hello.c - the ClientHello builder (read back with a small
 * reader of our own), the server answer parser and the suite table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "probe/tls_hello.h"
#include "probe/tls_suites.h"

/* --- a ClientHello reader, independent of the builder ---------------- */

struct ch_ext {
	unsigned type;
	const unsigned char *data;
	size_t len;
};

struct ch {
	unsigned rec_type, rec_version, hs_type, client_version;
	size_t rec_len, hs_len, sid_len;
	const unsigned char *random, *sid;
	uint16_t suites[512];
	size_t nr_suites;
	size_t nr_comp;
	unsigned comp0, comp1;
	int has_ext;			/* an extensions block is there */
	struct ch_ext ext[32];
	size_t nr_ext;
};

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* 0 when b[0..n) is exactly one well-formed ClientHello record. */
static int ch_read(const unsigned char *b, size_t n, struct ch *c)
{
	size_t p, l;

	memset(c, 0, sizeof(*c));
	if (n < 9)
		return -1;
	c->rec_type = b[0];
	c->rec_version = get16(b + 1);
	c->rec_len = get16(b + 3);
	c->hs_type = b[5];
	c->hs_len = (size_t)b[6] << 16 | (size_t)b[7] << 8 | b[8];
	if (5 + c->rec_len != n || c->hs_len + 4 != c->rec_len)
		return -1;
	p = 9;
	if (p + 35 > n)
		return -1;
	c->client_version = get16(b + p);
	c->random = b + p + 2;
	c->sid_len = b[p + 34];
	c->sid = b + p + 35;
	p += 35 + c->sid_len;
	if (p + 2 > n)
		return -1;
	l = get16(b + p);
	p += 2;
	if (l % 2 || p + l > n || l / 2 > ARRAY_SIZE(c->suites))
		return -1;
	for (size_t i = 0; i < l / 2; i++)
		c->suites[c->nr_suites++] = (uint16_t)get16(b + p + 2 * i);
	p += l;
	if (p + 1 > n || p + 1 + b[p] > n)
		return -1;
	c->nr_comp = b[p];
	c->comp0 = c->nr_comp ? b[p + 1] : 256;
	c->comp1 = c->nr_comp > 1 ? b[p + 2] : 256;
	p += 1 + c->nr_comp;
	if (p == n)
		return 0;
	c->has_ext = 1;
	if (p + 2 > n || p + 2 + get16(b + p) != n)
		return -1;
	p += 2;
	while (p < n) {
		struct ch_ext *e = &c->ext[c->nr_ext];

		if (p + 4 > n || c->nr_ext == ARRAY_SIZE(c->ext))
			return -1;
		e->type = get16(b + p);
		e->len = get16(b + p + 2);
		e->data = b + p + 4;
		p += 4 + e->len;
		if (p > n)
			return -1;
		c->nr_ext++;
	}
	return 0;
}

static const struct ch_ext *ch_ext(const struct ch *c, unsigned type)
{
	for (size_t i = 0; i < c->nr_ext; i++)
		if (c->ext[i].type == type)
			return &c->ext[i];
	return NULL;
}

static int ch_has_suite(const struct ch *c, uint16_t id)
{
	for (size_t i = 0; i < c->nr_suites; i++)
		if (c->suites[i] == id)
			return 1;
	return 0;
}

static int in_f5_range(size_t n)
{
	return n >= 256 && n <= 511;
}

/* Build h into sb and read it back; fails the test when either fails. */
static void build_read(const struct tls_hello *h, struct strbuf *sb,
		       struct ch *c)
{
	ck_assert_int_eq(tls_hello_build(h, sb), 0);
	ck_assert_int_eq(ch_read((const unsigned char *)sb->buf, sb->len, c),
			 0);
}

/* --- builder rows --------------------------------------------------- */

static const uint16_t one_suite[] = { 0xc02f };
static const uint16_t with_scsv[] = { 0x002f, 0x00ff };

static const struct {
	uint16_t version;
	const char *sni;
	const uint16_t *suites;
	size_t nr_suites;
	uint16_t rec_version, client_version;
	size_t sid_len;
	const char *want_sni;	/* NULL: no server_name */
	int want_ext;		/* an extensions block */
	int want_sigalgs;
	uint16_t has[3];	/* offered; 0 ends */
	uint16_t hasnot[3];	/* not offered; 0 ends */
} build_rows[] = {
	{ TLS_SSL3, "api.example.test", NULL, 0, 0x0300, 0x0300, 0, NULL,
	  0, 0, { 0x0005, 0x000a, 0x0003 }, { 0x1301, 0xc02f, 0x003b } },
	{ TLS_1_0, "api.example.test", NULL, 0, 0x0301, 0x0301, 0,
	  "api.example.test", 1, 0, { 0xc013, 0x00ff, 0x0004 },
	  { 0x1301, 0xc02f, 0x003b } },
	{ TLS_1_1, "127.0.0.1", NULL, 0, 0x0301, 0x0302, 0, NULL, 1, 0,
	  { 0x002f, 0x00ff, 0xc016 }, { 0x1302, 0x009c, 0xcca8 } },
	{ TLS_1_2, "::1", NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f, 0x003b, 0x00ff }, { 0x1301, 0x1303, 0x1305 } },
	{ TLS_1_2, "api.example.test", NULL, 0, 0x0301, 0x0303, 0,
	  "api.example.test", 1, 1, { 0xcca9, 0x0001, 0xc015 },
	  { 0x1301 } },
	{ TLS_1_2, "api.example.test.", NULL, 0, 0x0301, 0x0303, 0,
	  "api.example.test", 1, 1, { 0xc02f }, { 0x1301 } },
	{ TLS_1_2, "[::1]", NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f }, { 0 } },
	{ TLS_1_2, "fe80::1%eth0", NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f }, { 0 } },
	{ TLS_1_2, "127.1", NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f }, { 0 } },
	{ TLS_1_2, NULL, NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f }, { 0 } },
	{ TLS_1_2, "", NULL, 0, 0x0301, 0x0303, 0, NULL, 1, 1,
	  { 0xc02f }, { 0 } },
	{ TLS_1_2, "api.example.test", one_suite, 1, 0x0301, 0x0303, 0,
	  "api.example.test", 1, 1, { 0xc02f, 0x00ff }, { 0xc030, 0x1301 } },
	{ TLS_1_0, "a.test", with_scsv, 2, 0x0301, 0x0301, 0, "a.test", 1,
	  0, { 0x002f, 0x00ff }, { 0xc02f } },
	{ TLS_1_3, "api.example.test", NULL, 0, 0x0301, 0x0303, 32,
	  "api.example.test", 1, 1, { 0x1301, 0x1302, 0x1303 },
	  { 0xc02f, 0x00ff, 0x0005 } },
	{ TLS_1_3, "127.0.0.1", NULL, 0, 0x0301, 0x0303, 32, NULL, 1, 1,
	  { 0x1304, 0x1305 }, { 0xc02f, 0x00ff } },
};

/* What every hello must be, whatever the row. */
static void check_common(const struct tls_hello *h, const struct ch *c)
{
	const struct ch_ext *e;

	ck_assert_uint_eq(c->rec_type, 22);
	ck_assert_uint_eq(c->hs_type, 1);
	ck_assert_msg(!in_f5_range(c->rec_len) && !in_f5_range(c->hs_len),
		      "record %zu / handshake %zu bytes: in the F5 range",
		      c->rec_len, c->hs_len);
	ck_assert_uint_eq(c->nr_comp, 1);
	ck_assert_uint_eq(c->comp0, 0);
	for (size_t i = 0; i < c->nr_ext; i++)
		for (size_t j = i + 1; j < c->nr_ext; j++)
			ck_assert_uint_ne(c->ext[i].type, c->ext[j].type);
	e = ch_ext(c, 21);
	if (e)
		ck_assert_ptr_eq(e, &c->ext[c->nr_ext - 1]);
	for (size_t i = 0; i < c->nr_suites; i++) {
		const struct tls_suite *s = tls_suite_find(c->suites[i]);

		if (c->suites[i] == 0x00ff && h->version == TLS_1_3)
			ck_abort_msg("renegotiation SCSV in a TLS 1.3 hello");
		if (c->suites[i] == 0x00ff || h->suites)
			continue;
		if (!s || !tls_suite_usable(s, h->version))
			ck_abort_msg("suite 0x%04x offered at 0x%04x",
				     c->suites[i], h->version);
	}
	if (!h->suites) {
		size_t want = h->version < TLS_1_3;

		for (size_t i = 0; i < tls_suites_nr; i++)
			want += (size_t)tls_suite_usable(&tls_suites[i],
							 h->version);
		ck_assert_uint_eq(c->nr_suites, want);
	}
}

/* The extensions only TLS 1.3 has, and what they hold. */
static void check_tls13_ext(const struct tls_hello *h, const struct ch *c)
{
	static const unsigned char sv[] = { 2, 0x03, 0x04 };
	static const unsigned char ks_head[] = { 0, 36, 0, 0x1d, 0, 32 };
	static const unsigned char psk[] = { 1, 1 };
	const struct ch_ext *e = ch_ext(c, 43);

	if (h->version != TLS_1_3) {
		ck_assert_ptr_null(e);
		ck_assert_ptr_null(ch_ext(c, 51));
		ck_assert_ptr_null(ch_ext(c, 45));
		return;
	}
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, sizeof(sv));
	ck_assert_mem_eq(e->data, sv, sizeof(sv));
	e = ch_ext(c, 51);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, sizeof(ks_head) + 32);
	ck_assert_mem_eq(e->data, ks_head, sizeof(ks_head));
	e = ch_ext(c, 45);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->len, sizeof(psk));
	ck_assert_mem_eq(e->data, psk, sizeof(psk));
}

START_TEST(test_build_rows)
{
	struct tls_hello h = {
		build_rows[_i].version, build_rows[_i].sni,
		build_rows[_i].suites, build_rows[_i].nr_suites, 0,
	};
	struct strbuf sb = STRBUF_INIT;
	const struct ch_ext *e;
	struct ch c;

	build_read(&h, &sb, &c);
	ck_assert_uint_eq(c.rec_version, build_rows[_i].rec_version);
	ck_assert_uint_eq(c.client_version, build_rows[_i].client_version);
	ck_assert_uint_eq(c.sid_len, build_rows[_i].sid_len);
	ck_assert_int_eq(c.has_ext, build_rows[_i].want_ext);
	check_common(&h, &c);
	check_tls13_ext(&h, &c);
	e = ch_ext(&c, 0);
	if (build_rows[_i].want_sni) {
		size_t n = strlen(build_rows[_i].want_sni);

		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(e->len, 5 + n);
		ck_assert_uint_eq(get16(e->data), 3 + n);
		ck_assert_uint_eq(e->data[2], 0);
		ck_assert_uint_eq(get16(e->data + 3), n);
		ck_assert_mem_eq(e->data + 5, build_rows[_i].want_sni, n);
	} else {
		ck_assert_ptr_null(e);
	}
	ck_assert_int_eq(ch_ext(&c, 13) != NULL, build_rows[_i].want_sigalgs);
	ck_assert_int_eq(ch_ext(&c, 10) != NULL, build_rows[_i].want_ext);
	e = ch_ext(&c, 10);
	if (e)
		ck_assert_uint_eq(get16(e->data + 2), 0x001d);
	for (size_t i = 0; i < 3 && build_rows[_i].has[i]; i++)
		ck_assert_msg(ch_has_suite(&c, build_rows[_i].has[i]),
			      "row %d: 0x%04x not offered", _i,
			      build_rows[_i].has[i]);
	for (size_t i = 0; i < 3 && build_rows[_i].hasnot[i]; i++)
		ck_assert_msg(!ch_has_suite(&c, build_rows[_i].hasnot[i]),
			      "row %d: 0x%04x offered", _i,
			      build_rows[_i].hasnot[i]);
	if (h.suites) {
		size_t want = h.nr_suites + (h.version < TLS_1_3);

		for (size_t i = 0; i < h.nr_suites; i++)
			if (h.suites[i] == 0x00ff)
				want = h.nr_suites;
		ck_assert_uint_eq(c.nr_suites, want);
		for (size_t i = 0; i < h.nr_suites; i++)
			ck_assert_uint_eq(c.suites[i], h.suites[i]);
	}
	strbuf_release(&sb);
}
END_TEST

/* Padding, for TLS 1.0, 1.2 and 1.3 and every suite count from 0 to 160
 * (one loop: a Check loop test forks per row): the record and the
 * handshake body stay out of 256..511, and padding is there exactly when
 * the hello without it would have been in that range. */
static const uint16_t pad_versions[] = { TLS_1_0, TLS_1_2, TLS_1_3 };

START_TEST(test_build_padding)
{
	uint16_t ids[160];
	int padded = 0;

	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		ids[i] = tls_suites[5 + i].id;
	for (size_t k = 0; k <= ARRAY_SIZE(ids); k++) {
		struct tls_hello h = {
			pad_versions[_i], "api.example.test", ids, k, 0,
		};
		struct strbuf sb = STRBUF_INIT;
		const struct ch_ext *pad;
		size_t bare;
		struct ch c;

		build_read(&h, &sb, &c);
		check_common(&h, &c);
		pad = ch_ext(&c, 21);
		bare = c.hs_len - (pad ? 4 + pad->len : 0);
		if (!pad != !(bare + 4 >= 256 && bare <= 511))
			ck_abort_msg("%zu suites: body %zu bytes, %zu bare, "
				     "padding %s", k, c.hs_len, bare,
				     pad ? "yes" : "no");
		for (size_t i = 0; pad && i < pad->len; i++)
			if (pad->data[i])
				ck_abort_msg("padding byte %zu is not 0", i);
		padded += pad != NULL;
		strbuf_release(&sb);
	}
	ck_assert_int_gt(padded, 0);
}
END_TEST

START_TEST(test_build_fresh_random_same_key)
{
	struct tls_hello h = { TLS_1_3, "api.example.test", NULL, 0, 0 };
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const struct ch_ext *ka, *kb;
	struct ch ca, cb;

	build_read(&h, &a, &ca);
	build_read(&h, &b, &cb);
	ck_assert_mem_ne(ca.random, cb.random, 32);
	ck_assert_mem_ne(ca.sid, cb.sid, 32);
	ka = ch_ext(&ca, 51);
	kb = ch_ext(&cb, 51);
	ck_assert_mem_eq(ka->data, kb->data, ka->len);
	strbuf_release(&a);
	strbuf_release(&b);
}
END_TEST

START_TEST(test_build_errors)
{
	struct tls_hello h = { TLS_1_2, "api.example.test", NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct ch c;

	/* appends after what is there */
	strbuf_addstr(&sb, "xy");
	ck_assert_int_eq(tls_hello_build(&h, &sb), 0);
	ck_assert_int_eq(ch_read((const unsigned char *)sb.buf + 2,
				 sb.len - 2, &c), 0);
	ck_assert_mem_eq(sb.buf, "xy", 2);
	strbuf_release(&sb);

	/* bad versions leave out alone */
	strbuf_addstr(&sb, "xy");
	h.version = 0x0200;
	ck_assert_int_eq(tls_hello_build(&h, &sb), -1);
	h.version = 0x0305;
	ck_assert_int_eq(tls_hello_build(&h, &sb), -1);
	ck_assert_str_eq(sb.buf, "xy");
	strbuf_release(&sb);

	/* past the cap: -1, and the buffer is released */
	strbuf_setcap(&sb, 100);
	h.version = TLS_1_2;
	ck_assert_int_eq(tls_hello_build(&h, &sb), -1);
	ck_assert_uint_eq(sb.len, 0);
	strbuf_release(&sb);
}
END_TEST

/* --- parser rows ----------------------------------------------------- */

#define B8(x) x, x, x, x, x, x, x, x
#define B32(x) B8(x), B8(x), B8(x), B8(x)
#define HRR_RANDOM \
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, \
	0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, \
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, \
	0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c

/* TLS 1.2 ServerHello body (45 bytes): ECDHE-RSA-AES128-GCM-SHA256,
 * renegotiation_info */
#define SH12_BODY \
	0x03, 0x03, B32(0x5a), 0x00, 0xc0, 0x2f, 0x00, \
	0x00, 0x05, 0xff, 0x01, 0x00, 0x01, 0x00

static const unsigned char sh12[] = {
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d, SH12_BODY,
};
/* the same over two records, cut in the random */
static const unsigned char sh12_split[] = {
	0x16, 0x03, 0x03, 0x00, 0x14,
	0x02, 0x00, 0x00, 0x2d, 0x03, 0x03, B8(0x5a),
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
	0x16, 0x03, 0x03, 0x00, 0x1d,
	B8(0x5a), B8(0x5a), 0x5a, 0x5a, 0x00, 0xc0, 0x2f, 0x00,
	0x00, 0x05, 0xff, 0x01, 0x00, 0x01, 0x00,
};
/* ... cut inside the 4-byte handshake header */
static const unsigned char sh12_hdr_split[] = {
	0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00,
	0x16, 0x03, 0x03, 0x00, 0x2f, 0x00, 0x2d, SH12_BODY,
};
/* ... sharing a 2048-byte record with a Certificate not yet all here */
static const unsigned char sh12_cert[] = {
	0x16, 0x03, 0x03, 0x08, 0x00, 0x02, 0x00, 0x00, 0x2d, SH12_BODY,
	0x0b, 0x00, 0x07, 0xcb, 0x00, 0x07, 0xc8, 0x30, 0x82,
};
/* ... after a warning unrecognized_name (old Apache does that) */
static const unsigned char warn_sh12[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70,
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d, SH12_BODY,
};
static const unsigned char warn_only[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70,
};
/* TLS 1.0 in a 0x0301 record, with renegotiation_info and EMS */
static const unsigned char sh10[] = {
	0x16, 0x03, 0x01, 0x00, 0x35, 0x02, 0x00, 0x00, 0x31,
	0x03, 0x01, B32(0x10), 0x00, 0xc0, 0x14, 0x00,
	0x00, 0x09, 0xff, 0x01, 0x00, 0x01, 0x00, 0x00, 0x17, 0x00, 0x00,
};
/* SSLv3: no extensions at all */
static const unsigned char sh3[] = {
	0x16, 0x03, 0x00, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26,
	0x03, 0x00, B32(0x22), 0x00, 0x00, 0x0a, 0x00,
};
/* TLS 1.3: legacy 0x0303, supported_versions 0x0304, x25519 share */
static const unsigned char sh13[] = {
	0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76,
	0x03, 0x03, B32(0x33), 0x20, B32(0x44), 0x13, 0x01, 0x00,
	0x00, 0x2e, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x24, 0x00, 0x1d, 0x00, 0x20, B32(0x77),
};
/* HelloRetryRequest asking for secp256r1, then the middlebox CCS */
static const unsigned char hrr[] = {
	0x16, 0x03, 0x03, 0x00, 0x58, 0x02, 0x00, 0x00, 0x54,
	0x03, 0x03, HRR_RANDOM, 0x20, B32(0x44), 0x13, 0x02, 0x00,
	0x00, 0x0c, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04,
	0x00, 0x33, 0x00, 0x02, 0x00, 0x17,
	0x14, 0x03, 0x03, 0x00, 0x01, 0x01,
};
/* broken ServerHellos */
static const unsigned char sh_bad_ext[] = {
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d,
	0x03, 0x03, B32(0x5a), 0x00, 0xc0, 0x2f, 0x00,
	0x00, 0x06, 0xff, 0x01, 0x00, 0x01, 0x00,
};
static const unsigned char sh_bad_sid[] = {
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d,
	0x03, 0x03, B32(0x5a), 0x21, B8(0x00), 0x00, 0x00,
};
static const unsigned char sh_short[] = {
	0x16, 0x03, 0x03, 0x00, 0x08, 0x02, 0x00, 0x00, 0x04,
	0x03, 0x03, 0x00, 0x00,
};
static const unsigned char sh_bad_sv[] = {
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d,
	0x03, 0x03, B32(0x5a), 0x00, 0x13, 0x01, 0x00,
	0x00, 0x05, 0x00, 0x2b, 0x00, 0x01, 0x04,
};
static const unsigned char cert_first[] = {
	0x16, 0x03, 0x03, 0x00, 0x07, 0x0b, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
};
static const unsigned char appdata_first[] = {
	0x17, 0x03, 0x03, 0x00, 0x02, 0xaa, 0xbb,
};
static const unsigned char warn_appdata[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70,
	0x17, 0x03, 0x03, 0x00, 0x01, 0x00,
};
static const unsigned char alert_hs_failure[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28,
};
static const unsigned char alert_version[] = {
	0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46,
};
static const unsigned char alert_close[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00,
};
static const unsigned char alert_short[] = {
	0x15, 0x03, 0x03, 0x00, 0x01, 0x02,
};
static const unsigned char bad_version[] = {
	0x16, 0x02, 0x00, 0x00, 0x05,
};
static const unsigned char huge[] = {
	0x16, 0x03, 0x03, 0xff, 0xff, 0x02,
};
static const unsigned char truncated[] = {
	0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d, 0x03, 0x03,
};
static const unsigned char sslv2[] = {
	0x80, 0x2e, 0x04, 0x00, 0x01, 0x00, 0x02, 0x02, 0xf1,
};
static const unsigned char binary[] = {
	0x00, 0x00, 0x00, 0x0c, 0x01, 0x02,
};
/* hostile answers: each cut, too big or out of order */
static const unsigned char cut_rec_header[] = { 0x16, 0x03, 0x01 };
static const unsigned char cut_hs_header[] = {
	0x16, 0x03, 0x01, 0x00, 0x31, 0x02, 0x00,
};
static const unsigned char rec_header_only[] = {
	0x16, 0x03, 0x01, 0x00, 0x31,
};
/* the first record of sh12_split alone: the ServerHello goes on */
static const unsigned char cut_between[] = {
	0x16, 0x03, 0x03, 0x00, 0x14,
	0x02, 0x00, 0x00, 0x2d, 0x03, 0x03, B8(0x5a),
	0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
};
static const unsigned char warn_cut[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70, 0x16, 0x03,
};
static const unsigned char cut_alert[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x02,
};
static const unsigned char sh_16mb[] = {
	0x16, 0x03, 0x01, 0x40, 0x00, 0x02, 0xff, 0xff, 0xff,
};
static const unsigned char sh_64k_cut[] = {
	0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0xff, 0xff, 0x03, 0x03,
};
static const unsigned char alert_in_sh[] = {
	0x16, 0x03, 0x03, 0x00, 0x06, 0x02, 0x00, 0x00, 0x2d, 0x03, 0x03,
	0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28,
};
static const unsigned char alert_4[] = {
	0x15, 0x03, 0x03, 0x00, 0x04, 0x02, 0x28, 0x02, 0x28,
};
static const unsigned char hs_empty[] = { 0x16, 0x03, 0x03, 0x00, 0x00 };
static const unsigned char warn_garbage[] = {
	0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70, 0x00,
};

#define BIN(a) a, sizeof(a)
#define TXT(s) (const unsigned char *)(s), sizeof(s) - 1

static const struct {
	const char *name;
	const unsigned char *bytes;
	size_t len;
	enum tls_answer want;
	int whole;		/* every shorter prefix is MORE */
	uint16_t version, suite;
	int retry;
	uint8_t level, alert;	/* ALERT, or a warning skipped */
	const char *why;	/* NOT_TLS: found in why; MORE: all of it
				 * (NULL: "") */
} parse_rows[] = {
	{ "empty", (const unsigned char *)"", 0, TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, NULL },
	{ "tls1.2", BIN(sh12), TLS_ANSWER_HELLO, 1, TLS_1_2, 0xc02f, 0,
	  0, 0, NULL },
	{ "tls1.2 split", BIN(sh12_split), TLS_ANSWER_HELLO, 1, TLS_1_2,
	  0xc02f, 0, 0, 0, NULL },
	{ "tls1.2 header split", BIN(sh12_hdr_split), TLS_ANSWER_HELLO, 1,
	  TLS_1_2, 0xc02f, 0, 0, 0, NULL },
	{ "tls1.2 + certificate", BIN(sh12_cert), TLS_ANSWER_HELLO, 0,
	  TLS_1_2, 0xc02f, 0, 0, 0, NULL },
	{ "warning then tls1.2", BIN(warn_sh12), TLS_ANSWER_HELLO, 1,
	  TLS_1_2, 0xc02f, 0, 1, 112, NULL },
	{ "warning alone", BIN(warn_only), TLS_ANSWER_MORE, 1, 0, 0, 0,
	  1, 112, NULL },
	{ "tls1.0", BIN(sh10), TLS_ANSWER_HELLO, 1, TLS_1_0, 0xc014, 0,
	  0, 0, NULL },
	{ "sslv3", BIN(sh3), TLS_ANSWER_HELLO, 1, TLS_SSL3, 0x000a, 0,
	  0, 0, NULL },
	{ "tls1.3", BIN(sh13), TLS_ANSWER_HELLO, 1, TLS_1_3, 0x1301, 0,
	  0, 0, NULL },
	{ "hello retry request", BIN(hrr), TLS_ANSWER_HELLO, 0, TLS_1_3,
	  0x1302, 1, 0, 0, NULL },
	{ "handshake_failure", BIN(alert_hs_failure), TLS_ANSWER_ALERT, 1,
	  0, 0, 0, 2, 40, NULL },
	{ "protocol_version", BIN(alert_version), TLS_ANSWER_ALERT, 1,
	  0, 0, 0, 2, 70, NULL },
	{ "close_notify", BIN(alert_close), TLS_ANSWER_ALERT, 1,
	  0, 0, 0, 1, 0, NULL },
	{ "http", TXT("HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n"),
	  TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "answered in plain HTTP: 'HTTP/1.1 400 Bad Request'" },
	{ "ssh", TXT("SSH-2.0-OpenSSH_9.2\r\n"), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "SSH banner: 'SSH-2.0-OpenSSH_9.2'" },
	{ "smtp", TXT("220 mx.example.test ESMTP\r\n"), TLS_ANSWER_NOT_TLS,
	  0, 0, 0, 0, 0, 0, "greeting: '220 mx.example.test ESMTP'" },
	{ "long line", TXT("Welcome to the service, this line is rather "
			   "long and goes on for quite a while\n"),
	  TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "plain text: 'Welcome to the service, this line is rather long "
	  "and goes on'..." },
	{ "sslv2", BIN(sslv2), TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "SSLv2 answer" },
	{ "binary", BIN(binary), TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "not TLS: 00 00 00 0c 01 02" },
	{ "truncated", BIN(truncated), TLS_ANSWER_MORE, 1, 0, 0, 0, 0, 0,
	  "cut in the ServerHello: 2 of 45 bytes" },
	{ "record header cut", BIN(cut_rec_header), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, "cut in a record header: 3 of 5 bytes" },
	{ "handshake header cut", BIN(cut_hs_header), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, "cut in a handshake header: 2 of 4 bytes" },
	{ "record header alone", BIN(rec_header_only), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, "cut in a handshake header: 0 of 4 bytes" },
	{ "cut between records", BIN(cut_between), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, "cut in the ServerHello: 16 of 45 bytes" },
	{ "warning, then a header cut", BIN(warn_cut), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 1, 112, "cut in a record header: 2 of 5 bytes" },
	{ "alert cut", BIN(cut_alert), TLS_ANSWER_MORE, 1, 0, 0, 0, 0, 0,
	  "cut in an alert record: 1 of 2 bytes" },
	{ "ServerHello of 64 KB, cut", BIN(sh_64k_cut), TLS_ANSWER_MORE, 1,
	  0, 0, 0, 0, 0, "cut in the ServerHello: 2 of 65535 bytes" },
	{ "ServerHello of 16 MB", BIN(sh_16mb), TLS_ANSWER_NOT_TLS, 1,
	  0, 0, 0, 0, 0, "ServerHello of 16777215 bytes announced, more "
	  "than one can hold (65607)" },
	{ "alert inside the ServerHello", BIN(alert_in_sh),
	  TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "alert inside the unfinished ServerHello" },
	{ "alert record of 4 bytes", BIN(alert_4), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "alert record of 4 byte(s)" },
	{ "empty handshake record", BIN(hs_empty), TLS_ANSWER_NOT_TLS, 1,
	  0, 0, 0, 0, 0, "empty handshake record" },
	{ "warning, then garbage", BIN(warn_garbage), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 1, 112, "record of type 0 before the ServerHello" },
	{ "huge record", BIN(huge), TLS_ANSWER_NOT_TLS, 0, 0, 0, 0, 0, 0,
	  "record of 65535 bytes" },
	{ "record version", BIN(bad_version), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "record version 2" },
	{ "certificate first", BIN(cert_first), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "type 11 before the ServerHello" },
	{ "application data", BIN(appdata_first), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "type 23 before the ServerHello" },
	{ "warning then data", BIN(warn_appdata), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 1, 112, "type 23 before the ServerHello" },
	{ "alert of 1 byte", BIN(alert_short), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "alert record of 1 byte" },
	{ "extensions overrun", BIN(sh_bad_ext), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "malformed ServerHello" },
	{ "session id 33", BIN(sh_bad_sid), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "session id of 33 bytes" },
	{ "short ServerHello", BIN(sh_short), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "ServerHello of 4 bytes, too short" },
	{ "supported_versions of 1", BIN(sh_bad_sv), TLS_ANSWER_NOT_TLS, 0,
	  0, 0, 0, 0, 0, "supported_versions of 1 bytes" },
};

/* Parse b[0..n) from a heap copy of exactly n bytes, so that ASan sees
 * any read past the end. */
static enum tls_answer parse_exact(const unsigned char *b, size_t n,
				   struct tls_server_hello *out)
{
	unsigned char *copy = xmalloc(n ? n : 1);
	enum tls_answer a;

	if (n)
		memcpy(copy, b, n);
	a = tls_hello_parse(copy, n, out);
	free(copy);
	return a;
}

/* A why that is there and printable. (Plain tests, not one ck_assert a
 * byte: each assertion costs Check a write.) */
static int why_ok(const struct tls_server_hello *sh)
{
	if (!sh->why[0])
		return 0;
	for (const char *p = sh->why; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return 0;
	return 1;
}

START_TEST(test_parse_rows)
{
	struct tls_server_hello sh;
	enum tls_answer a;

	a = parse_exact(parse_rows[_i].bytes, parse_rows[_i].len, &sh);
	ck_assert_msg(a == parse_rows[_i].want, "%s: answer %d, want %d "
		      "(why '%s')", parse_rows[_i].name, a,
		      parse_rows[_i].want, sh.why);
	ck_assert_uint_eq(sh.alert_level, parse_rows[_i].level);
	ck_assert_uint_eq(sh.alert, parse_rows[_i].alert);
	if (a == TLS_ANSWER_HELLO) {
		ck_assert_uint_eq(sh.version, parse_rows[_i].version);
		ck_assert_uint_eq(sh.suite, parse_rows[_i].suite);
		ck_assert_int_eq(sh.retry, parse_rows[_i].retry);
		ck_assert_uint_eq(sh.compression, 0);
	}
	if (a == TLS_ANSWER_NOT_TLS) {
		ck_assert_msg(why_ok(&sh), "%s: why '%s'", parse_rows[_i].name,
			      sh.why);
		ck_assert_msg(strstr(sh.why, parse_rows[_i].why),
			      "%s: why '%s', want '%s'", parse_rows[_i].name,
			      sh.why, parse_rows[_i].why);
	} else if (a == TLS_ANSWER_MORE) {
		ck_assert_msg(!strcmp(sh.why, parse_rows[_i].why ?
				      parse_rows[_i].why : ""),
			      "%s: why '%s', want '%s'", parse_rows[_i].name,
			      sh.why, parse_rows[_i].why);
	} else {
		ck_assert_str_eq(sh.why, "");
	}
}
END_TEST

/* Fed one byte more each time, the answer stays MORE, then settles on the
 * row's answer and keeps it; for a whole row only the last byte does. */
START_TEST(test_parse_prefixes)
{
	struct tls_server_hello sh;
	int settled = 0;

	for (size_t n = 0; n <= parse_rows[_i].len; n++) {
		enum tls_answer a = parse_exact(parse_rows[_i].bytes, n, &sh);

		if (parse_rows[_i].whole && n < parse_rows[_i].len) {
			ck_assert_msg(a == TLS_ANSWER_MORE, "%s: %zu bytes "
				      "give %d", parse_rows[_i].name, n, a);
			continue;
		}
		if (settled || a != TLS_ANSWER_MORE) {
			ck_assert_msg(a == parse_rows[_i].want, "%s: %zu "
				      "bytes give %d", parse_rows[_i].name, n,
				      a);
			settled = 1;
		}
	}
}
END_TEST

/* Safe on any input: every row with each byte changed, every prefix. */
START_TEST(test_parse_mutations)
{
	const unsigned char *b = parse_rows[_i].bytes;
	size_t len = parse_rows[_i].len;
	unsigned char *m = xmalloc(len ? len : 1);

	for (size_t pos = 0; pos < len; pos++) {
		unsigned vals[4] = { 0x00, 0xff, b[pos] ^ 0x80u,
				     (b[pos] + 1u) & 0xff };

		for (size_t v = 0; v < 4; v++) {
			memcpy(m, b, len);
			m[pos] = (unsigned char)vals[v];
			for (size_t n = pos + 1; n <= len; n++) {
				struct tls_server_hello sh;
				enum tls_answer a = parse_exact(m, n, &sh);
				int why_needed = a == TLS_ANSWER_NOT_TLS ||
						 sh.why[0];

				if (a > TLS_ANSWER_NOT_TLS ||
				    (why_needed && !why_ok(&sh)))
					ck_abort_msg("%s: byte %zu = 0x%02x, "
						     "%zu bytes: answer %d, "
						     "why '%s'",
						     parse_rows[_i].name, pos,
						     vals[v], n, a, sh.why);
			}
		}
	}
	free(m);
}
END_TEST

/* --- an answer against the offer ------------------------------------- */

static const uint16_t offer_aes[] = { 0x002f };
static const uint16_t offer_scsv[] = { 0x002f, 0x00ff };
static const uint16_t offer_grease[] = { 0x0a0a };

#define OFFER(a) a, ARRAY_SIZE(a)

static const struct {
	const char *name;
	uint16_t hello;			/* the ClientHello's version */
	const uint16_t *suites;		/* NULL: the default offer */
	size_t nr_suites;
	uint16_t version, suite;	/* what the ServerHello chose */
	int retry;
	uint8_t compression;
	const char *why;		/* NULL: it answers the offer */
} check_rows[] = {
	{ "TLS 1.2 as offered", TLS_1_2, NULL, 0, TLS_1_2, 0xc02f, 0, 0,
	  NULL },
	{ "a lower version, a suite it can use", TLS_1_2, NULL, 0, TLS_1_0,
	  0xc014, 0, 0, NULL },
	{ "SSLv3 as offered", TLS_SSL3, NULL, 0, TLS_SSL3, 0x000a, 0, 0,
	  NULL },
	{ "TLS 1.3 as offered", TLS_1_3, NULL, 0, TLS_1_3, 0x1301, 0, 0,
	  NULL },
	{ "HelloRetryRequest at TLS 1.3", TLS_1_3, NULL, 0, TLS_1_3, 0x1302,
	  1, 0, NULL },
	{ "one suite offered, chosen", TLS_1_2, OFFER(offer_aes), TLS_1_2,
	  0x002f, 0, 0, NULL },
	{ "a suite we do not know, offered", TLS_1_2, OFFER(offer_grease),
	  TLS_1_2, 0x0a0a, 0, 0, NULL },
	{ "TLS 1.3 suite to a TLS 1.0 hello", TLS_1_0, NULL, 0, TLS_1_0,
	  0x1301, 0, 0, "chose cipher suite 0x1301, which was not offered" },
	{ "a suite not in the list", TLS_1_2, OFFER(offer_aes), TLS_1_2,
	  0x0035, 0, 0, "chose cipher suite 0x0035, which was not offered" },
	{ "the renegotiation SCSV", TLS_1_2, OFFER(offer_scsv), TLS_1_2,
	  0x00ff, 0, 0, "chose cipher suite 0x00ff, which was not offered" },
	{ "TLS 1.2 suite to a TLS 1.3 hello", TLS_1_3, NULL, 0, TLS_1_2,
	  0xc02f, 0, 0, "chose cipher suite 0xc02f, which was not offered" },
	{ "GCM at TLS 1.0", TLS_1_2, NULL, 0, TLS_1_0, 0xc02f, 0, 0,
	  "chose TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, which cannot be "
	  "used at TLS 1.0" },
	{ "a TLS 1.3 suite at TLS 1.2", TLS_1_3, NULL, 0, TLS_1_2, 0x1301,
	  0, 0, "chose TLS_AES_128_GCM_SHA256, which cannot be used at "
	  "TLS 1.2" },
	{ "TLS 1.2 to a TLS 1.0 hello", TLS_1_0, NULL, 0, TLS_1_2, 0xc014,
	  0, 0, "chose TLS 1.2, which was not offered (at most TLS 1.0)" },
	{ "TLS 1.0 to an SSLv3 hello", TLS_SSL3, NULL, 0, TLS_1_0, 0x000a,
	  0, 0, "chose TLS 1.0, which was not offered (at most SSLv3)" },
	{ "SSLv2's number", TLS_1_2, NULL, 0, 0x0002, 0xc02f, 0, 0,
	  "chose version 0x0002, which was not offered (at most TLS 1.2)" },
	{ "a draft version", TLS_1_3, NULL, 0, 0x7f17, 0x1301, 0, 0,
	  "chose version 0x7f17, which was not offered (at most TLS 1.3)" },
	{ "HelloRetryRequest at TLS 1.2", TLS_1_3, NULL, 0, TLS_1_2, 0x1301,
	  1, 0, "sent a HelloRetryRequest at TLS 1.2" },
	{ "DEFLATE", TLS_1_2, NULL, 0, TLS_1_2, 0xc02f, 0, 1,
	  "chose compression method 1, which was not offered" },
};

START_TEST(test_check_rows)
{
	struct tls_hello h = { check_rows[_i].hello, NULL,
			       check_rows[_i].suites,
			       check_rows[_i].nr_suites, 0 };
	struct tls_server_hello sh;
	char why[128] = "";
	int rc;

	memset(&sh, 0, sizeof(sh));
	sh.version = check_rows[_i].version;
	sh.suite = check_rows[_i].suite;
	sh.retry = check_rows[_i].retry;
	sh.compression = check_rows[_i].compression;
	rc = tls_hello_check(&h, &sh, why, sizeof(why));
	ck_assert_msg(rc == (check_rows[_i].why ? -1 : 0), "%s: %d (%s)",
		      check_rows[_i].name, rc, why);
	ck_assert_msg(!strcmp(why, check_rows[_i].why ?
			      check_rows[_i].why : ""), "%s: why '%s'",
		      check_rows[_i].name, why);
}
END_TEST

/* The parser and the check together: a whole TLS 1.0 ServerHello (sh10)
 * choosing a TLS 1.3 suite is a HELLO, but not an answer to our TLS 1.0
 * ClientHello. */
START_TEST(test_check_parsed)
{
	unsigned char b[sizeof(sh10)];
	struct tls_hello h = { TLS_1_0, NULL, NULL, 0, 0 };
	struct tls_server_hello sh;
	char why[128] = "";

	memcpy(b, sh10, sizeof(b));
	b[44] = 0x13;
	b[45] = 0x01;
	ck_assert_int_eq(tls_hello_parse(b, sizeof(b), &sh), TLS_ANSWER_HELLO);
	ck_assert_uint_eq(sh.suite, 0x1301);
	ck_assert_int_eq(tls_hello_check(&h, &sh, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "chose cipher suite 0x1301, which was not "
			 "offered");
	memcpy(b, sh10, sizeof(b));
	ck_assert_int_eq(tls_hello_parse(b, sizeof(b), &sh), TLS_ANSWER_HELLO);
	ck_assert_int_eq(tls_hello_check(&h, &sh, why, sizeof(why)), 0);
}
END_TEST

/* --- the protocol-flaw extras -------------------------------------- */

static const struct {
	uint16_t version;
	unsigned extras;
	size_t nr_comp;
	unsigned comp0, comp1;	/* 256: none */
	int heartbeat;		/* the extension, peer_allowed_to_send */
	int fallback;		/* TLS_FALLBACK_SCSV, last */
} extras_rows[] = {
	{ TLS_1_2, 0, 1, 0, 256, 0, 0 },
	{ TLS_1_2, TLS_HELLO_DEFLATE, 2, 1, 0, 0, 0 },
	{ TLS_1_0, TLS_HELLO_DEFLATE, 2, 1, 0, 0, 0 },
	{ TLS_1_2, TLS_HELLO_HEARTBEAT, 1, 0, 256, 1, 0 },
	{ TLS_1_1, TLS_HELLO_FALLBACK, 1, 0, 256, 0, 1 },
	{ TLS_1_2, TLS_HELLO_DEFLATE | TLS_HELLO_HEARTBEAT |
	  TLS_HELLO_FALLBACK, 2, 1, 0, 1, 1 },
	/* SSLv3 has no extensions: no heartbeat there */
	{ TLS_SSL3, TLS_HELLO_HEARTBEAT, 1, 0, 256, 0, 0 },
};

START_TEST(test_build_extras)
{
	struct tls_hello h = { extras_rows[_i].version, "api.example.test",
			       NULL, 0, extras_rows[_i].extras };
	struct strbuf sb = STRBUF_INIT;
	const struct ch_ext *e;
	struct ch c;

	build_read(&h, &sb, &c);
	ck_assert_uint_eq(c.nr_comp, extras_rows[_i].nr_comp);
	ck_assert_uint_eq(c.comp0, extras_rows[_i].comp0);
	ck_assert_uint_eq(c.comp1, extras_rows[_i].comp1);
	e = ch_ext(&c, 15);
	if (extras_rows[_i].heartbeat) {
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(e->len, 1);
		ck_assert_uint_eq(e->data[0], 1);
	} else {
		ck_assert_ptr_null(e);
	}
	ck_assert_int_eq(ch_has_suite(&c, 0x5600), extras_rows[_i].fallback);
	if (extras_rows[_i].fallback) {
		ck_assert_uint_eq(c.suites[c.nr_suites - 1], 0x5600);
		ck_assert(ch_has_suite(&c, 0x00ff));
	}
	ck_assert_msg(!in_f5_range(c.rec_len) && !in_f5_range(c.hs_len),
		      "record %zu / handshake %zu bytes: in the F5 range",
		      c.rec_len, c.hs_len);
	strbuf_release(&sb);
}
END_TEST

static const struct {
	const char *name;
	unsigned extras;
	uint16_t suite;
	uint8_t compression;
	const char *why;	/* NULL: a fair answer */
} check_extras_rows[] = {
	{ "DEFLATE offered and chosen", TLS_HELLO_DEFLATE, 0xc02f, 1, NULL },
	{ "DEFLATE offered, null chosen", TLS_HELLO_DEFLATE, 0xc02f, 0,
	  NULL },
	{ "DEFLATE offered, LZS chosen", TLS_HELLO_DEFLATE, 0xc02f, 64,
	  "chose compression method 64, which was not offered" },
	{ "the fallback SCSV chosen", TLS_HELLO_FALLBACK, 0x5600, 0,
	  "chose cipher suite 0x5600, which was not offered" },
	{ "the fallback SCSV beside a suite", TLS_HELLO_FALLBACK, 0xc02f, 0,
	  NULL },
	{ "heartbeat asked, DEFLATE chosen", TLS_HELLO_HEARTBEAT, 0xc02f, 1,
	  "chose compression method 1, which was not offered" },
};

START_TEST(test_check_extras)
{
	struct tls_hello h = { TLS_1_2, NULL, NULL, 0,
			       check_extras_rows[_i].extras };
	struct tls_server_hello sh;
	char why[128] = "";

	memset(&sh, 0, sizeof(sh));
	sh.version = TLS_1_2;
	sh.suite = check_extras_rows[_i].suite;
	sh.compression = check_extras_rows[_i].compression;
	ck_assert_int_eq(tls_hello_check(&h, &sh, why, sizeof(why)),
			 check_extras_rows[_i].why ? -1 : 0);
	ck_assert_str_eq(why, check_extras_rows[_i].why ?
			 check_extras_rows[_i].why : "");
}
END_TEST

/* A TLS 1.2 ServerHello choosing DEFLATE, with renegotiation_info and
 * heartbeat: all three are read. sh10 has neither heartbeat nor DEFLATE. */
static const unsigned char sh12_flaws[] = {
	0x16, 0x03, 0x03, 0x00, 0x36, 0x02, 0x00, 0x00, 0x32,
	0x03, 0x03, B32(0x21), 0x00, 0xc0, 0x2f, 0x01,
	0x00, 0x0a, 0xff, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0f, 0x00, 0x01,
	0x01,
};

START_TEST(test_parse_flaws)
{
	struct tls_server_hello sh;

	ck_assert_int_eq(tls_hello_parse(sh12_flaws, sizeof(sh12_flaws), &sh),
			 TLS_ANSWER_HELLO);
	ck_assert_uint_eq(sh.compression, 1);
	ck_assert_int_eq(sh.secure_renegotiation, 1);
	ck_assert_int_eq(sh.heartbeat, 1);
	ck_assert_int_eq(tls_hello_parse(sh10, sizeof(sh10), &sh),
			 TLS_ANSWER_HELLO);
	ck_assert_uint_eq(sh.compression, 0);
	ck_assert_int_eq(sh.secure_renegotiation, 1);
	ck_assert_int_eq(sh.heartbeat, 0);
	ck_assert_int_eq(tls_hello_parse(sh3, sizeof(sh3), &sh),
			 TLS_ANSWER_HELLO);
	ck_assert_int_eq(sh.secure_renegotiation, 0);
}
END_TEST

/* --- names ----------------------------------------------------------- */

static const struct {
	uint16_t v;
	const char *name;
} version_rows[] = {
	{ 0x0300, "SSLv3" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" },
	{ 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" },
	{ 0x0200, "unknown" }, { 0x0305, "unknown" }, { 0x7f1c, "unknown" },
};

START_TEST(test_version_names)
{
	ck_assert_str_eq(tls_version_name(version_rows[_i].v),
			 version_rows[_i].name);
}
END_TEST

static const struct {
	uint8_t desc;
	const char *name;
} alert_rows[] = {
	{ 0, "close_notify" }, { 40, "handshake_failure" },
	{ 70, "protocol_version" }, { 71, "insufficient_security" },
	{ 86, "inappropriate_fallback" }, { 112, "unrecognized_name" },
	{ 120, "no_application_protocol" }, { 1, "unknown" },
	{ 255, "unknown" },
};

START_TEST(test_alert_names)
{
	ck_assert_str_eq(tls_alert_name(alert_rows[_i].desc),
			 alert_rows[_i].name);
}
END_TEST

/* --- the suite table ------------------------------------------------- */

static const struct {
	uint16_t id;
	const char *name;	/* NULL: not in the table */
	unsigned flags;
	const char *weakness;
} find_rows[] = {
	{ 0x1301, "TLS_AES_128_GCM_SHA256", SUITE_TLS13 | SUITE_FS, NULL },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	  SUITE_FS | SUITE_TLS12, NULL },
	{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA", SUITE_RC4, "RC4" },
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", SUITE_3DES, "3DES" },
	{ 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
	  SUITE_EXPORT | SUITE_RC4, "EXPORT-grade" },
	{ 0x003b, "TLS_RSA_WITH_NULL_SHA256", SUITE_NULL | SUITE_TLS12,
	  "NULL cipher" },
	{ 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA", SUITE_ANON | SUITE_RC4,
	  "anonymous key exchange" },
	{ 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", SUITE_ANON,
	  "anonymous key exchange" },
	{ 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA", SUITE_NULL | SUITE_FS,
	  "NULL cipher" },
	{ 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA", SUITE_NULL | SUITE_ANON,
	  "NULL cipher" },
	{ 0x0009, "TLS_RSA_WITH_DES_CBC_SHA", SUITE_DES, "single DES" },
	{ 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
	  SUITE_FS | SUITE_EXPORT | SUITE_DES, "EXPORT-grade" },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", 0, NULL },
	{ 0x0000, NULL, 0, NULL },	/* TLS_NULL_WITH_NULL_NULL */
	{ 0x00ff, NULL, 0, NULL },	/* the renegotiation SCSV */
	{ 0x5600, NULL, 0, NULL },	/* TLS_FALLBACK_SCSV */
	{ 0x008c, NULL, 0, NULL },	/* PSK: left out */
	{ 0xc01d, NULL, 0, NULL },	/* SRP: left out */
};

START_TEST(test_suite_find)
{
	const struct tls_suite *s = tls_suite_find(find_rows[_i].id);

	if (!find_rows[_i].name) {
		ck_assert_ptr_null(s);
		ck_assert_ptr_null(tls_suite_weakness(s));
		return;
	}
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, find_rows[_i].name);
	ck_assert_uint_eq(s->flags, find_rows[_i].flags);
	if (find_rows[_i].weakness)
		ck_assert_str_eq(tls_suite_weakness(s),
				 find_rows[_i].weakness);
	else
		ck_assert_ptr_null(tls_suite_weakness(s));
}
END_TEST

static const struct {
	uint16_t id, version;
	int want;
} usable_rows[] = {
	{ 0x1301, TLS_1_3, 1 }, { 0x1301, TLS_1_2, 0 },
	{ 0xc02f, TLS_1_3, 0 }, { 0xc02f, TLS_1_2, 1 },
	{ 0xc02f, TLS_1_1, 0 }, { 0xc02f, TLS_SSL3, 0 },
	{ 0xc013, TLS_1_0, 1 }, { 0xc013, TLS_1_2, 1 },
	{ 0x0005, TLS_SSL3, 1 }, { 0x0005, TLS_1_2, 1 },
	{ 0x0005, TLS_1_3, 0 }, { 0x0003, TLS_1_0, 1 },
	{ 0x003b, TLS_1_2, 1 }, { 0x003b, TLS_1_0, 0 },
	{ 0x002f, 0x0200, 0 }, { 0x002f, 0x0305, 0 },
	{ 0x1301, 0x0305, 0 },
};

START_TEST(test_suite_usable)
{
	const struct tls_suite *s = tls_suite_find(usable_rows[_i].id);

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(tls_suite_usable(s, usable_rows[_i].version),
			 usable_rows[_i].want);
	ck_assert_int_eq(tls_suite_usable(NULL, usable_rows[_i].version), 0);
}
END_TEST

/* The flags a suite's IANA name implies. */
static unsigned flags_from_name(const char *n)
{
	unsigned f = 0;

	if (!strstr(n, "_WITH_"))
		return SUITE_TLS13 | SUITE_FS;
	if (strstr(n, "_anon_"))
		f |= SUITE_ANON;
	else if (!strncmp(n, "TLS_ECDHE_", 10) || !strncmp(n, "TLS_DHE_", 8))
		f |= SUITE_FS;
	if (strstr(n, "_WITH_NULL_"))
		f |= SUITE_NULL;
	if (strstr(n, "EXPORT"))
		f |= SUITE_EXPORT;
	if (strstr(n, "_RC4_"))
		f |= SUITE_RC4;
	if (strstr(n, "_3DES_"))
		f |= SUITE_3DES;
	if (strstr(n, "_DES_CBC_") || strstr(n, "_DES40_"))
		f |= SUITE_DES;
	if (strstr(n, "_GCM_") || strstr(n, "_CCM") || strstr(n, "CHACHA20") ||
	    strstr(n, "_SHA256") || strstr(n, "_SHA384"))
		f |= SUITE_TLS12;
	return f;
}

START_TEST(test_suite_table)
{
	size_t last_strong = 0, first_weak = tls_suites_nr;

	ck_assert_uint_ge(tls_suites_nr, 120);
	ck_assert_uint_le(tls_suites_nr, 170);
	for (size_t i = 0; i < tls_suites_nr; i++) {
		const struct tls_suite *s = &tls_suites[i];

		ck_assert_msg(!strncmp(s->name, "TLS_", 4), "%s", s->name);
		ck_assert_msg(s->flags == flags_from_name(s->name),
			      "%s: flags 0x%x, name says 0x%x", s->name,
			      s->flags, flags_from_name(s->name));
		ck_assert_int_eq(!!(s->flags & SUITE_TLS13), i < 5);
		ck_assert_ptr_eq(tls_suite_find(s->id), s);
		for (size_t j = i + 1; j < tls_suites_nr; j++) {
			ck_assert_msg(s->id != tls_suites[j].id,
				      "0x%04x twice", s->id);
			ck_assert_str_ne(s->name, tls_suites[j].name);
		}
		if (s->flags & SUITE_WEAK) {
			if (first_weak == tls_suites_nr)
				first_weak = i;
		} else {
			last_strong = i;
		}
	}
	ck_assert_uint_lt(last_strong, first_weak);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("tls_hello");
	TCase *build = tcase_create("build");
	TCase *parse = tcase_create("parse");
	TCase *suites = tcase_create("suites");

	tcase_add_loop_test(build, test_build_rows, 0, ARRAY_SIZE(build_rows));
	tcase_add_loop_test(build, test_build_padding, 0,
			    ARRAY_SIZE(pad_versions));
	tcase_add_test(build, test_build_fresh_random_same_key);
	tcase_add_test(build, test_build_errors);
	suite_add_tcase(s, build);

	tcase_add_loop_test(parse, test_parse_rows, 0, ARRAY_SIZE(parse_rows));
	tcase_add_loop_test(parse, test_parse_prefixes, 0,
			    ARRAY_SIZE(parse_rows));
	tcase_add_loop_test(parse, test_parse_mutations, 0,
			    ARRAY_SIZE(parse_rows));
	tcase_add_loop_test(parse, test_check_rows, 0,
			    ARRAY_SIZE(check_rows));
	tcase_add_test(parse, test_check_parsed);
	tcase_add_loop_test(build, test_build_extras, 0,
			    ARRAY_SIZE(extras_rows));
	tcase_add_loop_test(parse, test_check_extras, 0,
			    ARRAY_SIZE(check_extras_rows));
	tcase_add_test(parse, test_parse_flaws);
	tcase_add_loop_test(parse, test_version_names, 0,
			    ARRAY_SIZE(version_rows));
	tcase_add_loop_test(parse, test_alert_names, 0,
			    ARRAY_SIZE(alert_rows));
	tcase_set_timeout(parse, 60);
	suite_add_tcase(s, parse);

	tcase_add_loop_test(suites, test_suite_find, 0, ARRAY_SIZE(find_rows));
	tcase_add_loop_test(suites, test_suite_usable, 0,
			    ARRAY_SIZE(usable_rows));
	tcase_add_test(suites, test_suite_table);
	suite_add_tcase(s, suites);
	return s;
}
