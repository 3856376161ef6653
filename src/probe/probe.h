/* probe.h - `authaudit probe`: what the endpoint checks observe and how
 * they share a run.
 *
 * Data flows probe_target -> probe_run (a job per check and endpoint, run
 * by a pool of workers over net.c) -> probe_tls / probe_cert / probe_kx /
 * probe_http (each job fills its part of a struct probe_result with facts,
 * never verdicts against a profile) -> probe_judge (facts + the target's
 * profile -> findings of the endpoint.* rules) and probe_facts (the
 * endpoint's block of observed facts) -> report.
 *
 * Ownership: struct probe_ctx owns the OpenSSL client context and trust
 * store (probe_ctx_release) and borrows the options. A probe_result is
 * plain data: each job writes only its own part, so workers share no
 * locks over it; the judge reads it after every job has finished.
 */
#ifndef AUTHAUDIT_PROBE_H
#define AUTHAUDIT_PROBE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "net.h"
#include "probe_target.h"
#include "tls_hello.h"
#include "core/report.h"
#include "core/rule.h"
#include "lib/err.h"
#include "lib/strbuf.h"

/* The rules the judge reports under (rules/endpoint/ of the rules). */
enum probe_rule {
	PR_VERSION_BELOW_MIN,
	PR_MIN_NOT_ACCEPTED,
	PR_CERT_UNTRUSTED,
	PR_CERT_SELF_SIGNED,
	PR_CERT_HOSTNAME,
	PR_CERT_EXPIRED,
	PR_CERT_NOT_YET_VALID,
	PR_CERT_EXPIRING,
	PR_CERT_WEAK_KEY,
	PR_CERT_WEAK_SIGNATURE,
	PR_CERT_CHAIN_INCOMPLETE,
	PR_CERT_LIFETIME,
	PR_CIPHER_WEAK,
	PR_NO_FORWARD_SECRECY,
	PR_KX_WEAK,
	PR_RSA_KX,
	PR_PLAIN_SERVED,
	PR_PLAIN_REDIRECT,
	PR_ALT_PORT,
	PR_PORT_NOT_ALLOWED,
	PR_HSTS_MISSING,
	PR_HSTS_SHORT,
	PR_PROBE_FAILED,
	PR_RENEG_INSECURE,	/* the protocol flaws: probe_flaws.c */
	PR_RENEG_CLIENT,
	PR_COMPRESSION,
	PR_HEARTBLEED,
	PR_FALLBACK_IGNORED,
	PR_ROBOT,
	PR_CERT_REVOKED,	/* --check-revocation: probe_revocation.c */
	PR__COUNT
};
extern const char *const probe_rule_ids[PR__COUNT];

enum verdict {
	VERDICT_UNTESTED,	/* the check did not run */
	VERDICT_ACCEPTED,	/* the server said yes */
	VERDICT_REFUSED,	/* the server said no, in TLS or by closing */
	VERDICT_ERROR		/* no verdict: dead, slow, garbage */
};

/* SSLv3, TLS 1.0, 1.1, 1.2, 1.3: the versions probed, oldest first. */
#define PROBE_VERSIONS 5
#define PROBE_LEGACY 4		/* SSLv3 .. TLS 1.2: cipher suites probed */
extern const uint16_t probe_versions[PROBE_VERSIONS];

#define PROBE_WHY 160

struct version_result {
	enum verdict v;
	int spoke_tls;		/* a ServerHello or an alert came */
	uint16_t suite;
	char why[PROBE_WHY];
};

#define PROBE_MAX_WEAK 40

/* Weak suites the server chose, at one version, offered only those. */
struct weak_result {
	enum verdict v;		/* ACCEPTED when any was chosen */
	uint16_t suites[PROBE_MAX_WEAK];
	size_t nr;
	char why[PROBE_WHY];
};

/* What a TLS <= 1.2 client offering forward-secret suites first got. */
struct fs_result {
	enum verdict v;		/* REFUSED: no TLS <= 1.2 at all */
	uint16_t version, suite;
	char why[PROBE_WHY];
};

/* What a key exchange negotiated: "ECDHE" on a curve, "DHE" in a
 * finite-field group, or "RSA" (static; no group). */
struct kx_seen {
	char kind[8];		/* "" when not known */
	char group[32];		/* "X25519", "secp256r1", "dh_1024_160",
				 * "" for a DH group OpenSSL has no name for */
	int bits;		/* the group's size: prime or curve bits */
	int security;		/* its security bits (X25519: 128) */
	uint16_t version;
	char suite[64];		/* the IANA name */
};

/* Which certificate each kind of client gets: one OpenSSL handshake
 * each, offering only these signature algorithms (a server with an
 * ECDSA and an RSA certificate serves the one a client can verify). */
enum cert_view {
	CERT_DEFAULT,		/* OpenSSL's own lists, SNI as for the URL */
	CERT_ECDSA,
	CERT_RSA,		/* PKCS#1 v1.5: TLS <= 1.2 only (RFC 8446
				 * 4.2.3 keeps it out of TLS 1.3) */
	CERT_RSA_PSS,
	CERT_EDDSA,
	CERT_NO_SNI,		/* CERT_DEFAULT without SNI: the server's
				 * default certificate; only for names */
	CERT_VIEWS
};
extern const char *const probe_cert_view_names[CERT_VIEWS];

enum client_cert {
	CLIENT_CERT_NONE,	/* the server asked for none */
	CLIENT_CERT_REQUESTED,	/* asked, and went on without one */
	CLIENT_CERT_REQUIRED,	/* asked, and refused the handshake
				 * without one */
	CLIENT_CERT_ASKED	/* asked; whether it insists is unknown */
};

struct cert_result {
	enum verdict v;		/* ACCEPTED: a certificate was read;
				 * REFUSED: the server has none for this
				 * view's signature algorithms (an alert) */
	int client_limit;	/* ERROR at the TLS level: the server
				 * speaks nothing this OpenSSL can */
	char why[PROBE_WHY];
	unsigned char sha256[32];	/* of the leaf: views that got the
					 * same certificate are one */
	struct kx_seen kx;	/* the handshake's own key exchange */
	enum client_cert client_cert;	/* CERT_DEFAULT only */
	char client_cert_why[PROBE_WHY];	/* what told it */
	char subject[256], issuer[256];
	char names[256];	/* its DNS and IP subject alternative names */
	long long not_before, not_after;	/* Unix time */
	char key_type[16];	/* "RSA", "EC", "DSA", "Ed25519", ... */
	int key_bits;
	int weak_key;
	char weak_sig[256];	/* "" or which certificate, which algorithm */
	int self_signed;
	int untrusted;
	char untrusted_why[320];
	int hostname_mismatch;
	int chain_incomplete;
	char missing[256];	/* the intermediate the server did not send */
	char chain_expired[256];	/* "" or the expired intermediate */
};

/* The key-exchange probes, each offering only what it measures. */
enum kx_probe {
	KX_ECDHE,		/* TLS <= 1.2, ECDHE suites: which curve */
	KX_DHE,			/* TLS <= 1.2, DHE suites: which group */
	KX_WEAK_CURVES,		/* ECDHE offering only curves under 256
				 * bits: is one taken? */
	KX_RSA,			/* only static RSA suites (our own
				 * ClientHello): taken at all? */
	KX_PROBES
};

/* ACCEPTED: the server negotiated it (seen says how); REFUSED: it
 * refused (an alert, or a ServerHello for something else); ERROR: no
 * answer; UNTESTED with why set: this OpenSSL cannot ask (no curve under
 * 256 bits), a fact and no finding. */
struct kx_result {
	enum verdict v;
	struct kx_seen seen;
	char why[PROBE_WHY];
};

/* The plain-HTTP request to the same host (a dummy bearer token only).
 * ACCEPTED: a final status line came back, whatever followed it (a
 * timeout or reset in the headers or body, the body cut short by the
 * probe); REFUSED: not served: no connection (refused, or none within the
 * timeout), closed or reset before any status line, or an answer that is
 * not HTTP (a TLS alert); ERROR: could not determine: the server took the
 * connection but sent no status line in time (silent, or trickling it),
 * or only a 1xx, or the request failed otherwise; why says which. */
struct plain_result {
	enum verdict v;
	long status;
	char location[256];
	char content_type[96];
	int www_authenticate;	/* the API looked at the token */
	char why[PROBE_WHY];
};

/* The verified HTTPS request. ACCEPTED: a final status line and its
 * headers came back (the body is not waited for); REFUSED: the TLS
 * handshake or certificate failed, so a client ignores HSTS (a notice);
 * ERROR: no status line (silent, slow, reset): no verdict. */
struct hsts_result {
	enum verdict v;
	int present;
	long long max_age;	/* -1 when missing or unreadable */
	char header[200];
	long curl_code;		/* CURLcode of a request that failed */
	char why[PROBE_WHY];
};

enum port_state {
	PORT_UNTESTED,
	PORT_CLOSED,		/* refused, or nothing listening */
	PORT_TLS,		/* answered a ClientHello */
	PORT_HTTP,		/* answered an HTTP request */
	PORT_SILENT,		/* open, answered neither */
	PORT_UNKNOWN		/* not checked: no address, no route */
};

struct port_result {
	char *host;		/* owned */
	unsigned port;
	enum port_state state;
	char what[PROBE_WHY];
	int reported;		/* the judge reports each host:port once */
};

/* A protocol flaw, as probe_flaws.c measured it. */
enum flaw {
	FLAW_UNTESTED,		/* the check did not run */
	FLAW_ABSENT,		/* measured: the server does it right */
	FLAW_PRESENT,		/* measured: the server has the flaw */
	FLAW_NA,		/* cannot arise here (no TLS 1.2 or lower);
				 * what says why */
	FLAW_ERROR		/* no verdict; what says why */
};

struct flaw_result {
	enum flaw f;
	char what[PROBE_WHY];	/* what was seen or why nothing was */
};

#define PROBE_FALLBACK_TRIES 3

/* One ClientHello carrying TLS_FALLBACK_SCSV, and its answer. */
struct fallback_try {
	uint16_t offered;
	enum { FB_HELLO, FB_ALERT, FB_CLOSED, FB_ERROR } got;
	uint16_t version;	/* FB_HELLO: the version chosen */
	uint8_t alert;		/* FB_ALERT */
	char why[PROBE_WHY];	/* FB_ERROR */
};

struct flaws_result {
	struct flaw_result reneg_secure;	/* RFC 5746 */
	struct flaw_result reneg_client;	/* client-initiated */
	struct flaw_result compression;		/* CRIME */
	struct flaw_result heartbleed;
	struct flaw_result robot;		/* Bleichenbacher oracle */
	/* TLS 1.2, 1.1, 1.0 with the SCSV while the server takes them;
	 * the judge weighs them against the versions it accepts */
	struct fallback_try fallback[PROBE_FALLBACK_TRIES];
	size_t nr_fallback;
};

/* The leaf's revocation status (--check-revocation only). */
enum revocation {
	REV_UNTESTED,
	REV_GOOD,
	REV_REVOKED,
	REV_UNKNOWN,		/* the responder does not know the cert */
	REV_NO_SOURCE,		/* no OCSP URL, no CRL, nothing stapled */
	REV_ERROR		/* no verdict; why says why */
};

struct revocation_result {
	enum revocation s;
	char source[200];	/* "stapled OCSP response", "OCSP
				 * http://...", "CRL http://..." */
	long long revoked_at;	/* REV_REVOKED: Unix time */
	char reason[40];	/* REV_REVOKED: "keyCompromise", or "" */
	char why[PROBE_WHY];
};

struct probe_result {
	struct version_result versions[PROBE_VERSIONS];
	struct weak_result weak[PROBE_LEGACY];
	struct fs_result fs;
	struct cert_result cert;	/* CERT_DEFAULT */
	struct cert_result certs[CERT_VIEWS];	/* the others; [0] unused */
	struct kx_result kx[KX_PROBES];
	struct plain_result plain;
	struct hsts_result hsts;
	struct flaws_result flaws;
	struct revocation_result revocation;
};

struct probe_opts {
	const char *ca_file;		/* NULL: the system store */
	long timeout_ms;		/* each phase */
	unsigned concurrency;		/* worker threads */
	unsigned per_host;		/* connections open at once per host */
	double rate;			/* new connections a second; 0: any */
	const struct strlist *resolve;	/* HOST:PORT:ADDR, HOST:*:ADDR */
	const char *alt_ports;		/* overrides the profiles'; NULL */
	int check_revocation;		/* OCSP / CRL of each leaf */
	int progress;
};

struct probe_ctx {
	const struct probe_opts *o;
	struct net net;
	void *ssl_ctx;			/* SSL_CTX *: certificate reads */
	void *store;			/* X509_STORE *: the trust anchors */
	time_t now;
};

int probe_ctx_init(struct probe_ctx *c, const struct probe_opts *o,
		   struct err *e);
void probe_ctx_release(struct probe_ctx *c);

/* One ClientHello sent, the first answer read, the connection reset.
 *
 * A refusal is a measured "no", and only these are: EXCHANGE_ALERT (a
 * fatal alert, close_notify or user_canceled before any ServerHello, or
 * whole warning alerts and then a close), EXCHANGE_CLOSED (closed or
 * reset on the ClientHello or before any byte of an answer), and an
 * EXCHANGE_HELLO for a lower version than offered. Everything else gives
 * no verdict: an answer cut anywhere in a record or handshake message
 * (closed, reset or timed out there), a protocol violation, bytes that
 * are not TLS, silence, no connection. */
enum exchange {
	EXCHANGE_HELLO,		/* sh holds the ServerHello, which answers
				 * what we offered (tls_hello_check) */
	EXCHANGE_ALERT,		/* sh holds the alert */
	EXCHANGE_CLOSED,	/* closed or reset before any answer byte */
	EXCHANGE_CUT,		/* the answer stopped part-way; why says
				 * after how many bytes and where */
	EXCHANGE_NOT_TLS,	/* why says what came instead */
	EXCHANGE_VIOLATION,	/* a ServerHello choosing a version, suite
				 * or compression never offered; why says
				 * which */
	EXCHANGE_SILENT,	/* connected, but no answer in time */
	EXCHANGE_FAILED,	/* no connection: refused, or none in time */
	EXCHANGE_UNREACHABLE	/* no address, or no route to it: nothing
				 * was asked */
};
enum exchange probe_exchange(struct probe_ctx *c, const char *host,
			     unsigned port, const struct tls_hello *h,
			     struct tls_server_hello *sh, char *why,
			     size_t whylen);

/* The checks (one job each: a version, a certificate view, a key-exchange
 * probe); they only fill their part of res. */
void probe_version(struct probe_ctx *c, const struct probe_target *t,
		   unsigned i, struct probe_result *res);
void probe_weak(struct probe_ctx *c, const struct probe_target *t,
		unsigned i, struct probe_result *res);
void probe_fs(struct probe_ctx *c, const struct probe_target *t,
	      struct probe_result *res);
void probe_cert(struct probe_ctx *c, const struct probe_target *t,
		enum cert_view view, struct probe_result *res);
void probe_kx(struct probe_ctx *c, const struct probe_target *t,
	      enum kx_probe which, struct probe_result *res);
void probe_plain(struct probe_ctx *c, const struct probe_target *t,
		 struct probe_result *res);
void probe_hsts(struct probe_ctx *c, const struct probe_target *t,
		struct probe_result *res);
void probe_port(struct probe_ctx *c, struct port_result *p);
/* probe_flaws.c: one raw TLS 1.2 hello offering DEFLATE and heartbeat
 * (secure renegotiation, compression, Heartbleed); TLS_FALLBACK_SCSV;
 * a real handshake renegotiated by the client. */
void probe_flaws_hello(struct probe_ctx *c, const struct probe_target *t,
		       struct probe_result *res);
void probe_flaws_fallback(struct probe_ctx *c, const struct probe_target *t,
			  struct probe_result *res);
void probe_flaws_reneg(struct probe_ctx *c, const struct probe_target *t,
		       struct probe_result *res);
/* probe_flaws.c, for the checks that go on past the ServerHello: send h
 * and read until its ServerHello (or an alert) is whole, keeping the
 * connection (conn, the caller closes it) and every byte read (in); then
 * read on to the ServerHelloDone (0, or -1 with why). */
enum exchange probe_hello_open(struct probe_ctx *c,
			       const struct probe_target *t,
			       const struct tls_hello *h,
			       struct net_conn *conn, struct strbuf *in,
			       struct tls_server_hello *sh, char *why,
			       size_t whylen);
int probe_flight_read(struct net_conn *conn, struct strbuf *in, char *why,
		      size_t whylen);
/* probe_robot.c: ROBOT, five ClientKeyExchanges at an RSA suite. */
void probe_robot(struct probe_ctx *c, const struct probe_target *t,
		 struct probe_result *res);
/* Drive fn (SSL_connect, SSL_do_handshake) of a non-blocking SSL on conn
 * to its end within one phase: 1 done, 0 no answer in time, -1 failed
 * (*err: SSL_get_error's). */
struct ssl_st;
int probe_ssl_drive(struct ssl_st *ssl, struct net_conn *conn,
		    int (*fn)(struct ssl_st *), int *err);
/* probe_revocation.c: the leaf's OCSP or CRL status. */
void probe_revocation(struct probe_ctx *c, const struct probe_target *t,
		      struct probe_result *res);

/* The verdicts: findings for one target into r (its profile p decides
 * which rules apply and their thresholds); ports are the results for the
 * alternative ports of the target's own profile on its host, each
 * reported once however many targets share it. Returns 1 when the
 * endpoint could be probed at all, 0 when every attempt failed. */
int probe_judge(const struct ruleset *rs, const struct profile *p,
		const struct probe_target *t, const struct probe_result *res,
		struct port_result *const *ports, size_t nr_ports,
		time_t now, struct report *r);

/* The judge's state for one endpoint: probe_judge.c fills it, the
 * verdicts of every judging file go through probe_verdict.c. */
struct judge {
	const struct ruleset *rs;
	const struct profile *p;
	const struct probe_target *t;
	struct report *r;
	time_t now;
	struct strbuf unknown;	/* checks without a verdict */
};

/* probe_verdict.c. probe_verdict_at: a finding of rule pr about url when
 * the profile selects the rule, sev < 0 keeping the rule's severity, key
 * telling findings of one rule and URL apart for the fingerprint (without
 * one the rule and URL alone make it, never the message, which carries
 * counts of days that change from run to run); probe_verdict: the same
 * about the endpoint itself; probe_verdict_unknown: a check without a
 * verdict, on the endpoint's probe-failed finding; probe_verdict_fact: a
 * fact in the endpoint block; probe_verdict_on: is rule pr selected. */
int probe_verdict_on(struct judge *j, enum probe_rule pr);
void probe_verdict_at(struct judge *j, enum probe_rule pr, int sev,
		      const char *url, const char *key, const char *evidence,
		      const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void probe_verdict(struct judge *j, enum probe_rule pr, int sev,
		   const char *key, const char *evidence, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void probe_verdict_unknown(struct judge *j, const char *check,
			   const char *why);
void probe_verdict_fact(struct judge *j, const char *key, const char *fmt,
			...)
	__attribute__((format(printf, 3, 4)));
/* probe_judge_flaws.c: findings and facts of the protocol flaws and of
 * revocation; spoke: the endpoint answered TLS at all. */
void probe_judge_flaws(struct judge *j, const struct probe_result *res,
		       int spoke);

/* The certificate result of a view. */
struct cert_result *probe_cert_of(struct probe_result *res,
				  enum cert_view view);

/* Did two views get the same leaf (both read)? */
int probe_cert_same(const struct cert_result *a, const struct cert_result *b);
/* The first view (CERT_DEFAULT first, never CERT_NO_SNI) that got view
 * v's certificate: the one that speaks for it, v itself when none. */
enum cert_view probe_cert_first(const struct probe_result *res,
				enum cert_view v);
/* "RSA PKCS#1, RSA-PSS": the signature views (CERT_ECDSA .. CERT_EDDSA)
 * that got view v's certificate, appended to out. */
void probe_cert_views(const struct probe_result *res, enum cert_view v,
		      struct strbuf *out);

/* One OpenSSL handshake over conn (probe_cert.c, for probe_kx.c): ssl
 * (an SSL * of the run's client context) is set up by the caller (SNI,
 * versions, lists) and driven here within the phase deadline. 0: the
 * handshake completed; -1 with why set, *refused when the server said
 * no (an alert, a close on the ClientHello, an answer with a signature
 * algorithm never offered), *client_limit when this OpenSSL lacks what
 * the server offers. The caller frees ssl and closes conn. */
int probe_handshake(void *ssl, struct net_conn *conn, int *refused,
		    int *client_limit, char *why, size_t whylen);
/* The key exchange an established handshake used. */
void probe_kx_seen(void *ssl, struct kx_seen *out);
/* "1024-bit group dh_1024_160 (80-bit security)", "X25519 (128-bit
 * security)", "curve secp224r1 (224 bits, 112-bit security)". */
void probe_kx_describe(const struct kx_seen *k, struct strbuf *out);

/* The endpoint's facts (probe_facts.c): what was observed, whatever the
 * profile makes of it; "not checked" and why for a check without an
 * answer. */
void probe_describe(struct report *r, const struct probe_target *t,
		    const struct probe_result *res,
		    struct port_result *const *ports, size_t nr_ports,
		    time_t now);
/* Why the verified HTTPS (HSTS) request got no headers, in the words of
 * what the other checks measured (a client certificate required, a
 * certificate that does not verify, a DH group too small). */
void probe_hsts_cause(const struct probe_result *res, struct strbuf *out);
/* "2027-01-15" of a Unix time, UTC. */
void probe_day(long long t, char *out, size_t n);

/* The alternative ports a profile names (alt_ports), or the override;
 * "none" or "" gives none. Returns how many went into out (at most n). */
size_t probe_alt_ports(const struct ruleset *rs, const struct profile *p,
		       const char *override, unsigned *out, size_t n);

/* Is rule `pr` loaded and selected by p? */
int probe_rule_on(const struct ruleset *rs, const struct profile *p,
		  enum probe_rule pr);

/* Run every check on every target; findings and notices into r. Returns
 * how many targets could be probed, or -1 with e set. */
long probe_run(const struct probe_opts *o, const struct ruleset *rs,
	       const struct profile *def, struct probe_targets *ts,
	       struct report *r, struct err *e);

#endif
