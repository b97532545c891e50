/*
 * sig.c - stop and reload flags set from signal handlers.
 */
#include "sig.h"

#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_count;
static volatile sig_atomic_t stop_alarm_secs;
static volatile sig_atomic_t reload_pending;

static void on_stop(int signo)
{
	(void)signo;
	if (++stop_count > 1)
		_exit(1);
	if (stop_count == 1 && stop_alarm_secs > 0)
		alarm((unsigned)stop_alarm_secs);
}

static void on_hup(int signo)
{
	(void)signo;
	reload_pending = 1;
}

void sig_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking read returns EINTR so the loop sees the flag promptly. */
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

void sig_on_first_stop_alarm(int seconds)
{
	stop_alarm_secs = seconds;
}

bool sig_stop_requested(void)
{
	return stop_count > 0;
}

bool sig_take_reload(void)
{
	if (!reload_pending)
		return false;
	reload_pending = 0;
	return true;
}

void sig_sleep_ms(long ms)
{
	while (ms > 0 && !sig_stop_requested()) {
		long step = ms < 100 ? ms : 100;
		struct timespec ts = {0, step * 1000000L};

		nanosleep(&ts, NULL);
		ms -= step;
	}
}

int sig_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
