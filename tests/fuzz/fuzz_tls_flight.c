/* fuzz_tls_flight.c - tls_flight_scan() and tls_heartbeat_answer() on any
 * bytes a server may send after its ServerHello. Oracles: neither reads
 * past the input (ASan); an answer the first half of the input settled
 * is the whole input's answer too (DONE at the same place); `why` is
 * printable; the heartbeat reader decides within TLS_HB_PEEK bytes. */
#include <string.h>

#include "fuzz.h"
#include "probe/tls_flight.h"

static void check_why(const char *why, size_t n)
{
	size_t len = strnlen(why, n);

	if (len == n)
		fuzz_fail("why is not NUL-terminated");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)why[i] < 0x20 ||
		    (unsigned char)why[i] > 0x7e)
			fuzz_fail("why holds byte 0x%02x",
				  (unsigned char)why[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[128] = "", why2[128] = "";
	size_t used = 0, used2 = 0, rec = 0;
	uint8_t alert = 0;
	enum tls_flight a, b;
	enum tls_heartbeat h;

	a = tls_flight_scan(data, size, &used, &alert, why, sizeof(why));
	check_why(why, sizeof(why));
	if (a == TLS_FLIGHT_DONE && (used > size || used == 0))
		fuzz_fail("DONE at %zu of %zu bytes", used, size);
	b = tls_flight_scan(data, size / 2, &used2, &alert, why2,
			    sizeof(why2));
	check_why(why2, sizeof(why2));
	if (b != TLS_FLIGHT_MORE && b != a)
		fuzz_fail("%zu bytes answer %d, %zu of them %d", size, (int)a,
			  size / 2, (int)b);
	if (b == TLS_FLIGHT_DONE && used2 != used)
		fuzz_fail("DONE at %zu, then at %zu", used2, used);
	why[0] = '\0';
	h = tls_heartbeat_answer(data, size < TLS_HB_PEEK ? size : TLS_HB_PEEK,
				 &rec, &alert, why, sizeof(why));
	check_why(why, sizeof(why));
	if (size >= TLS_HB_PEEK && h == TLS_HB_MORE)
		fuzz_fail("%d bytes of a heartbeat answer decide nothing",
			  TLS_HB_PEEK);
	return 0;
}
