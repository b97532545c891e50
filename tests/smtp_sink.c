/*
 * smtp_sink.c - a small SMTP server for the tests: accepts every message
 * over a real SMTP conversation and writes it to DIR/NNNN.eml with the
 * envelope in DIR/NNNN.env. Sequential, one client at a time, which is all
 * the tests need.
 *
 * usage: smtp_sink PORT DIR     (runs until SIGTERM)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct sigaction act;
	int s, one = 1, seq = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: smtp_sink PORT DIR\n");
		return 2;
	}
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_term;
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 || listen(s, 8) == -1) {
		perror("smtp_sink");
		return 1;
	}
	while (!stop) {
		int c = accept(s, NULL, NULL);

		if (c >= 0)
			session(c, argv[2], &seq);
	}
	close(s);
	return 0;
}
