/*
 * send.c: pforte-siem's transports.  UDP and a local syslog socket take
 * one datagram per message; TCP and TLS carry RFC 6587 octet-counted
 * frames ("LEN SP MSG"), so a message may hold any byte and still never
 * splits or merges; a file gets one line per event (JSON Lines for a log
 * shipper), reopened when logrotate moved it away.
 *
 * Nothing here waits long: connecting and writing time out after a few
 * seconds, so one SIEM that hangs only delays its own output.
 */
#define _GNU_SOURCE	/* POLLRDHUP */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "siem.h"

#define IO_TIMEOUT_S	5
/* An output that is down is retried often: its first failure is a
 * warning, the retries only debug lines. */
#define LVL(o)		((o)->down ? PF_LOG_DEBUG : PF_LOG_WARN)

int
out_stream(const struct output *o)
{
	return o->transport == T_TCP || o->transport == T_TLS || o->transport == T_UDP;
}

static void
timeouts(int fd)
{
	struct timeval tv = { IO_TIMEOUT_S, 0 };

	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* connect() within IO_TIMEOUT_S: a non-blocking connect and poll. */
static int
connect_timed(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct pollfd p = { fd, POLLOUT, 0 };
	int fl = fcntl(fd, F_GETFL), err = 0;
	socklen_t elen = sizeof(err);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	if (connect(fd, sa, len) != 0) {
		if (errno != EINPROGRESS)
			return -1;
		if (poll(&p, 1, IO_TIMEOUT_S * 1000) != 1 ||
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
			errno = err ? err : ETIMEDOUT;
			return -1;
		}
	}
	fcntl(fd, F_SETFL, fl);
	return 0;
}

static int
open_inet(struct output *o)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = o->transport == T_UDP ? SOCK_DGRAM : SOCK_STREAM;
	if ((rc = getaddrinfo(o->host, o->port, &hints, &res)) != 0) {
		pf_log(NULL, LVL(o), "output %s: cannot resolve %s: %s", o->name,
		    o->host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol)) < 0)
			continue;
		timeouts(fd);
		if (connect_timed(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		pf_log(NULL, LVL(o), "output %s: cannot connect to %s port %s: %s",
		    o->name, o->host, o->port, strerror(errno));
		return -1;
	}
	o->fd = fd;
	return 0;
}

/* TLS 1.2 or later, the certificate verified against CA (or the system's
 * CAs) and the host name or address of Address. */
static int
open_tls(struct output *o)
{
	unsigned char a[16];
	unsigned long e;
	char buf[256];

	if (o->ctx == NULL) {
		if ((o->ctx = SSL_CTX_new(TLS_client_method())) == NULL)
			goto err;
		SSL_CTX_set_min_proto_version(o->ctx, TLS1_2_VERSION);
		SSL_CTX_set_verify(o->ctx, SSL_VERIFY_PEER, NULL);
		if ((o->ca ? SSL_CTX_load_verify_locations(o->ctx, o->ca, NULL) :
		    SSL_CTX_set_default_verify_paths(o->ctx)) != 1)
			goto err;
	}
	if ((o->ssl = SSL_new(o->ctx)) == NULL || SSL_set_fd(o->ssl, o->fd) != 1)
		goto err;
	if (inet_pton(AF_INET, o->host, a) == 1 || inet_pton(AF_INET6, o->host, a) == 1) {
		if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(o->ssl), o->host) != 1)
			goto err;
	} else if (SSL_set1_host(o->ssl, o->host) != 1 ||
	    SSL_set_tlsext_host_name(o->ssl, o->host) != 1)
		goto err;
	if (SSL_connect(o->ssl) != 1)
		goto err;
	return 0;
err:
	e = ERR_get_error();
	ERR_error_string_n(e, buf, sizeof(buf));
	pf_log(NULL, LVL(o), "output %s: TLS with %s failed: %s%s%s", o->name, o->host,
	    e ? buf : "connection closed",
	    o->ssl && SSL_get_verify_result(o->ssl) != X509_V_OK ? ": " : "",
	    o->ssl && SSL_get_verify_result(o->ssl) != X509_V_OK ?
	    X509_verify_cert_error_string(SSL_get_verify_result(o->ssl)) : "");
	ERR_clear_error();
	return -1;
}

static int
open_unix(struct output *o)
{
	struct sockaddr_un sun;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(o->path) >= sizeof(sun.sun_path))
		return -1;
	memcpy(sun.sun_path, o->path, strlen(o->path));
	if ((o->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	timeouts(o->fd);
	if (connect(o->fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		pf_log(NULL, LVL(o), "output %s: cannot connect to %s: %s", o->name,
		    o->path, strerror(errno));
		close(o->fd);
		o->fd = -1;
		return -1;
	}
	return 0;
}

/* The file, reopened when it is no longer the one at path (rotated). */
static int
open_file(struct output *o)
{
	struct stat st;

	if (o->fd >= 0 && (stat(o->path, &st) != 0 || st.st_dev != o->dev ||
	    st.st_ino != o->ino))
		out_close(o);
	if (o->fd >= 0)
		return 0;
	if ((o->fd = open(o->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0 ||
	    fstat(o->fd, &st) != 0) {
		pf_log(NULL, LVL(o), "output %s: cannot open %s: %s", o->name, o->path,
		    strerror(errno));
		out_close(o);
		return -1;
	}
	o->dev = st.st_dev;
	o->ino = st.st_ino;
	return 0;
}

int
out_open(struct output *o)
{
	if (o->transport == T_FILE)
		return open_file(o);
	if (o->fd >= 0)
		return 0;
	switch (o->transport) {
	case T_UNIX:
		return open_unix(o);
	case T_UDP:
	case T_TCP:
		return open_inet(o);
	case T_TLS:
		if (open_inet(o) < 0)
			return -1;
		if (open_tls(o) < 0) {
			out_close(o);
			return -1;
		}
		return 0;
	case T_FILE:
		break;
	}
	return -1;
}

void
out_close(struct output *o)
{
	if (o->ssl != NULL) {
		SSL_free(o->ssl);
		o->ssl = NULL;
	}
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	pf_buf_reset(&o->pending);
}

static int
write_all(struct output *o, const char *p, size_t n)
{
	ssize_t k;
	size_t done;

	while (n > 0) {
		if (o->ssl != NULL) {
			if (SSL_write_ex(o->ssl, p, n, &done) != 1) {
				ERR_clear_error();
				return -1;
			}
			k = (ssize_t)done;
		} else if ((k = write(o->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int
out_send(struct output *o, const char *msg, size_t len)
{
	char head[24];

	switch (o->transport) {
	case T_FILE:
		pf_buf_add(&o->pending, msg, len);
		pf_buf_add(&o->pending, "\n", 1);
		return 0;
	case T_UDP:
	case T_UNIX:
		/* a refused earlier datagram shows here as ECONNREFUSED */
		if (send(o->fd, msg, len, 0) != (ssize_t)len)
			goto err;
		return 0;
	case T_TCP:
	case T_TLS:
		snprintf(head, sizeof(head), "%zu ", len);
		if (write_all(o, head, strlen(head)) < 0 || write_all(o, msg, len) < 0)
			goto err;
		return 0;
	}
err:
	pf_log(NULL, LVL(o), "output %s: send failed: %s", o->name, strerror(errno));
	out_close(o);
	return -1;
}

int
out_flush(struct output *o)
{
	if (o->transport != T_FILE || o->pending.len == 0)
		return 0;
	if (write_all(o, o->pending.data, o->pending.len) < 0 || fdatasync(o->fd) != 0) {
		pf_log(NULL, LVL(o), "output %s: cannot write %s: %s", o->name, o->path,
		    strerror(errno));
		out_close(o);
		return -1;
	}
	pf_buf_reset(&o->pending);
	return 0;
}

int
out_dead(struct output *o)
{
	struct pollfd p = { o->fd, POLLIN | POLLRDHUP, 0 };
	char buf[512];
	int fl, n, dead = 0;

	if (o->fd < 0)
		return 1;
	if (poll(&p, 1, 0) == 0)
		return 0;
	if (p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL))
		return 1;
	/* readable: TLS may have a session ticket for us; anything else is
	 * the end (EOF, reset, close_notify) */
	fl = fcntl(o->fd, F_GETFL);
	fcntl(o->fd, F_SETFL, fl | O_NONBLOCK);
	if (o->ssl != NULL) {
		n = SSL_read(o->ssl, buf, sizeof(buf));
		if (n <= 0 && SSL_get_error(o->ssl, n) != SSL_ERROR_WANT_READ &&
		    SSL_get_error(o->ssl, n) != SSL_ERROR_WANT_WRITE)
			dead = 1;
		ERR_clear_error();
	} else {
		n = (int)recv(o->fd, buf, sizeof(buf), 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			dead = 1;
	}
	fcntl(o->fd, F_SETFL, fl);
	return dead;
}

long
out_unacked(const struct output *o)
{
	int n = 0;

	if (!out_stream(o) || o->fd < 0 || ioctl(o->fd, SIOCOUTQ, &n) != 0)
		return 0;
	return n;
}
