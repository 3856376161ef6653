/* cmd_version.c - `authaudit --version`: the version and the commit it
 * was built from, then the version of each library doing the work, read
 * from the library at run time (what is linked, not what was compiled
 * against), and where the built-in rules are found. */
#include "cmd.h"
#include "run.h"

#include <curl/curl.h>
#include <git2.h>
#include <hs/hs.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <yaml.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#ifndef AUTHAUDIT_COMMIT
#define AUTHAUDIT_COMMIT "unknown"
#endif

int cmd_version(int argc, char **argv)
{
	const curl_version_info_data *curl = curl_version_info(CURLVERSION_NOW);
	char pcre[64] = "?";
	int major = 0, minor = 0, rev = 0;
	uint32_t jit = 0;

	(void)argc;
	(void)argv;
	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	git_libgit2_version(&major, &minor, &rev);
	printf("authaudit %s (commit %s)\n", AUTHAUDIT_VERSION,
	       AUTHAUDIT_COMMIT);
	printf("libcurl %s (%s)\n", curl->version,
	       curl->ssl_version ? curl->ssl_version : "no TLS");
	printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
	printf("PCRE2 %s (JIT %s)\n", pcre, jit ? "available" : "absent");
	printf("matcher: Hyperscan-compatible %s\n", hs_version());
	printf("libyaml %s\n", yaml_get_version_string());
	printf("jansson %s\n", jansson_version_str());
	printf("libgit2 %d.%d.%d\n", major, minor, rev);
	printf("rules: %s\n", run_builtin_rules_dir());
	return EXIT_CLEAN;
}
