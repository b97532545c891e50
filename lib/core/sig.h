/*
 * sig.h - signal handling shared by the long-running programs.
 *
 * Handlers only record what arrived; the programs' loops act on it. The
 * first SIGTERM or SIGINT asks for a clean stop (finish the current batch
 * or job); a second one exits at once.
 */
#ifndef MADOGUCHI_SIG_H
#define MADOGUCHI_SIG_H

#include <pthread.h>
#include <stdbool.h>

void sig_install(void);
bool sig_stop_requested(void);
/* Bounds a clean stop: SIGALRM is raised SECONDS after the first stop signal. */
void sig_on_first_stop_alarm(int seconds);
/* True once per SIGHUP received since the last call. */
bool sig_take_reload(void);
/*
 * Starts a thread with every signal blocked, so that signals reach the main
 * thread, whose loop owns them. Returns pthread_create's result.
 */
int sig_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

/* Sleeps up to MS milliseconds, returning early when a stop is requested. */
void sig_sleep_ms(long ms);

#endif
