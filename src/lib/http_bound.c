/* http_bound.c - libcurl callbacks that read an answer up to a bound and
 * record its status as it arrives. See http_bound.h. */
#include "http_bound.h"

#include <ctype.h>
#include <string.h>

static int on_connected(void *ud, char *ip, char *local, int port,
			int local_port)
{
	(void)ip;
	(void)local;
	(void)port;
	(void)local_port;
	((struct http_bound *)ud)->connected = 1;
	return CURL_PREREQFUNC_OK;
}

/* "HTTP/1.1 200 OK\r\n" -> 200; 0 when line is no status line. */
static long status_of(const char *line, size_t n)
{
	const char *sp;

	if (n < 12 || strncmp(line, "HTTP/", 5))
		return 0;
	sp = memchr(line, ' ', n);
	if (!sp || (size_t)(sp - line) + 4 > n)
		return 0;
	for (int i = 1; i <= 3; i++)
		if (!isdigit((unsigned char)sp[i]))
			return 0;
	return (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
}

/* Each header line, the status lines too (a 1xx interim answer comes
 * before the final one, so the last one counts). Returning short of n
 * ends the transfer. */
static size_t on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct http_bound *b = ud;
	long st;

	n *= sz;
	b->head += n;
	if (b->head > b->max) {
		b->cut = 1;
		return 0;
	}
	st = status_of(p, n);
	if (st)
		b->status = st;
	return n;
}

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
	struct http_bound *b = ud;
	size_t room = b->max - b->body;

	n *= sz;
	if (n > room) {
		if (b->keep)
			strbuf_add(b->keep, p, room);
		b->body = b->max;
		b->cut = 1;
		return 0;	/* enough: libcurl hangs up */
	}
	if (b->keep && strbuf_add(b->keep, p, n))
		return 0;
	b->body += n;
	return n;
}

void http_bound_attach(struct http_bound *b, CURL *h, size_t max,
		       struct strbuf *keep)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
	b->keep = keep;
	curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_connected);
	curl_easy_setopt(h, CURLOPT_PREREQDATA, b);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, b);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
}

CURLcode http_bound_result(const struct http_bound *b, CURLcode cc)
{
	return cc == CURLE_WRITE_ERROR && b->cut ? CURLE_OK : cc;
}

int http_bound_answered(const struct http_bound *b)
{
	return b->status >= 200;
}
