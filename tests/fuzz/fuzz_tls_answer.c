/* fuzz_tls_answer.c - tls_hello_parse() on any bytes a server may send.
 * Oracles: it never reads past the input (ASan); an answer other than
 * "read more" stays the same however many bytes follow (the parser
 * judges the bytes it has, so a prefix that settled the answer must give
 * it again whole); `why` is printable. */
#include <string.h>

#include "fuzz.h"
#include "probe/tls_hello.h"

static void check_why(const struct tls_server_hello *h)
{
	size_t n = strnlen(h->why, sizeof(h->why));

	if (n == sizeof(h->why))
		fuzz_fail("why is not NUL-terminated");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)h->why[i] < 0x20 ||
		    (unsigned char)h->why[i] > 0x7e)
			fuzz_fail("why holds byte 0x%02x",
				  (unsigned char)h->why[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tls_server_hello whole, part;
	enum tls_answer a = tls_hello_parse(data, size, &whole);

	check_why(&whole);
	/* the answer the first half settled, if any, is the answer */
	if (size > 1) {
		enum tls_answer b = tls_hello_parse(data, size / 2, &part);

		check_why(&part);
		if (b != TLS_ANSWER_MORE && b != a)
			fuzz_fail("%zu bytes answer %d, %zu of them %d", size,
				  (int)a, size / 2, (int)b);
		if (b == TLS_ANSWER_HELLO &&
		    (part.version != whole.version ||
		     part.suite != whole.suite))
			fuzz_fail("the ServerHello changed with more bytes");
	}
	return 0;
}
