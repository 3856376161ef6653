/* secret_hash.c - HMAC-SHA-256 of secrets under the user's key, and where
 * that key comes from; see secret_hash.h. */
#include "secret_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_MAX 256

static unsigned char key[KEY_MAX];
static size_t key_len;
static char key_id[17];
static char key_source[512] = "unset";

static void to_hex(const unsigned char *md, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * n] = '\0';
}

void secret_hash_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	static const unsigned char empty;

	/* HMAC() takes NULL for the key as "no key set": give it a byte */
	HMAC(EVP_sha256(), key_len ? key : &empty, (int)key_len,
	     data, len, md, &n);
	to_hex(md, 32, out);
}

void secret_hash_set_key(const void *k, size_t n)
{
	static const char label[] = "authaudit hash key id";
	char hex[65];

	if (n > KEY_MAX)
		n = KEY_MAX;
	memcpy(key, k, n);
	key_len = n;
	secret_hash_hex(label, sizeof(label) - 1, hex);
	memcpy(key_id, hex, 16);
	key_id[16] = '\0';
}

void secret_hash_clear(void)
{
	OPENSSL_cleanse(key, sizeof(key));
	key_len = 0;
	key_id[0] = '\0';
	snprintf(key_source, sizeof(key_source), "unset");
}

const char *secret_hash_key_id(void)
{
	if (!key_id[0])
		secret_hash_set_key("", 0);
	return key_id;
}

const char *secret_hash_key_source(void)
{
	return key_source;
}

static int set_checked(const char *k, size_t n, const char *source,
		       struct err *e)
{
	if (n < SECRET_HASH_KEY_MIN)
		return err_set(e, "hash key from %s: %zu bytes; at least %d "
			       "are needed", source, n, SECRET_HASH_KEY_MIN);
	secret_hash_set_key(k, n);
	snprintf(key_source, sizeof(key_source), "%s", source);
	return 0;
}

/* The key a file holds: its first line, trailing blanks dropped. 1 when
 * the file does not exist. */
static int read_key_file(const char *path, struct err *e)
{
	char buf[KEY_MAX + 2];
	ssize_t n;
	size_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		return err_set(e, "hash key file '%s': %s", path,
			       strerror(errno));
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return err_set(e, "hash key file '%s': %s", path,
			       strerror(errno));
	buf[n] = '\0';
	len = strcspn(buf, "\r\n");
	while (len && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
		len--;
	rc = set_checked(buf, len, path, e);
	OPENSSL_cleanse(buf, sizeof(buf));
	return rc;
}

/* $XDG_CONFIG_HOME/authaudit/hash-key, else ~/.config/authaudit/...; 0
 * when neither variable is set. */
static int default_path(struct strbuf *path)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		strbuf_addf(path, "%s/authaudit/hash-key", xdg);
	else if (home && *home)
		strbuf_addf(path, "%s/.config/authaudit/hash-key", home);
	return path->len > 0;
}

/* mkdir -p of path's parent, new folders 0700. */
static int make_parent(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	int rc = 0;

	strbuf_addstr(&dir, path);
	for (size_t i = 1; i < dir.len && !rc; i++) {
		if (dir.buf[i] != '/')
			continue;
		dir.buf[i] = '\0';
		if (mkdir(dir.buf, 0700) && errno != EEXIST)
			rc = -1;
		dir.buf[i] = '/';
	}
	strbuf_release(&dir);
	return rc;
}

/* A new random key, 32 bytes as 64 hex digits, written to path with mode
 * 0600 (O_EXCL: a file another run made first is read instead). */
static int generate(const char *path, struct err *e)
{
	unsigned char raw[32];
	char hex[66];
	int fd, rc;

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return err_set(e, "hash key: RAND_bytes failed");
	to_hex(raw, sizeof(raw), hex);
	OPENSSL_cleanse(raw, sizeof(raw));
	if (make_parent(path))
		return err_set(e, "%s", strerror(errno));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return read_key_file(path, e);
	if (fd < 0)
		return err_set(e, "%s", strerror(errno));
	hex[64] = '\n';
	rc = write(fd, hex, 65) == 65 ? 0 : -1;
	if (close(fd) || rc) {
		unlink(path);
		return err_set(e, "%s", strerror(errno));
	}
	rc = set_checked(hex, 64, path, e);
	OPENSSL_cleanse(hex, sizeof(hex));
	return rc;
}

/* No key file can be made: this run alone gets a random key. */
static void one_off(const char *why, struct strbuf *notice)
{
	unsigned char raw[32];

	RAND_bytes(raw, sizeof(raw));
	secret_hash_set_key(raw, sizeof(raw));
	OPENSSL_cleanse(raw, sizeof(raw));
	snprintf(key_source, sizeof(key_source), "one-off");
	if (notice)
		strbuf_addf(notice, "hash key: %s; this run's secret hashes "
			    "and fingerprints use a one-off key, so no "
			    "baseline of another run matches them (set %s)",
			    why, SECRET_HASH_KEY_ENV);
}

int secret_hash_setup(const char *config_file, struct strbuf *notice,
		      struct err *e)
{
	const char *env = getenv(SECRET_HASH_KEY_ENV);
	const char *file = getenv(SECRET_HASH_KEY_FILE_ENV);
	struct strbuf path = STRBUF_INIT;
	struct err ge = ERR_INIT;
	int rc;

	if (env && *env)
		return set_checked(env, strlen(env), SECRET_HASH_KEY_ENV, e);
	if ((file && *file) || config_file) {
		const char *p = file && *file ? file : config_file;

		rc = read_key_file(p, e);
		if (rc > 0)
			return err_set(e, "hash key file '%s': no such file",
				       p);
		return rc;
	}
	if (!default_path(&path)) {
		one_off("neither HOME nor XDG_CONFIG_HOME is set", notice);
		return 0;
	}
	rc = read_key_file(path.buf, e);
	if (rc > 0 && generate(path.buf, &ge)) {
		struct strbuf why = STRBUF_INIT;

		strbuf_addf(&why, "cannot create '%s': %s", path.buf,
			    ge.msg);
		one_off(why.buf, notice);
		strbuf_release(&why);
		rc = 0;
	} else if (rc > 0) {
		rc = 0;
	}
	strbuf_release(&path);
	return rc;
}
