/* auth_config.h - the `authaudit auth --config FILE` YAML: the targets to
 * probe, each with its base URL, style of authentication, profile,
 * endpoints and where its valid credentials come from.
 *
 *   targets:
 *     - name: reseller-orders
 *       style: reseller-jwt        # see auth_style_names
 *       profile: reseller-platform # default: the style's vendor profile
 *       base_url: https://api.example.test
 *       endpoint: /Orders/List     # the control request (GET)
 *       scope_endpoint: /Orders/Admin    # the credential lacks its scope
 *       captcha_endpoint: /ocapi/v1/loyalty/auth
 *       token_endpoint: /oauth/token     # default from the style
 *       ca_file: ca.pem
 *       allow_token_reissue: true  # presto-fi: may issue tokens, which
 *                                  # revokes the integration's current one
 *       credentials:
 *         env: { token: RESELLER_TOKEN }
 *         file: creds.yaml         # owner-only; name: value lines
 *
 * base_url must be https:// with no user:password@, query or fragment;
 * every endpoint must be a path on base_url's host (auth_url.h): a value
 * that could send a credential elsewhere is refused at file:line:col.
 *
 * Ownership: struct auth_config owns every string; auth_config_release()
 * frees them. Relative paths are resolved against the config's directory.
 */
#ifndef AUTHAUDIT_AUTH_CONFIG_H
#define AUTHAUDIT_AUTH_CONFIG_H

#include <stddef.h>

#include "core/rule.h"
#include "lib/err.h"

enum auth_style {
	AUTH_PRESTO,		/* Presto Vendor: id|token bearer */
	AUTH_PRESTO_FI,		/* Presto FI: new token revokes the old */
	AUTH_VISTA_GAS,		/* Vista Digital Platform: /connect/token */
	AUTH_VISTA_INTEGRATION,	/* three headers, /oauth/token JWT */
	AUTH_RESELLER_JWT,	/* Reseller/Storefront: Bearer HS256 JWT */
	AUTH_RESELLER_APIKEY,	/* Payment/Supplier: ApiKey header */
	AUTH__COUNT
};

struct auth_target {
	char *name;
	char *style_name;
	enum auth_style style;
	char *profile;
	char *base_url;
	char *endpoint;
	char *scope_endpoint;
	char *captcha_endpoint;
	char *token_endpoint;
	char *ca_file;
	char *cred_file;
	int allow_token_reissue;	/* presto-fi: may issue new tokens */
	struct kvlist cred_env;		/* credential name -> variable */
	unsigned line;
};

struct auth_config {
	struct auth_target *targets;
	size_t nr, alloc;
};

extern const char *const auth_style_names[AUTH__COUNT];
/* The profile a style audits against when the target names none. */
const char *auth_style_profile(enum auth_style s);

int auth_config_load(struct auth_config *c, const char *path,
		     struct err *e);
void auth_config_release(struct auth_config *c);

#endif
