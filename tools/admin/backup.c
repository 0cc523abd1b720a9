/*
 * backup.c: `pforte-admin backup` and `pforte-admin restore`, encrypted,
 * authenticated, streamed backups of the portal's database.
 *
 *   backup [-o FILE] [--force]   mariadb-dump, encrypted chunk by chunk
 *   backup verify FILE           check a backup completely, write nothing
 *   restore FILE                 verify all of it, then load it with mariadb
 *
 * The dump is read from mariadb-dump's pipe 1 MiB at a time and encrypted
 * as it comes: it is never held whole in memory and never written to disk
 * in clear.  FILE is written as FILE.tmp (mode 0600, O_EXCL), fsync()ed and
 * renamed only when mariadb-dump succeeded, so a failed backup leaves no
 * plausible file.  Without -o the backup goes to stdout, unless that is a
 * terminal.
 *
 * The database password reaches mariadb-dump and mariadb in an option file
 * that lives only in memory (a memfd, mode 0600, sealed), passed as
 * --defaults-file=/proc/self/fd/N: it is never on a command line, in the
 * environment or on disk.  --defaults-file rather than --defaults-extra-file
 * because with the latter the clients go on to read ~/.my.cnf, whose
 * password would override ours; everything else they need is on their
 * command line, from the configuration.
 *
 * File format, version 1 (integers big-endian):
 *
 *   header  = "PFORTEBK" (8) | version (1) = 1 | chunk size (4)
 *             | KEK label length (1) | KEK label | wrapped backup key (60)
 *   chunk i = plaintext length (4) | ciphertext | GCM tag (16)
 *
 * Every backup has its own random 256-bit key, wrapped with the
 * key-encryption key Keys.KEK (lib/kek.c: pf_kek_wrap, scope "backup",
 * owner 0), so a backup restores only where that KEK is available.  Chunk
 * i is AES-256-GCM under the backup key with
 *
 *   nonce = 0 (4) | i (8)                        unique: the key is fresh
 *   AAD   = SHA-256(header) | i (8) | final (1)
 *
 * Every chunk but the last holds exactly chunk-size bytes; the last one
 * holds fewer (possibly none) and has final = 1.  A reader therefore knows
 * which chunk must be the last, and the AAD proves it: a changed header,
 * chunks reordered, dropped or repeated, a file cut short (no final chunk),
 * anything after the final chunk, or a flipped bit anywhere is detected.
 * The final chunk is written only after mariadb-dump exited successfully.
 */
#define _GNU_SOURCE	/* memfd_create, close_range, renameat2 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "admin.h"
#include "pf-crypt.h"

#define BK_MAGIC	"PFORTEBK"
#define BK_MAGIC_LEN	8
#define BK_VERSION	1
#define BK_CHUNK	(1u << 20)	/* what we write */
#define BK_CHUNK_MAX	(64u << 20)	/* what we read */
#define BK_HDR_MAX	(BK_MAGIC_LEN + 1 + 4 + 1 + PF_LABEL_MAX + PF_WRAPPED_LEN)
#define BK_HASH_LEN	32
#define BK_AAD_LEN	(BK_HASH_LEN + 8 + 1)

enum bkerr { BK_OK, BK_NOTPF, BK_VERSION_ERR, BK_TRUNC, BK_ALTERED, BK_NOKEK,
	BK_READ, BK_SINK };

/* What exit() must clean up, whatever path leads there (die() included). */
static char	*tmp_path;	/* FILE.tmp while it is not complete */
static pid_t	 child = -1;	/* mariadb-dump or mariadb while it runs */
static unsigned char *bkkey;	/* the backup key, locked memory */

static void
bk_atexit(void)
{
	int st;

	if (child > 0) {
		/* Killed, not left to read EOF: a client that is cut off
		 * must not go on to execute a half-sent statement. */
		kill(child, SIGKILL);
		waitpid(child, &st, 0);
		child = -1;
	}
	if (tmp_path != NULL) {
		unlink(tmp_path);
		tmp_path = NULL;
	}
	if (bkkey != NULL) {
		pf_secmem_free(bkkey, PF_KEY_LEN);
		bkkey = NULL;
	}
}

static void
on_signal(int sig)
{
	if (tmp_path != NULL)
		unlink(tmp_path);
	if (child > 0)
		kill(child, SIGKILL);
	_exit(128 + sig);
}

static void
bk_init(void)
{
	static int done;
	struct sigaction sa;
	int fd;

	if (done++)
		return;
	/* fds 0-2 open, so that no pipe or memfd of ours becomes one */
	while ((fd = open("/dev/null", O_RDWR)) >= 0 && fd < 3)
		;
	if (fd >= 3)
		close(fd);
	atexit(bk_atexit);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A client that exits early shows up as EPIPE and its exit status. */
	signal(SIGPIPE, SIG_IGN);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read until n bytes or end of file: the count, or -1 on an error. */
static ssize_t
read_full(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;
	ssize_t k;

	while (got < n) {
		k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

static int
write_full(int fd, const unsigned char *buf, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

/* A buffer for plaintext: locked when the limit allows it, never in a
 * core dump, wiped when released. */
static unsigned char *
pt_alloc(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("out of memory");
	(void)mlock(p, n);
	madvise(p, n, MADV_DONTDUMP);
	return p;
}

static void
pt_free(unsigned char *p, size_t n)
{
	pf_wipe(p, n);
	munlock(p, n);
	munmap(p, n);
}

static void
sha256(const unsigned char *in, size_t len, unsigned char out[BK_HASH_LEN])
{
	unsigned int n = BK_HASH_LEN;

	if (EVP_Digest(in, len, out, &n, EVP_sha256(), NULL) != 1)
		die("SHA-256 failed");
}

static void
chunk_params(const unsigned char hash[BK_HASH_LEN], uint64_t i, int final,
    unsigned char nonce[PF_NONCE_LEN], unsigned char aad[BK_AAD_LEN])
{
	memset(nonce, 0, 4);
	pf_put64(nonce + 4, i);
	memcpy(aad, hash, BK_HASH_LEN);
	pf_put64(aad + BK_HASH_LEN, i);
	aad[BK_HASH_LEN + 8] = (unsigned char)(final != 0);
}

static void
kek_open(void)
{
	char err[512];

	if (pf_kek_open(err, sizeof(err)) < 0)
		die("key provider %s: %s", pf_conf_str("Keys.Provider"), err);
}

/* ---- the MariaDB clients ---------------------------------------------- */

struct args {
	const char	*v[40];
	int		 n;
	struct pf_pool	*pool;
};

static void
arg(struct args *a, const char *s)
{
	if (a->n + 1 >= (int)(sizeof(a->v) / sizeof(a->v[0])))
		die("too many arguments");
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

/* An option file value: quoted, with \ " and line ends escaped. */
static void
opt_value(struct pf_buf *b, const char *s)
{
	pf_buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			pf_buf_add(b, "\\", 1);
		if (*s == '\n')
			pf_buf_adds(b, "\\n");
		else if (*s == '\r')
			pf_buf_adds(b, "\\r");
		else
			pf_buf_add(b, s, 1);
	}
	pf_buf_add(b, "\"\n", 2);
}

/*
 * The password in a memfd: mode 0600 (a memfd starts world-writable, and
 * the clients ignore a world-writable option file), sealed, close-on-exec
 * here; only the client's child clears that flag.
 */
static int
secret_file(void)
{
	const char *pw = pf_conf_str("DB.Account.admin.Password");
	struct pf_buf b = { 0 };
	int fd, ok;

	if ((fd = memfd_create("pforte-admin-client", MFD_CLOEXEC | MFD_ALLOW_SEALING)) < 0)
		die("memfd_create: %s", strerror(errno));
	if (fd < 3) {	/* cannot be: bk_init() keeps 0-2 open */
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);

		close(fd);
		if ((fd = nfd) < 0)
			die("fcntl: %s", strerror(errno));
	}
	pf_buf_adds(&b, "[client]\npassword=");
	opt_value(&b, pw);
	ok = fchmod(fd, 0600) == 0 && write_full(fd, (unsigned char *)b.data, b.len) == 0 &&
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) == 0;
	pf_wipe(b.data, b.len);
	free(b.data);
	if (!ok)
		die("cannot write the client option file: %s", strerror(errno));
	return fd;
}

/* The command line of a MariaDB client program: the option file first
 * (the clients take --defaults-file only there), then the connection as
 * connect_admin() makes it.  No secret in it. */
static void
client_args(struct args *a, const char *prog, int optfd)
{
	const char *host = pf_conf_str("DB.Host"), *sock = pf_conf_str("DB.Socket"),
	    *user = pf_conf_str("DB.Account.admin.User"), *ca = pf_conf_str("DB.TLS.CA");

	a->n = 0;
	arg(a, prog);
	arg(a, pf_psprintf(a->pool, "--defaults-file=/proc/self/fd/%d", optfd));
	arg(a, pf_psprintf(a->pool, "--user=%s", *user ? user : "pf_admin"));
	if (*host) {
		arg(a, "--protocol=TCP");
		arg(a, pf_psprintf(a->pool, "--host=%s", host));
		arg(a, pf_psprintf(a->pool, "--port=%lld", pf_conf_int("DB.Port")));
		if (*ca) {
			arg(a, pf_psprintf(a->pool, "--ssl-ca=%s", ca));
			arg(a, "--ssl-verify-server-cert");
		}
	} else if (*sock) {
		arg(a, "--protocol=SOCKET");
		arg(a, pf_psprintf(a->pool, "--socket=%s", sock));
	}
	/* mariadb-dump has no --connect-timeout */
	if (strcmp(prog, "mariadb") == 0)
		arg(a, pf_psprintf(a->pool, "--connect-timeout=%lld",
		    pf_conf_int("DB.ConnectTimeout")));
	arg(a, "--default-character-set=utf8mb4");
}

static const char *
db_name(void)
{
	const char *n = pf_conf_str("DB.Name");

	if (*n == '\0' || *n == '-')
		die("DB.Name '%s' cannot be passed to the MariaDB clients", n);
	return n;
}

/*
 * Start a client with one end of a pipe as its stdin (to_child) or stdout;
 * returns our end.  stderr stays ours, so its messages are shown.
 */
static int
spawn(const struct args *a, int optfd, int to_child)
{
	int p[2], mine, theirs, target = to_child ? 0 : 1;

	if (pipe2(p, O_CLOEXEC) != 0)
		die("pipe: %s", strerror(errno));
	mine = to_child ? p[1] : p[0];
	theirs = to_child ? p[0] : p[1];
	/* Bigger pipe, fewer wake-ups; a limit that refuses it is fine. */
	(void)fcntl(mine, F_SETPIPE_SZ, (int)BK_CHUNK);
	fflush(NULL);
	if ((child = fork()) < 0)
		die("fork: %s", strerror(errno));
	if (child == 0) {
		if (dup2(theirs, target) < 0)
			_exit(127);
		/* Nothing of ours leaks into the client (the database
		 * connection, the key file), only the option file. */
		if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
			int fd;

			for (fd = 3; fd < 4096; fd++)
				(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
		}
		if (fcntl(optfd, F_SETFD, 0) != 0)
			_exit(127);
		execvp(a->v[0], (char *const *)(uintptr_t)a->v);
		dprintf(2, "pforte-admin: cannot run %s: %s\n", a->v[0], strerror(errno));
		_exit(127);
	}
	close(theirs);
	return mine;
}

/* Wait for the client; 0 when it exited with 0, else says why. */
static int
reap(const char *prog)
{
	int st;

	if (child <= 0)
		return -1;
	while (waitpid(child, &st, 0) < 0)
		if (errno != EINTR) {
			child = -1;
			fprintf(stderr, "pforte-admin: waitpid: %s\n", strerror(errno));
			return -1;
		}
	child = -1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		fprintf(stderr, "pforte-admin: %s could not be run (is the MariaDB client "
		    "installed?)\n", prog);
	else if (WIFEXITED(st))
		fprintf(stderr, "pforte-admin: %s failed with exit status %d (its messages "
		    "are above)\n", prog, WEXITSTATUS(st));
	else
		fprintf(stderr, "pforte-admin: %s was killed by signal %d\n", prog,
		    WTERMSIG(st));
	return -1;
}

/* ---- progress ---------------------------------------------------------- */

struct progress {
	const char	*what;
	double		 start, last;
	unsigned long long bytes, chunks;
	int		 tty;
};

static void
progress_start(struct progress *pr, const char *what)
{
	pr->what = what;
	pr->start = pr->last = now();
	pr->bytes = pr->chunks = 0;
	pr->tty = isatty(2);
}

static void
progress_add(struct progress *pr, size_t n)
{
	double t;

	pr->bytes += n;
	pr->chunks++;
	if (pr->tty && (t = now()) - pr->last >= 1.0) {
		pr->last = t;
		fprintf(stderr, "\r%s: %.1f MB, %.1f MB/s ", pr->what, (double)pr->bytes / 1e6,
		    (double)pr->bytes / 1e6 / (t - pr->start));
	}
}

static void
progress_end(const struct progress *pr, const char *tail)
{
	double t = now() - pr->start;

	if (t < 1e-6)
		t = 1e-6;
	fprintf(stderr, "%s%s: %llu bytes of SQL (%.1f MB) in %llu chunks, %.2f s, %.1f MB/s%s\n",
	    pr->tty ? "\r" : "", pr->what, pr->bytes, (double)pr->bytes / 1e6, pr->chunks, t,
	    (double)pr->bytes / 1e6 / t, tail);
}

/* ---- backup -------------------------------------------------------------- */

static size_t
header_build(unsigned char *h, const char *label, const unsigned char wrapped[PF_WRAPPED_LEN])
{
	size_t l = strlen(label), n = 0;

	memcpy(h, BK_MAGIC, BK_MAGIC_LEN);
	n += BK_MAGIC_LEN;
	h[n++] = BK_VERSION;
	put32(h + n, BK_CHUNK);
	n += 4;
	h[n++] = (unsigned char)l;
	memcpy(h + n, label, l);
	n += l;
	memcpy(h + n, wrapped, PF_WRAPPED_LEN);
	return n + PF_WRAPPED_LEN;
}

static int
output_open(const char *path, int force)
{
	struct stat st;
	size_t n = strlen(path) + 5;
	int fd;

	if (!force && lstat(path, &st) == 0)
		die("%s exists (use --force to replace it)", path);
	tmp_path = pf_xmalloc(n);
	snprintf(tmp_path, n, "%s.tmp", path);
	if (force)
		(void)unlink(tmp_path);
	fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		char *t = tmp_path;

		tmp_path = NULL;	/* not ours: leave it alone */
		if (e == EEXIST)
			die("%s exists: another backup is running, or one was interrupted "
			    "(remove it, or use --force)", t);
		die("cannot create %s: %s", t, strerror(e));
	}
	if (fchmod(fd, 0600) != 0)
		die("chmod %s: %s", tmp_path, strerror(errno));
	return fd;
}

static void
output_commit(int fd, const char *path, int force)
{
	char *dir, *copy;
	int dfd, rc;

	if (fsync(fd) != 0 || close(fd) != 0)
		die("cannot write %s: %s", tmp_path, strerror(errno));
	if (force)
		rc = rename(tmp_path, path);
	else if ((rc = renameat2(AT_FDCWD, tmp_path, AT_FDCWD, path, RENAME_NOREPLACE)) != 0 &&
	    (errno == EINVAL || errno == ENOSYS)) {
		/* a file system without RENAME_NOREPLACE */
		if ((rc = link(tmp_path, path)) == 0)
			unlink(tmp_path);
	}
	if (rc != 0 && errno == EEXIST)
		die("%s appeared meanwhile (use --force to replace it)", path);
	if (rc != 0)
		die("cannot rename the backup to %s: %s", path, strerror(errno));
	free(tmp_path);
	tmp_path = NULL;
	copy = pf_xstrdup(path);
	dir = dirname(copy);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(copy);
}

static void
chunk_write(int out, const unsigned char hash[BK_HASH_LEN], uint64_t i, int final,
    const unsigned char *pt, size_t len, unsigned char *ct, const char *where)
{
	unsigned char nonce[PF_NONCE_LEN], aad[BK_AAD_LEN];

	chunk_params(hash, i, final, nonce, aad);
	put32(ct, (uint32_t)len);
	if (pf_gcm(1, bkkey, nonce, aad, sizeof(aad), pt, len, ct + 4, ct + 4 + len) < 0)
		die("encryption failed");
	if (write_full(out, ct, 4 + len + PF_TAG_LEN) < 0)
		die("cannot write %s: %s", where, strerror(errno));
}

static int
backup_write(const char *path, int force)
{
	const char *label = pf_kek_current();
	unsigned char hdr[BK_HDR_MAX], hash[BK_HASH_LEN], wrapped[PF_WRAPPED_LEN];
	unsigned char *pt, *ct;
	struct pf_pool *pool = pf_pool_new();
	struct args a = { .pool = pool };
	struct progress pr;
	size_t hlen;
	ssize_t got = 0;
	uint64_t i;
	int optfd, in, out;
	const char *where = path != NULL ? path : "stdout";
	char tail[1100];

	bk_init();
	if (path == NULL && isatty(1))
		die("refusing to write a backup to a terminal: use -o FILE or redirect stdout");
	kek_open();
	/* The key first: a backup that could not be restored is no backup. */
	if ((bkkey = pf_secmem_alloc(PF_KEY_LEN)) == NULL)
		die("cannot lock memory for the backup key (raise RLIMIT_MEMLOCK)");
	if (RAND_priv_bytes(bkkey, PF_KEY_LEN) != 1)
		die("no randomness");
	if (pf_kek_wrap(label, "backup", 0, bkkey, wrapped) < 0)
		die("cannot wrap the backup key under the key-encryption key %s "
		    "(see above; `pforte-admin keys init` creates it)", label);
	hlen = header_build(hdr, label, wrapped);
	sha256(hdr, hlen, hash);

	out = path != NULL ? output_open(path, force) : 1;
	optfd = secret_file();
	client_args(&a, "mariadb-dump", optfd);
	arg(&a, "--single-transaction");
	arg(&a, "--skip-dump-date");
	arg(&a, "--hex-blob");
	arg(&a, "--no-tablespaces");
	arg(&a, "--routines=false");
	arg(&a, db_name());
	in = spawn(&a, optfd, 0);
	close(optfd);

	pt = pt_alloc(BK_CHUNK);
	ct = pf_xmalloc(4 + BK_CHUNK + PF_TAG_LEN);
	if (write_full(out, hdr, hlen) < 0)
		die("cannot write %s: %s", where, strerror(errno));
	progress_start(&pr, "backup");
	for (i = 0;; i++) {
		if ((got = read_full(in, pt, BK_CHUNK)) < 0)
			die("reading from mariadb-dump: %s", strerror(errno));
		if ((size_t)got < BK_CHUNK)
			break;
		chunk_write(out, hash, i, 0, pt, BK_CHUNK, ct, where);
		progress_add(&pr, BK_CHUNK);
	}
	close(in);
	/* The final chunk only for a dump that is complete. */
	if (reap("mariadb-dump") != 0)
		die(path != NULL ? "backup failed: nothing written" :
		    "backup failed: what went to stdout has no final chunk and will be refused");
	chunk_write(out, hash, i, 1, pt, (size_t)got, ct, where);
	progress_add(&pr, (size_t)got);
	if (path != NULL)
		output_commit(out, path, force);
	else if (fsync(out) != 0 && errno != EINVAL && errno != EROFS)
		die("cannot write stdout: %s", strerror(errno));
	snprintf(tail, sizeof(tail), ", under key-encryption key %s -> %s", label, where);
	progress_end(&pr, tail);
	pt_free(pt, BK_CHUNK);
	free(ct);
	pf_secmem_free(bkkey, PF_KEY_LEN);
	bkkey = NULL;
	pf_pool_free(pool);
	return 0;
}

/* ---- reading a backup ------------------------------------------------------ */

struct reader {
	int		 fd;
	const char	*path;
	unsigned char	 hash[BK_HASH_LEN];
	char		 label[PF_LABEL_MAX + 1];
	uint32_t	 chunk;
	unsigned long long size;	/* of the file */
	char		 detail[256];	/* what exactly failed */
};

static enum bkerr
header_read(struct reader *r)
{
	unsigned char h[BK_HDR_MAX], wrapped[PF_WRAPPED_LEN];
	char desc[256];
	size_t n = 0;
	ssize_t got;
	unsigned l;

	if (lseek(r->fd, 0, SEEK_SET) != 0)
		return BK_READ;
	if ((got = read_full(r->fd, h, BK_MAGIC_LEN + 1 + 4 + 1)) < 0)
		return BK_READ;
	if (got < BK_MAGIC_LEN || memcmp(h, BK_MAGIC, BK_MAGIC_LEN) != 0)
		return BK_NOTPF;
	if (got < BK_MAGIC_LEN + 1 + 4 + 1)
		return BK_TRUNC;
	n = BK_MAGIC_LEN;
	if (h[n] != BK_VERSION) {
		snprintf(r->detail, sizeof(r->detail), "format version %u", h[n]);
		return BK_VERSION_ERR;
	}
	n++;
	r->chunk = get32(h + n);
	n += 4;
	l = h[n++];
	if (r->chunk == 0 || r->chunk > BK_CHUNK_MAX || l == 0 || l > PF_LABEL_MAX) {
		snprintf(r->detail, sizeof(r->detail), "impossible header values");
		return BK_ALTERED;
	}
	if ((got = read_full(r->fd, h + n, l + PF_WRAPPED_LEN)) < 0)
		return BK_READ;
	if ((size_t)got < l + PF_WRAPPED_LEN)
		return BK_TRUNC;
	memcpy(r->label, h + n, l);
	r->label[l] = '\0';
	n += l;
	memcpy(wrapped, h + n, PF_WRAPPED_LEN);
	n += PF_WRAPPED_LEN;
	if (strlen(r->label) != l || !pf_kek_label_ok(r->label)) {
		snprintf(r->detail, sizeof(r->detail), "the key label is damaged");
		return BK_ALTERED;
	}
	sha256(h, n, r->hash);

	kek_open();
	if (pf_kek_describe(r->label, desc, sizeof(desc)) < 0)
		return BK_NOKEK;
	if (bkkey == NULL && (bkkey = pf_secmem_alloc(PF_KEY_LEN)) == NULL)
		die("cannot lock memory for the backup key (raise RLIMIT_MEMLOCK)");
	if (pf_kek_unwrap(r->label, "backup", 0, wrapped, bkkey) < 0) {
		snprintf(r->detail, sizeof(r->detail), "the backup key does not unwrap "
		    "under key-encryption key %s", r->label);
		return BK_ALTERED;
	}
	return BK_OK;
}

/*
 * Decrypt the whole backup, chunk by chunk, into sink (-1: nowhere).  A
 * chunk's plaintext reaches the sink only after its tag is checked.
 */
static enum bkerr
backup_read(struct reader *r, int sink, struct progress *pr)
{
	unsigned char *pt, *ct, lenb[4], nonce[PF_NONCE_LEN], aad[BK_AAD_LEN], extra;
	enum bkerr e;
	uint64_t i;
	uint32_t len;
	ssize_t got;
	int final;

	r->detail[0] = '\0';
	if ((e = header_read(r)) != BK_OK)
		return e;
	pt = pt_alloc(r->chunk);
	ct = pf_xmalloc((size_t)r->chunk + PF_TAG_LEN);
	for (i = 0;; i++) {
		if ((got = read_full(r->fd, lenb, 4)) < 0) {
			e = BK_READ;
			break;
		}
		if (got < 4) {
			snprintf(r->detail, sizeof(r->detail), got == 0 ? "no final chunk "
			    "after %llu chunks" : "cut inside chunk %llu", (unsigned long long)i);
			e = BK_TRUNC;
			break;
		}
		if ((len = get32(lenb)) > r->chunk) {
			snprintf(r->detail, sizeof(r->detail), "chunk %llu has an impossible "
			    "length", (unsigned long long)i);
			e = BK_ALTERED;
			break;
		}
		final = len < r->chunk;
		if ((got = read_full(r->fd, ct, (size_t)len + PF_TAG_LEN)) < 0) {
			e = BK_READ;
			break;
		}
		if ((size_t)got < (size_t)len + PF_TAG_LEN) {
			snprintf(r->detail, sizeof(r->detail), "cut inside chunk %llu",
			    (unsigned long long)i);
			e = BK_TRUNC;
			break;
		}
		chunk_params(r->hash, i, final, nonce, aad);
		if (pf_gcm(0, bkkey, nonce, aad, sizeof(aad), ct, len, pt, ct + len) < 0) {
			snprintf(r->detail, sizeof(r->detail), "chunk %llu does not authenticate",
			    (unsigned long long)i);
			e = BK_ALTERED;
			break;
		}
		if (sink >= 0 && len > 0 && write_full(sink, pt, len) < 0) {
			snprintf(r->detail, sizeof(r->detail), "%s", strerror(errno));
			e = BK_SINK;
			break;
		}
		progress_add(pr, len);
		if (final) {
			if ((got = read_full(r->fd, &extra, 1)) != 0) {
				e = got < 0 ? BK_READ : BK_ALTERED;
				snprintf(r->detail, sizeof(r->detail), "data follows the final chunk");
			}
			break;
		}
	}
	if (e == BK_READ)
		snprintf(r->detail, sizeof(r->detail), "%s", strerror(errno));
	pt_free(pt, r->chunk);
	free(ct);
	return e;
}

static void
reader_die(const struct reader *r, enum bkerr e)
{
	const char *d = r->detail[0] ? r->detail : NULL;

	switch (e) {
	case BK_NOTPF:
		die("%s: not a Pforte backup", r->path);
	case BK_VERSION_ERR:
		die("%s: %s is not supported by this pforte-admin", r->path, r->detail);
	case BK_TRUNC:
		die("%s: backup is truncated (%s)", r->path, d ? d : "cut inside the header");
	case BK_ALTERED:
		die("%s: backup was altered or the key is wrong (%s)", r->path,
		    d ? d : "it does not authenticate");
	case BK_NOKEK:
		die("%s: backup is encrypted under key-encryption key %s, which the %s key "
		    "provider does not have (wrong key file or token?)", r->path, r->label,
		    pf_conf_str("Keys.Provider"));
	case BK_READ:
		die("%s: cannot read: %s", r->path, d ? d : "I/O error");
	case BK_SINK:
		die("cannot write to mariadb: %s", d ? d : "I/O error");
	case BK_OK:
		break;
	}
}

/* Open a backup for two passes: a regular file, never stdin or a pipe. */
static void
reader_open(struct reader *r, const char *path)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->path = path;
	if (strcmp(path, "-") == 0)
		die("restore and verify read the backup twice: give a file, not stdin");
	if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		die("cannot open %s: %s", path, strerror(errno));
	if (fstat(r->fd, &st) != 0 || !S_ISREG(st.st_mode))
		die("%s is not a regular file (restore reads the backup twice: no pipes)", path);
	r->size = (unsigned long long)st.st_size;
}

/* Pass 1: everything is checked, nothing is written. */
static void
verify_pass(struct reader *r, const char *what)
{
	struct progress pr;
	enum bkerr e;

	progress_start(&pr, what);
	if ((e = backup_read(r, -1, &pr)) != BK_OK)
		reader_die(r, e);
	progress_end(&pr, "");
	printf("%s: verified: %llu chunks, %llu bytes of SQL, %llu bytes in the file, "
	    "key-encryption key %s\n", r->path, pr.chunks, pr.bytes, r->size, r->label);
	fflush(stdout);
}

static int
backup_verify(int argc, char **argv)
{
	struct reader r;

	if (argc != 1)
		die("usage: backup verify FILE");
	bk_init();
	reader_open(&r, argv[0]);
	verify_pass(&r, "verify");
	close(r.fd);
	return 0;
}

int
cmd_backup(int argc, char **argv)
{
	const char *path = NULL;
	int i, force = 0;

	if (argc >= 1 && strcmp(argv[0], "verify") == 0)
		return backup_verify(argc - 1, argv + 1);
	for (i = 0; i < argc; i++) {
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		    i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0)
			force = 1;
		else
			die("usage: backup [-o FILE] [--force] | backup verify FILE");
	}
	if (path != NULL && (strcmp(path, "-") == 0 || *path == '\0'))
		path = NULL;
	return backup_write(path, force);
}

int
cmd_restore(int argc, char **argv)
{
	struct pf_pool *pool;
	struct args a;
	struct reader r;
	struct progress pr;
	struct stat before, after;
	enum bkerr e;
	int optfd, sink;

	if (argc != 1)
		die("usage: restore FILE");
	bk_init();
	reader_open(&r, argv[0]);
	if (fstat(r.fd, &before) != 0)
		die("%s: %s", r.path, strerror(errno));
	verify_pass(&r, "restore: verify");

	/* Pass 2: the same file, decrypted again, into the mariadb client. */
	if (fstat(r.fd, &after) != 0 || after.st_size != before.st_size ||
	    after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
	    after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
		die("%s changed while it was verified; nothing restored", r.path);
	pool = pf_pool_new();
	a.pool = pool;
	optfd = secret_file();
	client_args(&a, "mariadb", optfd);
	arg(&a, pf_psprintf(pool, "--database=%s", db_name()));
	arg(&a, "--binary-mode");
	arg(&a, "--max-allowed-packet=1G");
	sink = spawn(&a, optfd, 1);
	close(optfd);
	progress_start(&pr, "restore");
	if ((e = backup_read(&r, sink, &pr)) != BK_OK) {
		if (e == BK_SINK) {
			/* the client stopped reading: its status says why */
			close(sink);
			reap("mariadb");
			die("restore failed: the database may be partly restored");
		}
		/* The file changed after pass 1: stop the client before
		 * it sees the end of its input. */
		fprintf(stderr, "pforte-admin: %s changed during the restore; "
		    "the database may be partly restored\n", r.path);
		reader_die(&r, e);
	}
	close(sink);
	if (reap("mariadb") != 0)
		die("restore failed: the database may be partly restored");
	progress_end(&pr, "");
	close(r.fd);
	/* Running programs notice restored keys themselves: a cached key
	 * is used for sealing only while its wrapped material is unchanged,
	 * and a failed open unwraps afresh (lib/keys.c). */
	printf("%s restored into database %s\n", r.path, pf_conf_str("DB.Name"));
	/* GDPR: whoever was erased after the backup was taken stays erased */
	gdpr_replay();
	pf_secmem_free(bkkey, PF_KEY_LEN);
	bkkey = NULL;
	pf_pool_free(pool);
	return 0;
}
