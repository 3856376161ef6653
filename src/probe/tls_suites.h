/* tls_suites.h - the SSL/TLS cipher suites the prober offers and names,
 * with what makes each one weak.
 *
 * Ownership: the table and every string in it are static and read-only;
 * nothing here is allocated or needs freeing.
 */
#ifndef AUTHAUDIT_TLS_SUITES_H
#define AUTHAUDIT_TLS_SUITES_H

#include <stddef.h>
#include <stdint.h>

#define SUITE_NULL	0x001	/* no encryption */
#define SUITE_ANON	0x002	/* no server authentication (anon DH/ECDH) */
#define SUITE_EXPORT	0x004	/* 40- or 56-bit export grade */
#define SUITE_RC4	0x008
#define SUITE_3DES	0x010
#define SUITE_DES	0x020	/* single DES */
#define SUITE_FS	0x040	/* ephemeral key exchange (DHE, ECDHE; every
				 * TLS 1.3 suite) */
#define SUITE_TLS13	0x080	/* TLS 1.3 only */
#define SUITE_TLS12	0x100	/* TLS 1.2 and up only (AEAD, SHA-256/384
				 * MACs) */
#define SUITE_WEAK	(SUITE_NULL | SUITE_ANON | SUITE_EXPORT | \
			 SUITE_RC4 | SUITE_3DES | SUITE_DES)

struct tls_suite {
	uint16_t id;
	const char *name;	/* IANA name:
				 * "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" */
	unsigned flags;		/* SUITE_* */
};

/* In a modern client's preference order: TLS 1.3, then ECDHE, DHE and
 * RSA key exchange (AEAD before CBC), the other ciphers, and last the
 * weak suites. No PSK, SRP, Kerberos, GOST or Fortezza suites. */
extern const struct tls_suite tls_suites[];
extern const size_t tls_suites_nr;

/* The table's entry for id; NULL when unknown. */
const struct tls_suite *tls_suite_find(uint16_t id);

/* The weakness in a few words ("NULL cipher", "anonymous key exchange",
 * "EXPORT-grade", "RC4", "3DES", "single DES"), the worst first when a
 * suite has several; NULL when not weak. */
const char *tls_suite_weakness(const struct tls_suite *s);

/* The SUITE_* flag of that worst weakness, 0 when not weak: a suite
 * belongs to one weakness class only. */
unsigned tls_suite_weak_flag(const struct tls_suite *s);

/* 1 when the suite can be negotiated at this protocol version (0x0300
 * SSLv3 .. 0x0304 TLS 1.3): TLS13 suites only at TLS 1.3 and no other
 * suite there, TLS12 suites not below TLS 1.2; else 0. */
int tls_suite_usable(const struct tls_suite *s, uint16_t version);

#endif
