/* tls_fixture.h - what unit tests of TLS clients share: keys and
 * certificates made now with OpenSSL (written as PEM where a client
 * wants files), and a TLS server in a thread of the test, on 127.0.0.1
 * and an ephemeral port, that presents a chosen chain and answers each
 * HTTP request with what the test's function says, keeping a record of
 * the requests.
 *
 * Every function is static, as in check_main.h: a test file includes
 * this once. Failures are Check assertions; nothing is returned to
 * check. Ownership: tf_key() and tf_cert() return objects the caller
 * frees (EVP_PKEY_free, X509_free); a tf_server holds references to its
 * chain and key and owns its thread and records until tf_server_stop().
 */
#ifndef AUTHAUDIT_TLS_FIXTURE_H
#define AUTHAUDIT_TLS_FIXTURE_H

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/strbuf.h"

/* A test file uses some of these, not all. */
#define TF_STATIC static __attribute__((unused))

/* ---- keys and certificates ------------------------------------------ */

/* An EC P-256 key, or RSA of rsa_bits when rsa_bits > 0. */
TF_STATIC EVP_PKEY *tf_key(int rsa_bits)
{
	EVP_PKEY *k = rsa_bits > 0 ?
		EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)rsa_bits) :
		EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");

	ck_assert_msg(k != NULL, "cannot generate a key");
	return k;
}

/* One certificate. Its validity is from..to days from `epoch` (a time
 * the test fixes, so that it knows the exact dates). */
struct tf_spec {
	const char *cn;
	long from, to;
	int ca;			/* a CA (root or intermediate), else a leaf */
	const char *san;	/* leaves: "DNS:localhost, IP:127.0.0.1" */
	const EVP_MD *md;	/* NULL: SHA-256 */
};

TF_STATIC void tf_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, ctx, nid, value);

	ck_assert_msg(ext && X509_add_ext(x, ext, -1), "extension %s '%s'",
		      OBJ_nid2sn(nid), value);
	X509_EXTENSION_free(ext);
}

/* A certificate for key, signed by issuer's key (NULL: self-signed). */
TF_STATIC X509 *tf_cert(const struct tf_spec *s, time_t epoch, EVP_PKEY *key,
			X509 *issuer, EVP_PKEY *issuer_key)
{
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	BIGNUM *bn = BN_new();
	ASN1_INTEGER *serial;
	X509V3_CTX ctx;

	ck_assert(x && name && bn);
	/* 63 random bits: positive and unique enough in one test */
	ck_assert(BN_rand(bn, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY));
	ck_assert(serial = BN_to_ASN1_INTEGER(bn, NULL));
	ck_assert(X509_set_serialNumber(x, serial));
	ASN1_INTEGER_free(serial);
	BN_free(bn);
	ck_assert(X509_set_version(x, 2));
	ck_assert(X509_time_adj_ex(X509_getm_notBefore(x), (int)s->from, 0,
				   &epoch));
	ck_assert(X509_time_adj_ex(X509_getm_notAfter(x), (int)s->to, 0,
				   &epoch));
	ck_assert(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
					     (const unsigned char *)s->cn,
					     -1, -1, 0));
	ck_assert(X509_set_subject_name(x, name));
	ck_assert(X509_set_issuer_name(x, issuer ?
				       X509_get_subject_name(issuer) : name));
	X509_NAME_free(name);
	ck_assert(X509_set_pubkey(x, key));
	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	tf_ext(x, &ctx, NID_subject_key_identifier, "hash");
	if (issuer)
		tf_ext(x, &ctx, NID_authority_key_identifier, "keyid:always");
	if (s->ca) {
		tf_ext(x, &ctx, NID_basic_constraints, "critical,CA:TRUE");
		tf_ext(x, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		tf_ext(x, &ctx, NID_basic_constraints, "critical,CA:FALSE");
		tf_ext(x, &ctx, NID_ext_key_usage, "serverAuth");
		if (s->san)
			tf_ext(x, &ctx, NID_subject_alt_name, s->san);
	}
	ck_assert(X509_sign(x, issuer_key ? issuer_key : key,
			    s->md ? s->md : EVP_sha256()) > 0);
	return x;
}

/* certs[0..n) into path, one PEM after the other. */
TF_STATIC void tf_write_certs(const char *path, X509 *const *certs, size_t n)
{
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < n; i++)
		ck_assert(PEM_write_X509(f, certs[i]));
	ck_assert_int_eq(fclose(f), 0);
}

/* ---- the server ------------------------------------------------------ */

#define TF_HEAD_MAX 8192	/* request head, up to the blank line */
#define TF_BODY_MAX 8192	/* request body kept */
#define TF_IO_S 10		/* a guard on every read and write */

struct tf_request {
	char method[16], path[512];
	char head[TF_HEAD_MAX + 1];	/* the header lines, CRLF and all */
	char body[TF_BODY_MAX + 1];
	size_t body_len;
};

/* The whole answer to rq, status line on, into out; a test's function. */
typedef void (*tf_answer_fn)(void *arg, const struct tf_request *rq,
			     struct strbuf *out);

struct tf_server {
	SSL_CTX *ctx;
	int lfd, wake[2];
	unsigned port;
	pthread_t tid;
	tf_answer_fn answer;		/* NULL: handshakes only */
	void *arg;
	pthread_mutex_t lock;		/* guards what follows */
	struct tf_request *reqs;	/* every request, in order */
	size_t nr_reqs;
	unsigned handshakes;		/* completed */
};

/* The value of header name in rq (its first), into out; NULL when
 * absent. */
TF_STATIC const char *tf_header(const struct tf_request *rq, const char *name,
				char *out, size_t n)
{
	size_t len = strlen(name);

	for (const char *p = rq->head; (p = strstr(p, "\r\n")); ) {
		p += 2;
		if (!strncasecmp(p, name, len) && p[len] == ':') {
			p += len + 1;
			p += strspn(p, " \t");
			snprintf(out, n, "%.*s", (int)strcspn(p, "\r\n"), p);
			return out;
		}
	}
	return NULL;
}

/* The head (up to the blank line) and a Content-Length body into rq:
 * 0, or -1 when the peer sent no whole request. */
TF_STATIC int tf_read_request(SSL *ssl, struct tf_request *rq)
{
	char buf[TF_HEAD_MAX + TF_BODY_MAX + 1], *end = NULL, clen[32];
	size_t len = 0, head, want = 0;
	int n;

	memset(rq, 0, sizeof(*rq));
	while (!end) {
		if (len >= TF_HEAD_MAX)
			return -1;
		n = SSL_read(ssl, buf + len, (int)(TF_HEAD_MAX - len));
		if (n <= 0)
			return -1;
		len += (size_t)n;
		buf[len] = '\0';
		end = strstr(buf, "\r\n\r\n");
	}
	head = (size_t)(end - buf) + 4;
	memcpy(rq->head, buf, head);
	if (sscanf(buf, "%15s %511s", rq->method, rq->path) != 2)
		return -1;
	if (tf_header(rq, "Content-Length", clen, sizeof(clen)))
		want = strtoul(clen, NULL, 10);
	if (want > TF_BODY_MAX)
		return -1;
	while (len - head < want) {
		n = SSL_read(ssl, buf + len, (int)(head + want - len));
		if (n <= 0)
			return -1;
		len += (size_t)n;
	}
	memcpy(rq->body, buf + head, want);
	rq->body_len = want;
	return 0;
}

TF_STATIC void tf_record(struct tf_server *s, const struct tf_request *rq)
{
	pthread_mutex_lock(&s->lock);
	s->reqs = realloc(s->reqs, (s->nr_reqs + 1) * sizeof(*s->reqs));
	if (!s->reqs)
		abort();	/* no assertion outside the test's thread */
	s->reqs[s->nr_reqs++] = *rq;
	pthread_mutex_unlock(&s->lock);
}

/* One connection: the handshake, then one request answered (or, with
 * no answer function, whatever comes read until the client goes). */
TF_STATIC void tf_serve(struct tf_server *s, int fd)
{
	struct timeval tv = { .tv_sec = TF_IO_S };
	SSL *ssl = SSL_new(s->ctx);
	struct tf_request *rq = malloc(sizeof(*rq));
	struct strbuf out = STRBUF_INIT;
	char sink[4096];

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (ssl && rq && SSL_set_fd(ssl, fd) && SSL_accept(ssl) == 1) {
		pthread_mutex_lock(&s->lock);
		s->handshakes++;
		pthread_mutex_unlock(&s->lock);
		if (!s->answer) {
			while (SSL_read(ssl, sink, sizeof(sink)) > 0)
				;
		} else if (!tf_read_request(ssl, rq)) {
			/* recorded before the answer goes: once the client
			 * has it, the test sees the request */
			tf_record(s, rq);
			s->answer(s->arg, rq, &out);
			for (size_t off = 0; off < out.len; ) {
				int w = SSL_write(ssl, out.buf + off,
						  (int)(out.len - off));

				if (w <= 0)
					break;
				off += (size_t)w;
			}
			SSL_shutdown(ssl);
		}
	}
	strbuf_release(&out);
	free(rq);
	SSL_free(ssl);
	ERR_clear_error();
	close(fd);
}

TF_STATIC void *tf_main(void *arg)
{
	struct tf_server *s = arg;

	for (;;) {
		struct pollfd p[2] = {
			{ .fd = s->lfd, .events = POLLIN },
			{ .fd = s->wake[0], .events = POLLIN },
		};
		int fd;

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			break;
		if (!(p[0].revents & POLLIN))
			continue;
		fd = accept(s->lfd, NULL, NULL);
		if (fd >= 0)
			tf_serve(s, fd);
	}
	return NULL;
}

/* Serve chain[0..n) (the leaf first) with key; answer as fn says. */
TF_STATIC void tf_server_start(struct tf_server *s, X509 *const *chain,
			       size_t n, EVP_PKEY *key, tf_answer_fn fn,
			       void *arg)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);

	memset(s, 0, sizeof(*s));
	/* a client that stops reading must not kill the test */
	signal(SIGPIPE, SIG_IGN);
	s->answer = fn;
	s->arg = arg;
	pthread_mutex_init(&s->lock, NULL);
	ck_assert_ptr_nonnull(s->ctx = SSL_CTX_new(TLS_server_method()));
	/* weak keys and SHA-1 signatures are what some tests present */
	SSL_CTX_set_security_level(s->ctx, 0);
	ck_assert(SSL_CTX_use_certificate(s->ctx, chain[0]) == 1);
	for (size_t i = 1; i < n; i++)
		ck_assert(SSL_CTX_add1_chain_cert(s->ctx, chain[i]) == 1);
	ck_assert(SSL_CTX_use_PrivateKey(s->ctx, key) == 1);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s->lfd, 0);
	ck_assert_int_eq(bind(s->lfd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(listen(s->lfd, 16), 0);
	ck_assert_int_eq(getsockname(s->lfd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	ck_assert_int_eq(pipe(s->wake), 0);
	ck_assert_int_eq(pthread_create(&s->tid, NULL, tf_main, s), 0);
}

TF_STATIC void tf_server_stop(struct tf_server *s)
{
	ck_assert_int_eq(write(s->wake[1], "", 1), 1);
	pthread_join(s->tid, NULL);
	close(s->wake[0]);
	close(s->wake[1]);
	close(s->lfd);
	SSL_CTX_free(s->ctx);
	free(s->reqs);
	pthread_mutex_destroy(&s->lock);
	memset(s, 0, sizeof(*s));
}

/* How many requests came so far, and a copy of the i-th. */
TF_STATIC size_t tf_requests(struct tf_server *s)
{
	size_t n;

	pthread_mutex_lock(&s->lock);
	n = s->nr_reqs;
	pthread_mutex_unlock(&s->lock);
	return n;
}

TF_STATIC void tf_request_at(struct tf_server *s, size_t i,
			     struct tf_request *out)
{
	pthread_mutex_lock(&s->lock);
	ck_assert_uint_lt(i, s->nr_reqs);
	*out = s->reqs[i];
	pthread_mutex_unlock(&s->lock);
}

/* A port on 127.0.0.1 that nothing listens on (bound, then closed:
 * the kernel does not hand it out again at once). */
TF_STATIC unsigned tf_closed_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

#endif
