/*
 * siem.h: what pforte-siem's parts share: one output (a SIEM or a file)
 * and the transports that carry messages to it (send.c).
 */
#ifndef SIEM_H
#define SIEM_H

#include <time.h>

#include <openssl/ssl.h>

#include "pforte.h"

enum transport { T_UDP, T_TCP, T_TLS, T_UNIX, T_FILE };
enum format { F_ECS, F_CEF };

struct output {
	char			 name[33];	/* Siem.Output.<name>, the cursor's name */
	enum transport		 transport;
	enum format		 format;
	int			 facility;	/* LOG_* facility, already shifted */
	char			*host, *port;	/* udp, tcp, tls */
	char			*path;		/* unix, file */
	char			*ca;		/* tls: CA file, NULL: the system's */
	/* the connection or file */
	int			 fd;
	SSL_CTX			*ctx;
	SSL			*ssl;
	dev_t			 dev;		/* file: what fd is, to notice rotation */
	ino_t			 ino;
	struct pf_buf		 pending;	/* file: lines not yet written */
	/* progress: events up to acked are confirmed (siem_cursor), those
	 * up to sent went out and wait for their confirmation; those up to
	 * settle_id had gone out at settle_at, and are confirmed once that
	 * is long enough ago (even while later ones keep going out) */
	unsigned long long	 acked, sent, settle_id;
	struct timespec		 settle_at;
	/* after a failure: no attempt before retry_at; the wait doubles */
	struct timespec		 retry_at;
	long			 backoff_ms;
	int			 down;		/* logged as down, to log "up" once */
	int			 fails;		/* failures in a row */
	int			 cursor_loaded;
};

/* 1 for transports whose delivery is confirmed only later: what was
 * written to a TCP or TLS stream may still die with the connection, and
 * a UDP datagram's refusal (ICMP port unreachable) arrives after it. */
int	 out_stream(const struct output *);
/* Connect (or open the file) when not yet: 0 or -1 (logged). */
int	 out_open(struct output *);
void	 out_close(struct output *);
/* Send one message (a syslog message, or a line for a file); batched
 * writes to a file need out_flush.  0 or -1 (connection closed). */
int	 out_send(struct output *, const char *, size_t);
/* A file: write what is buffered and fdatasync.  0 or -1. */
int	 out_flush(struct output *);
/* For those: 1 when the peer has closed or reset the connection (a
 * receiver never writes to us, so anything readable is its end), or
 * refused a datagram. */
int	 out_dead(struct output *);
/* Bytes written but not yet acknowledged by the peer's TCP (SIOCOUTQ);
 * 0 for what is not TCP. */
long	 out_unacked(const struct output *);

#endif /* SIEM_H */
