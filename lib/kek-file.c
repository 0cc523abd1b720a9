/*
 * kek-file.c: key-encryption keys in a file only the portal's user can
 * read (Keys.File), one per line:
 *
 *   label 64-hex-digits
 *
 * The file is refused when group or others have any access, like ssh does
 * with private keys.  Its keys are read into locked memory once per process.
 * This is the local run's default; production uses pkcs11.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "pf-crypt.h"

#define MAXKEKS	16

struct kek {
	char		label[PF_LABEL_MAX + 1];
	unsigned char	key[PF_KEY_LEN];
};

static struct kek *keks;	/* MAXKEKS slots in locked memory */
static int missing;

static int
parse_line(char *line, struct kek *k)
{
	char *sp = strchr(line, ' ');
	size_t n;
	long v;
	char hex[3] = { 0 };

	if (sp == NULL || (size_t)(sp - line) > PF_LABEL_MAX)
		return -1;
	*sp = '\0';
	if (!pf_kek_label_ok(line))
		return -1;
	memcpy(k->label, line, strlen(line) + 1);	/* checked: <= PF_LABEL_MAX */
	sp++;
	n = strcspn(sp, "\r\n");
	if (n != 2 * PF_KEY_LEN || strspn(sp, "0123456789abcdefABCDEF") < n)
		return -1;
	for (n = 0; n < PF_KEY_LEN; n++) {
		hex[0] = sp[2 * n];
		hex[1] = sp[2 * n + 1];
		v = strtol(hex, NULL, 16);
		k->key[n] = (unsigned char)v;
	}
	return 0;
}

static const struct kek *
find_in(const struct kek *k, size_t n, const char *label)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (k[i].label[0] && strcmp(k[i].label, label) == 0)
			return &k[i];
	return NULL;
}

/* Read with read(2) into a buffer we wipe: stdio would leave a copy of
 * the keys in its own heap buffer. */
static int
load(char *err, size_t errsz)
{
	const char *path = pf_conf_str("Keys.File");
	char buf[8192], *line, *next;	/* keys and comments */
	struct stat st;
	size_t n = 0, lineno = 0, len = 0;
	ssize_t k;
	int fd, rc = 0;

	missing = 0;
	pf_wipe(keks, MAXKEKS * sizeof(*keks));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno == ENOENT) {
			missing = 1;	/* `pforte-admin keys init` creates it */
			return 0;
		}
		snprintf(err, errsz, "cannot open key file %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0 ||
	    st.st_uid != geteuid()) {
		close(fd);
		snprintf(err, errsz, "key file %s must be a regular file of this user "
		    "with mode 0600 or 0400", path);
		return -1;
	}
	while (len < sizeof(buf) - 1 && (k = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)k;
	close(fd);
	buf[len] = '\0';
	if (len == sizeof(buf) - 1) {
		snprintf(err, errsz, "key file %s is too long", path);
		rc = -1;
	}
	for (line = buf; rc == 0 && line != NULL && *line; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (n == MAXKEKS) {
			snprintf(err, errsz, "key file %s holds more than %d keys", path, MAXKEKS);
			rc = -1;
			break;
		}
		if (parse_line(line, &keks[n]) < 0) {
			snprintf(err, errsz, "key file %s, line %zu: expected 'label hex-key'",
			    path, lineno);
			rc = -1;
			break;
		}
		if (find_in(keks, n, keks[n].label) != NULL) {
			snprintf(err, errsz, "key file %s, line %zu: label %s appears twice",
			    path, lineno, keks[n].label);
			rc = -1;
			break;
		}
		n++;
	}
	OPENSSL_cleanse(buf, sizeof(buf));
	if (rc < 0)
		pf_wipe(keks, MAXKEKS * sizeof(*keks));
	return rc;
}

static int
file_open(char *err, size_t errsz)
{
	if (keks == NULL && (keks = pf_secmem_alloc(MAXKEKS * sizeof(*keks))) == NULL) {
		snprintf(err, errsz, "cannot lock memory for keys (raise RLIMIT_MEMLOCK)");
		return -1;
	}
	return load(err, errsz);
}

static void
file_close(void)
{
	pf_secmem_free(keks, MAXKEKS * sizeof(*keks));
	keks = NULL;
}

static const struct kek *
find(const char *label)
{
	return keks == NULL ? NULL : find_in(keks, MAXKEKS, label);
}

static int
file_gcm(int enc, const char *label, const unsigned char nonce[PF_NONCE_LEN],
    const unsigned char *aad, size_t aadlen, const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[PF_TAG_LEN])
{
	const struct kek *k = find(label);

	if (k == NULL) {
		pf_log(NULL, PF_LOG_ERR, missing ? "key file %s does not exist" :
		    "key file %s has no key labelled %s", pf_conf_str("Keys.File"), label);
		return -1;
	}
	return pf_gcm(enc, k->key, nonce, aad, aadlen, in, len, out, tag);
}

static int
file_generate(const char *label, char *err, size_t errsz)
{
	const char *path = pf_conf_str("Keys.File");
	unsigned char key[PF_KEY_LEN];
	char line[PF_LABEL_MAX + 2 * PF_KEY_LEN + 4];
	size_t i, n;
	int fd, ok;

	if (find(label) != NULL) {
		snprintf(err, errsz, "the key file already has a key labelled %s", label);
		return -1;
	}
	/* Check before writing: a line the loader refuses would lock every
	 * process out of every key in the file. */
	if (keks != NULL && keks[MAXKEKS - 1].label[0]) {
		snprintf(err, errsz, "the key file already holds %d keys", MAXKEKS);
		return -1;
	}
	if ((fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) < 0) {
		snprintf(err, errsz, "cannot write key file %s: %s", path, strerror(errno));
		return -1;
	}
	n = 0;
	if (lseek(fd, -1, SEEK_END) >= 0 && read(fd, line, 1) == 1 && line[0] != '\n')
		line[n++] = '\n';	/* the last line lacks its end */
	if (RAND_priv_bytes(key, sizeof(key)) != 1) {
		close(fd);
		snprintf(err, errsz, "no randomness");
		return -1;
	}
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s ", label);
	for (i = 0; i < PF_KEY_LEN; i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%02x", key[i]);
	line[n++] = '\n';
	ok = write(fd, line, n) == (ssize_t)n && fsync(fd) == 0;
	OPENSSL_cleanse(line, sizeof(line));
	OPENSSL_cleanse(key, sizeof(key));
	if (close(fd) != 0 || !ok) {
		snprintf(err, errsz, "cannot write key file %s", path);
		return -1;
	}
	return load(err, errsz);
}

static int
file_describe(const char *label, char *out, size_t outsz)
{
	if (find(label) == NULL)
		return -1;
	snprintf(out, outsz, "file %s: AES-256, readable by this user only",
	    pf_conf_str("Keys.File"));
	return 0;
}

const struct pf_kek_ops pf_kek_file = {
	"file", file_open, file_gcm, file_generate, file_describe, file_close,
};
