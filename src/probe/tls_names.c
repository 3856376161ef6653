/* tls_names.c - the names of TLS versions and alerts, for facts and
 * messages; declared in tls_hello.h. */
#include <stddef.h>
#include <stdint.h>

#include "tls_hello.h"
#include "lib/xalloc.h"

const char *tls_version_name(uint16_t v)
{
	static const char *const names[] = {
		"SSLv3", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3",
	};

	if (v < TLS_SSL3 || v > TLS_1_3)
		return "unknown";
	return names[v - TLS_SSL3];
}

static const struct {
	uint8_t desc;
	const char *name;
} alerts[] = {
	{ 0, "close_notify" },
	{ 10, "unexpected_message" },
	{ 20, "bad_record_mac" },
	{ 21, "decryption_failed" },
	{ 22, "record_overflow" },
	{ 30, "decompression_failure" },
	{ 40, "handshake_failure" },
	{ 41, "no_certificate" },
	{ 42, "bad_certificate" },
	{ 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" },
	{ 45, "certificate_expired" },
	{ 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },
	{ 48, "unknown_ca" },
	{ 49, "access_denied" },
	{ 50, "decode_error" },
	{ 51, "decrypt_error" },
	{ 60, "export_restriction" },
	{ 70, "protocol_version" },
	{ 71, "insufficient_security" },
	{ 80, "internal_error" },
	{ 86, "inappropriate_fallback" },
	{ 90, "user_canceled" },
	{ 100, "no_renegotiation" },
	{ 109, "missing_extension" },
	{ 110, "unsupported_extension" },
	{ 111, "certificate_unobtainable" },
	{ 112, "unrecognized_name" },
	{ 113, "bad_certificate_status_response" },
	{ 114, "bad_certificate_hash_value" },
	{ 115, "unknown_psk_identity" },
	{ 116, "certificate_required" },
	{ 120, "no_application_protocol" },
};

const char *tls_alert_name(uint8_t desc)
{
	for (size_t i = 0; i < ARRAY_SIZE(alerts); i++)
		if (alerts[i].desc == desc)
			return alerts[i].name;
	return "unknown";
}
