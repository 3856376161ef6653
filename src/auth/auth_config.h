/* auth_config.h - the `authaudit auth --config FILE` YAML: the targets to
 * probe, each with its base URL, style of authentication, profile, the
 * request surfaces it is probed on and where its valid credentials come
 * from.
 *
 *   targets:
 *     - name: reseller-orders
 *       style: reseller-jwt        # see auth_style_names
 *       profile: reseller-platform # default: the style's vendor profile
 *       base_url: https://api.example.test
 *       endpoint:                  # the control request, and every check
 *         path: /Orders/Create     # a bare path is a GET
 *         method: POST
 *         body: { customer_id: "{{customer_id}}", items: [] }
 *         content_type: application/json
 *         headers: { CorrelationId: authaudit-probe }
 *         success_status: [200, 201]   # default: any 2xx
 *       scope_checks:              # a credential lacking `scope` gets 403
 *         - { path: /Orders/Admin, scope: admin }
 *       limited_scopes: [orders]   # or credential limited_token
 *       captcha_endpoint: /ocapi/v1/loyalty/auth   # a surface, as above
 *       token_endpoint: /oauth/token     # default from the style
 *       http_url: http://api.example.test/Orders/Create  # default port 80
 *       expiry_wait: 10m           # presto: wait this long for a token
 *                                  # to expire, at most
 *       timeout: 30s
 *       ca_file: ca.pem
 *       allow_token_reissue: true  # presto-fi: may issue tokens, which
 *                                  # revokes the integration's current one
 *       credentials:
 *         env: { token: RESELLER_TOKEN }
 *         file: creds.yaml         # owner-only; name: value lines
 *
 * base_url must be https:// with no user:password@, query or fragment;
 * every path must be a path on base_url's host (auth_url.h) and http_url
 * an http:// URL of base_url's host: a value that could send anything
 * elsewhere is refused at file:line:col. A body or header value may hold
 * credential placeholders, `{{name}}` (auth_body.h), filled in only when a
 * request is sent over TLS to base_url's origin.
 *
 * Ownership: struct auth_config owns every string; auth_config_release()
 * frees them. Relative paths are resolved against the config's directory.
 */
#ifndef AUTHAUDIT_AUTH_CONFIG_H
#define AUTHAUDIT_AUTH_CONFIG_H

#include <stddef.h>
#include <yaml.h>

#include "auth_body.h"
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

#define AUTH_MAX_SUCCESS 8
#define AUTH_MAX_HEADERS 8	/* extra headers of one surface */

/* A request surface: the path, and how the control request and every
 * check on it are sent. A check changes only what it is about (the
 * credential, a header), never the method, body or other headers. */
struct auth_endpoint {
	char *path;			/* NULL: the surface is not given */
	char *method;			/* "GET", "POST", "PUT", "PATCH",
					 * "DELETE" */
	char *body;			/* a template, NULL: none */
	enum auth_body_kind body_kind;	/* how placeholders are escaped */
	char *content_type;		/* NULL: none */
	struct kvlist headers;		/* extra headers, values templates */
	long success[AUTH_MAX_SUCCESS];	/* the control's success; */
	size_t nr_success;		/* none given: any 2xx */
	char *scope;			/* scope_checks: the scope it needs */
	char *token_field;		/* token_endpoint: the answer's
					 * field holding the token */
	unsigned line, col;
};

struct auth_target {
	char *name;
	char *style_name;
	enum auth_style style;
	char *profile;
	char *base_url;
	struct auth_endpoint endpoint;
	struct auth_endpoint *scope_checks;
	size_t nr_scope_checks;
	struct auth_endpoint captcha_endpoint;
	struct auth_endpoint token_endpoint;
	struct strlist scopes;		/* asked for with the valid token */
	struct strlist limited_scopes;	/* the scoped-down token's */
	char *http_url;			/* the plain-HTTP check's URL */
	long expiry_wait;		/* seconds, 0: never wait */
	long timeout;			/* seconds per request */
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

/* What a surface is for: what its mapping may hold besides path, method,
 * body, content_type, headers and success_status. */
enum auth_endpoint_use {
	AUTH_EP_REQUEST,	/* endpoint, captcha_endpoint */
	AUTH_EP_SCOPE,		/* a scope_checks row: needs `scope` */
	AUTH_EP_TOKEN,		/* token_endpoint: may name token_field */
};

/* auth_endpoint.c: the surface at node n of doc (key's value; a bare path
 * is a GET), checked: errors name target and key at file:line:col. */
int auth_endpoint_load(yaml_document_t *doc, const char *file,
		       yaml_node_t *n, const char *target, const char *key,
		       enum auth_endpoint_use use, struct auth_endpoint *ep,
		       struct err *e);
void auth_endpoint_release(struct auth_endpoint *ep);

extern const char *const auth_style_names[AUTH__COUNT];
/* The profile a style audits against when the target names none. */
const char *auth_style_profile(enum auth_style s);

/* The control's success: one of ep's success statuses, else any 2xx. */
int auth_endpoint_success(const struct auth_endpoint *ep, long status);
/* An answer that let a check's request through: any 2xx, or one of ep's
 * success statuses (a control that succeeds with 422, say, proves the
 * request passed authentication). */
int auth_endpoint_accepted(const struct auth_endpoint *ep, long status);
/* The URL of the plain-HTTP check: http_url, else base_url's host on
 * port 80 with the endpoint's path. 0, or -1 with e set. */
int auth_target_http_url(const struct auth_target *t, struct strbuf *out,
			 struct err *e);

int auth_config_load(struct auth_config *c, const char *path,
		     struct err *e);
void auth_config_release(struct auth_config *c);

#endif
