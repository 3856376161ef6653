/* tls_hello.h - the prober's handshake codec: build our own ClientHello
 * bytes for any version from SSLv3 to TLS 1.3, and read the server's first
 * answer (ServerHello, HelloRetryRequest or alert). No sockets here.
 *
 * Ownership: tls_hello_build() appends to the caller's strbuf and keeps
 * nothing; tls_hello_parse() fills the caller's struct and keeps no pointer
 * into buf. The TLS 1.3 key share is one X25519 key made once per process
 * (its private half is thrown away: we never finish a handshake).
 */
#ifndef AUTHAUDIT_TLS_HELLO_H
#define AUTHAUDIT_TLS_HELLO_H

#include <stddef.h>
#include <stdint.h>

#include "lib/strbuf.h"

#define TLS_SSL3	0x0300
#define TLS_1_0		0x0301
#define TLS_1_1		0x0302
#define TLS_1_2		0x0303
#define TLS_1_3		0x0304

struct tls_hello {
	uint16_t version;	/* offered; TLS_1_3 goes in
				 * supported_versions */
	const char *sni;	/* host name; NULL or an IP literal: no SNI */
	const uint16_t *suites;	/* NULL: every table suite usable at
				 * version, in table order */
	size_t nr_suites;
	unsigned extras;	/* TLS_HELLO_*: what the flaw probes
				 * offer besides; 0 for the others */
};

/* Extras of a TLS 1.0 - 1.2 hello, for the protocol-flaw probes: DEFLATE
 * before the null compression (CRIME), the heartbeat extension with
 * peer_allowed_to_send (RFC 6520, Heartbleed), TLS_FALLBACK_SCSV last
 * among the suites (RFC 7507). */
#define TLS_HELLO_DEFLATE	0x1
#define TLS_HELLO_HEARTBEAT	0x2
#define TLS_HELLO_FALLBACK	0x4

/* Append one ClientHello record to out: 0, or -1 when out's cap is passed
 * (out is then released, as strbuf does), when version is not one of
 * TLS_SSL3 .. TLS_1_3 or the hello would not fit one record (out is then
 * untouched), or when OpenSSL gives no random bytes or X25519 key.
 *
 * SSLv3 hellos carry no extensions. TLS 1.0 - 1.2 hellos add
 * TLS_EMPTY_RENEGOTIATION_INFO_SCSV. A TLS 1.3 hello offers only 0x0304 in
 * supported_versions and, by default, only TLS 1.3 suites, so a server
 * without TLS 1.3 refuses it (OpenSSL: protocol_version) instead of
 * answering in TLS 1.2. signature_algorithms goes only in TLS 1.2 and 1.3
 * hellos (RFC 5246 7.4.1.4.1). A hello whose record or
 * handshake body would be 256 to 511 bytes long gets the padding extension
 * (RFC 7685), which brings both to 512 and up (old F5 servers hang). */
int tls_hello_build(const struct tls_hello *h, struct strbuf *out);

enum tls_answer {
	TLS_ANSWER_MORE,	/* incomplete: read more and call again
				 * (why says where the bytes stop) */
	TLS_ANSWER_HELLO,	/* a ServerHello or HelloRetryRequest */
	TLS_ANSWER_ALERT,	/* an alert came before any ServerHello */
	TLS_ANSWER_NOT_TLS	/* not a TLS server speaking */
};

struct tls_server_hello {
	uint16_t version;	/* negotiated: supported_versions when
				 * present, else server_version */
	uint16_t suite;
	int retry;		/* a HelloRetryRequest */
	uint8_t compression;	/* the method chosen (we offer only 0) */
	int secure_renegotiation;	/* renegotiation_info came back */
	int extended_master_secret;	/* so did extended_master_secret */
	int heartbeat;			/* so did heartbeat (RFC 6520) */
	/* TLS_ANSWER_ALERT: the alert. Otherwise: a warning alert skipped
	 * before the ServerHello (see tls_hello_parse), 0 and 0 when none;
	 * useful when the server then hangs up. */
	uint8_t alert_level, alert;
	char why[128];		/* TLS_ANSWER_NOT_TLS: what was wrong, e.g.
				 * "answered in plain HTTP: 'HTTP/1.1 400 Bad
				 * Request'" (printable characters only).
				 * TLS_ANSWER_MORE: where the bytes stop when
				 * inside a record or a handshake message, e.g.
				 * "cut in the ServerHello: 7 of 45 bytes";
				 * "" when between records (nothing yet, or
				 * only warning alerts). Else "". */
};

/* Parse what the server has sent so far; buf holds every byte from the
 * first. Never reads past len; safe on any input. Handshake records are
 * reassembled until the ServerHello is whole (what follows it need not
 * be); no more than one ServerHello can hold (about 64 KB) is ever taken.
 * A warning-level alert other than close_notify or user_canceled
 * before the ServerHello is skipped, as real clients do (some servers send
 * unrecognized_name as a warning and carry on). TLS_ANSWER_NOT_TLS: a
 * ServerHello that is malformed or announced longer than one can be, an
 * empty handshake record, an alert record that is not one 2-byte alert
 * (RFC 8446 5.1), an alert inside an unfinished ServerHello. */
enum tls_answer tls_hello_parse(const unsigned char *buf, size_t len,
				struct tls_server_hello *out);

/* Does sh, a TLS_ANSWER_HELLO to the ClientHello that h built, answer it
 * as TLS allows? The server must choose a version h offered (SSLv3 up to
 * h->version; a HelloRetryRequest only at TLS 1.3), one of h's cipher
 * suites (never a signalling SCSV) that is usable at that version,
 * and a compression method offered (null; DEFLATE too with
 * TLS_HELLO_DEFLATE). 0 when it does; -1
 * with why ("chose cipher suite 0x1301, which was not offered") when
 * not: such an answer is a protocol violation, neither an acceptance nor
 * a refusal. */
int tls_hello_check(const struct tls_hello *h,
		    const struct tls_server_hello *sh, char *why,
		    size_t whylen);

/* Is host an IPv4 or IPv6 address rather than a name ("[::1]", scoped
 * IPv6 too)? Such a host gets no SNI (RFC 6066) and its certificate is
 * checked for the address. */
int tls_host_is_address(const char *host);

/* "SSLv3", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3", else "unknown". */
const char *tls_version_name(uint16_t v);

/* The TLS alert description's name ("handshake_failure",
 * "protocol_version", ...), or "unknown". */
const char *tls_alert_name(uint8_t desc);

#endif
