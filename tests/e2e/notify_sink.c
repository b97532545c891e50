/*
 * notify_sink.c - the service manager's end of sd_notify, for the tests:
 * binds the datagram socket PATH (what systemd passes as NOTIFY_SOCKET) and
 * appends each message it receives to OUT, one "KEY=VALUE" per line and a
 * "--" line after each message, until SIGTERM (exit 0).
 *
 * usage: notify_sink PATH OUT
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa;
	struct sigaction act;
	char msg[4096];
	FILE *out;
	int s;

	if (argc != 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: notify_sink PATH OUT\n");
		return 2;
	}
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_term; /* no SA_RESTART: recv returns EINTR */
	sigaction(SIGTERM, &act, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, argv[1]);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (s == -1 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		perror("notify_sink");
		return 1;
	}
	out = fopen(argv[2], "a");
	if (out == NULL) {
		perror(argv[2]);
		return 1;
	}
	while (!stop) {
		ssize_t n = recv(s, msg, sizeof(msg) - 1, 0);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			perror("notify_sink: recv");
			return 1;
		}
		msg[n] = '\0';
		fprintf(out, "%s%s--\n", msg, n > 0 && msg[n - 1] == '\n' ? "" : "\n");
		fflush(out);
	}
	fclose(out);
	close(s);
	unlink(argv[1]);
	return 0;
}
