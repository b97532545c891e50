/*
 * smtp_sink.c - a small SMTP server for the tests: accepts every message
 * over a real SMTP conversation and writes it to DIR/NNNN.eml with the
 * envelope in DIR/NNNN.env. Sequential, one client at a time, which is all
 * the tests need.
 *
 * It listens on a port the kernel picks on 127.0.0.1 and only then writes
 * that port to PORTFILE (through PORTFILE.tmp and a rename): a test waits
 * for the file and connects, with no port of its own that may be taken and
 * no race against the listen.
 *
 * usage: smtp_sink PORTFILE DIR [PORT [REJECT]]   (runs until SIGTERM, exits 0)
 *   PORT    listen on this port (0: the kernel picks), so that a test can
 *           stop the sink and start it again where the mail server was;
 *           numbering continues after the files DIR already has
 *   REJECT  a RCPT TO holding this text is refused for good (550)
 * SMTP_SINK_ADDRESS in the environment: listen there instead (0.0.0.0 in a
 * container of the compose stack).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void reply(FILE *out, const char *line)
{
	fprintf(out, "%s\r\n", line);
	fflush(out);
}

static const char *reject;

static void session(int fd, const char *dir, int *seq)
{
	FILE *in = fdopen(fd, "r"), *out = fdopen(dup(fd), "w");
	char line[8192], env[4096] = "";

	if (in == NULL || out == NULL)
		return;
	reply(out, "220 smtp-sink ESMTP");
	while (fgets(line, sizeof(line), in) != NULL) {
		if (strncasecmp(line, "EHLO", 4) == 0) {
			reply(out, "250-smtp-sink");
			reply(out, "250 8BITMIME");
		} else if (strncasecmp(line, "HELO", 4) == 0) {
			reply(out, "250 smtp-sink");
		} else if (strncasecmp(line, "RCPT TO:", 8) == 0 && reject != NULL &&
			   strstr(line, reject) != NULL) {
			reply(out, "550 5.1.1 mailbox unavailable");
		} else if (strncasecmp(line, "MAIL FROM:", 10) == 0 ||
			   strncasecmp(line, "RCPT TO:", 8) == 0) {
			strncat(env, line, sizeof(env) - strlen(env) - 1);
			reply(out, "250 OK");
		} else if (strncasecmp(line, "DATA", 4) == 0) {
			char path[4096];
			FILE *msg;

			(*seq)++;
			snprintf(path, sizeof(path), "%s/%04d.env", dir, *seq);
			msg = fopen(path, "w");
			if (msg != NULL) {
				fputs(env, msg);
				fclose(msg);
			}
			snprintf(path, sizeof(path), "%s/%04d.tmp", dir, *seq);
			msg = fopen(path, "w");
			reply(out, "354 go ahead");
			while (fgets(line, sizeof(line), in) != NULL) {
				if (strcmp(line, ".\r\n") == 0 || strcmp(line, ".\n") == 0)
					break;
				if (msg != NULL)
					fputs(line[0] == '.' ? line + 1 : line, msg);
			}
			if (msg != NULL) {
				char final[4096];

				fclose(msg);
				snprintf(final, sizeof(final), "%s/%04d.eml", dir, *seq);
				rename(path, final);
			}
			env[0] = '\0';
			reply(out, "250 queued");
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			reply(out, "221 bye");
			break;
		} else if (strncasecmp(line, "RSET", 4) == 0 || strncasecmp(line, "NOOP", 4) == 0) {
			env[0] = '\0';
			reply(out, "250 OK");
		} else {
			reply(out, "502 not implemented");
		}
	}
	fclose(in);
	fclose(out);
}

/* Writes PORT to PATH so that a reader sees either no file or the whole number. */
static int write_portfile(const char *path, unsigned port)
{
	char tmp[4096], text[16];
	int fd, len;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)) {
		fprintf(stderr, "smtp_sink: %s: path too long\n", path);
		return -1;
	}
	len = snprintf(text, sizeof(text), "%u\n", port);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, text, (size_t)len) != len) {
		perror(tmp);
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t salen = sizeof(sa);
	struct sigaction act;
	sigset_t term, waiting;
	int s, seq = 0;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: smtp_sink PORTFILE DIR [PORT [REJECT]]\n");
		return 2;
	}
	reject = argc == 5 ? argv[4] : NULL;
	for (;;) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%04d.eml", argv[2], seq + 1);
		if (access(path, F_OK) != 0)
			break;
		seq++;
	}
	/*
	 * SIGTERM is held except while waiting for a client or talking to one,
	 * so it cannot land between the stop check and a blocking accept and be
	 * lost. A client that hangs up early must not kill the sink with SIGPIPE.
	 */
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigprocmask(SIG_BLOCK, &term, &waiting);
	sigdelset(&waiting, SIGTERM);
	sigdelset(&waiting, SIGINT);
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	signal(SIGPIPE, SIG_IGN);

	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s != -1)
		setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(argc >= 4 ? (unsigned short)atoi(argv[3]) : 0);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* In a container, the sink serves the other containers. */
	if (getenv("SMTP_SINK_ADDRESS") != NULL &&
	    inet_pton(AF_INET, getenv("SMTP_SINK_ADDRESS"), &sa.sin_addr) != 1) {
		fprintf(stderr, "smtp_sink: SMTP_SINK_ADDRESS: not an IPv4 address\n");
		return 2;
	}
	if (s == -1 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 || listen(s, 8) == -1 ||
	    getsockname(s, (struct sockaddr *)&sa, &salen) == -1) {
		perror("smtp_sink");
		return 1;
	}
	if (write_portfile(argv[1], ntohs(sa.sin_port)) == -1)
		return 1;
	while (!stop) {
		fd_set ready;
		int c;

		FD_ZERO(&ready);
		FD_SET(s, &ready);
		if (pselect(s + 1, &ready, NULL, NULL, NULL, &waiting) == -1) {
			if (errno == EINTR)
				continue;
			perror("smtp_sink: pselect");
			return 1;
		}
		c = accept(s, NULL, NULL);
		if (c == -1)
			continue;
		/* Open to SIGTERM while reading, as a blocked read is where a session waits. */
		sigprocmask(SIG_SETMASK, &waiting, NULL);
		session(c, argv[2], &seq);
		sigprocmask(SIG_BLOCK, &term, NULL);
	}
	close(s);
	return 0;
}
