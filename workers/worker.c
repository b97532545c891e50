/*
 * worker.c - madoguchi-worker: claim jobs from PostgreSQL, run them.
 *
 * ZeroMQ announcements only say "look now"; the worker also scans the
 * jobs table on start and every few seconds, so a lost announcement delays
 * a job but never loses it. Any number of workers may run.
 */
#include "config.h"
#include "db.h"
#include "db_job.h"
#include "ingest.h"
#include "log.h"
#include "queue.h"
#include "sig.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define WORKER_SCAN_MS 2000
#define WORKER_LEASE_SECS 120
#define WORKER_MAX_ATTEMPTS 5

static void usage(FILE *out)
{
	fprintf(out, "usage: madoguchi-worker [-c FILE] [-n] [-v]\n"
		     "  -c FILE   configuration file (default $MADOGUCHI_CONFIG or " CONFIG_DEFAULT_PATH
		     ")\n"
		     "  -n        check the configuration and exit\n"
		     "  -v        log debug messages\n");
}

/* Runs claimable jobs until none is left; HINT is the announced job, if any. */
static int drain(PGconn *db, const char *name, int64_t hint)
{
	struct job job;
	int r = 0;

	while (!sig_stop_requested() &&
	       (r = job_claim(db, name, hint, WORKER_LEASE_SECS, &job)) == 1) {
		char err[256] = "";

		hint = 0;
		if (ingest_job(db, &job, err, sizeof(err)) == -1) {
			log_warnx("job=%lld attempt=%d result=failed error=\"%s\"", (long long)job.id,
				  job.attempts, err);
			if (job_failed(db, job.id, err, WORKER_MAX_ATTEMPTS) == -1)
				return -1;
		}
	}
	return sig_stop_requested() ? 0 : r;
}

static int run(const struct config *cfg)
{
	char name[128], host[64] = "localhost";
	struct queue *q;
	PGconn *db = NULL;
	int64_t hint = 0;

	gethostname(host, sizeof(host) - 1);
	snprintf(name, sizeof(name), "%s:%ld", host, (long)getpid());
	q = queue_open_pull(cfg->queue_endpoint);
	if (q == NULL)
		return 1;
	log_info("worker=%s queue=%s result=started", name, cfg->queue_endpoint);
	while (!sig_stop_requested()) {
		if (db == NULL && (db = db_connect(cfg->db_conninfo)) == NULL) {
			sig_sleep_ms(1000);
			continue;
		}
		if (drain(db, name, hint) == -1 && db_is_broken(db)) {
			PQfinish(db);
			db = NULL;
		}
		hint = 0;
		if (queue_wait(q, WORKER_SCAN_MS, &hint) == -1) {
			log_warnx("worker=%s queue receive failed", name);
			sig_sleep_ms(WORKER_SCAN_MS);
		}
	}
	log_info("worker=%s result=stopped", name);
	if (db != NULL)
		PQfinish(db);
	queue_close(q);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	bool check_only = false, verbose = false;
	struct config *cfg;
	char *errors = NULL;
	int ch, status;

	while ((ch = getopt(argc, argv, "c:nvh")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	log_init("madoguchi-worker", LOG_LEVEL_INFO);
	cfg = config_load(config_path(path), &errors);
	if (cfg == NULL) {
		fputs(errors != NULL ? errors : "madoguchi-worker: cannot load configuration\n",
		      stderr);
		free(errors);
		return 1;
	}
	if (check_only) {
		printf("%s: configuration ok\n", cfg->path);
		config_free(cfg);
		return 0;
	}
	log_set_level(verbose ? LOG_LEVEL_DEBUG : (enum log_level)cfg->log_level);
	sig_install();
	status = run(cfg);
	config_free(cfg);
	return status;
}
