/*
 * worker.c - madoguchi-worker: claim jobs from PostgreSQL, run them.
 *
 * ZeroMQ announcements only say "look now"; the worker also scans the
 * jobs table on start and every few seconds, so a lost announcement delays
 * a job but never loses it. Any number of workers may run.
 *
 * Jobs are claimed in batches: the worker's share of what waits, at most
 * WORKER_BATCH (job_claim_batch). While a batch runs, a heartbeat
 * thread (with its own database connection) renews the leases of every job
 * the worker holds, so a slow job (a long OCR) is not taken over, while a
 * dead worker's jobs are, once their leases run out.
 *
 * SIGTERM: the running job may finish within [worker] shutdown_grace
 * seconds; then the process exits and the job's lease expiry hands it to
 * another worker. A second SIGTERM exits at once.
 */
#include "config.h"
#include "db.h"
#include "classify.h"
#include "db_job.h"
#include "db_status.h"
#include "events.h"
#include "ingest.h"
#include "ingest_batch.h"
#include "log.h"
#include "rss.h"
#include "outbox.h"
#include "queue.h"
#include "service.h"
#include "sig.h"

#include <getopt.h>
#include <pthread.h>
#include <malloc.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WORKER_SCAN_MS 2000
/* Jobs claimed together at most: one claim, and one transaction for the plain new requests. */
#define WORKER_BATCH 50

struct heartbeat {
	const struct config *cfg;
	const char *name;
	atomic_llong job; /* the job being run, 0 when idle */
	atomic_bool quit;
	pthread_t thread;
};

static void *heartbeat_main(void *arg)
{
	struct heartbeat *hb = arg;
	PGconn *db = NULL;
	/* Renew at a third of the lease: two missed beats still leave time. */
	long period_ms = hb->cfg->worker_lease * 1000L / 3;

	while (!atomic_load(&hb->quit)) {
		long long job;

		for (long t = 0; t < period_ms && !atomic_load(&hb->quit); t += 100) {
			struct timespec ts = {0, 100 * 1000000L};

			nanosleep(&ts, NULL);
		}
		job = atomic_load(&hb->job);
		if (job == 0 || atomic_load(&hb->quit))
			continue;
		if (db == NULL && (db = db_connect(hb->cfg->db_conninfo)) == NULL)
			continue;
		if (job_heartbeat(db, hb->name, hb->cfg->worker_lease) == -1 && db_is_broken(db)) {
			db_close(db);
			db = NULL;
		}
	}
	if (db != NULL)
		db_close(db);
	return NULL;
}

static void on_grace_expired(int signo)
{
	(void)signo;
	/* Only async-signal-safe calls here. */
	static const char msg[] = "madoguchi-worker: warning: shutdown grace expired, exiting\n";

	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(1);
}

/* Runs one job alone; -1 when even its failure could not be recorded. */
static int run_one(PGconn *db, const struct config *cfg, const struct classifier *cl,
		   struct events *ev, const struct job *job)
{
	char err[256] = "";

	if (ingest_job(db, cfg, cl, ev, job, err, sizeof(err)) == 0)
		return 0;
	log_warnx("job=%lld attempt=%d result=failed error=\"%s\"", (long long)job->id,
		  job->attempts, err);
	return job_failed(db, job->id, err, cfg->worker_max_attempts);
}

/*
 * Runs claimable jobs until none is left, a batch at a time: the
 * batch's plain new requests together (ingest_batch), the rest alone, in
 * job order. Jobs a stop leaves unrun go back to the queue at once.
 */
static int drain(PGconn *db, const struct config *cfg, const struct classifier *cl,
		 struct events *ev, const char *name, struct heartbeat *hb)
{
	struct job jobs[WORKER_BATCH];
	bool left[WORKER_BATCH];
	size_t n;
	int rc = 0;

	while (rc == 0 && !sig_stop_requested()) {
		size_t i = 0;

		if (job_claim_batch(db, name, cfg->worker_lease, cfg->worker_max_attempts, jobs,
				    WORKER_BATCH, &n) == -1)
			return -1;
		if (n == 0)
			break;
		atomic_store(&hb->job, jobs[0].id);
		rc = ingest_batch(db, cfg, cl, ev, jobs, n, left);
		for (; i < n && rc == 0 && !sig_stop_requested(); i++)
			if (left[i])
				rc = run_one(db, cfg, cl, ev, &jobs[i]);
		/* What a stop or a failure left unrun is no one's job any more: queue it again. */
		if (i < n && !db_is_broken(db)) {
			int64_t unrun[WORKER_BATCH];
			size_t k = 0;

			for (; i < n; i++)
				if (left[i])
					unrun[k++] = jobs[i].id;
			if (k > 0 && job_release_batch(db, name, unrun, k) == -1)
				rc = -1;
		}
		atomic_store(&hb->job, 0);
	}
	return rc;
}

/*
 * Rebuilds the classifier when the knowledge base or the trained model
 * changed (madoctl kb import, madoctl train); checked at most every 10 s.
 */
static void refresh_classifier(PGconn *db, struct classifier **cl, char *stamp, size_t stampsz)
{
	static time_t last;
	char now_stamp[64];

	if (time(NULL) - last < 10 && *cl != NULL)
		return;
	last = time(NULL);
	if (classifier_stamp(db, now_stamp, sizeof(now_stamp)) == -1 ||
	    strcmp(now_stamp, stamp) == 0)
		return;
	classifier_free(*cl);
	*cl = classifier_load(db);
	snprintf(stamp, stampsz, "%s", now_stamp);
	log_info("classifier stamp=%s result=%s", now_stamp, *cl ? "loaded" : "none (no knowledge base)");
}

static int run(const struct config *cfg)
{
	struct classifier *cl = NULL;
	char stamp[64] = "";
	char name[128], host[64] = "localhost";
	struct heartbeat hb = {.cfg = cfg, .name = name};
	struct queue *q;
	struct events *ev;
	PGconn *db = NULL;
	int64_t announced; /* a wake-up only: a batch takes the oldest jobs */
	time_t last_beat = 0;

	gethostname(host, sizeof(host) - 1);
	snprintf(name, sizeof(name), "%s:%ld", host, (long)getpid());
	q = queue_open_pull(cfg->queue_endpoint);
	if (q == NULL)
		return 1;
	/* Case events for madoctl watch: hints, so a worker without them runs on. */
	ev = events_publisher_open(cfg->events_publish);
	atomic_init(&hb.job, 0);
	atomic_init(&hb.quit, false);
	if (sig_thread_start(&hb.thread, heartbeat_main, &hb) != 0) {
		events_close(ev, 0);
		queue_close(q);
		return 1;
	}
	log_info("worker=%s queue=%s lease=%ds result=started", name, cfg->queue_endpoint,
		 cfg->worker_lease);
	service_ready("worker %s", name);
	while (!sig_stop_requested()) {
		if (db == NULL && (db = db_connect(cfg->db_conninfo)) != NULL &&
		    (db_relax_durability(db) == -1 || db_ready_for_batches(db) == -1)) {
			db_close(db);
			db = NULL;
		}
		if (db == NULL) {
			sig_sleep_ms(1000);
			continue;
		}
		/* The worker's heartbeat for madoctl status (the lease's is per job). */
		if (time(NULL) - last_beat >= STATUS_BEAT_SECONDS) {
			if (db_heartbeat(db, name, "madoguchi-worker", false) == -1 && db_is_broken(db)) {
				db_close(db);
				db = NULL;
				continue;
			}
			last_beat = time(NULL);
		}
		refresh_classifier(db, &cl, stamp, sizeof(stamp));
		if ((drain(db, cfg, cl, ev, name, &hb) == -1 || outbox_flush(db, cfg, 100) == -1) &&
		    db_is_broken(db)) {
			db_close(db);
			db = NULL;
		}
		if (queue_wait(q, WORKER_SCAN_MS, &announced) == -1) {
			log_warnx("worker=%s queue receive failed", name);
			sig_sleep_ms(WORKER_SCAN_MS);
		}
	}
	service_stopping("finishing the job in hand");
	atomic_store(&hb.quit, true);
	pthread_join(hb.thread, NULL);
	if (db != NULL && db_heartbeat(db, name, "madoguchi-worker", true) == -1)
		log_warnx("worker=%s its stop was not recorded for madoctl status", name);
	log_info("worker=%s peak_rss_kb=%ld result=stopped", name, peak_rss_kb());
	classifier_free(cl);
	if (db != NULL)
		db_close(db);
	events_close(ev, 0);
	queue_close(q);
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: madoguchi-worker [-c FILE] [-n] [-v]\n"
		     "  -c FILE   configuration file (default $MADOGUCHI_CONFIG or " CONFIG_DEFAULT_PATH
		     ")\n"
		     "  -n        check the configuration and exit\n"
		     "  -v        log debug messages\n");
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	bool check_only = false, verbose = false;
	struct config *cfg;
	char *errors = NULL;
	int ch, status;
	struct sigaction sa;

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
	db_use_role("madoguchi_worker");
	/*
	 * Large blocks (a big mail's 4 MB slices, the model while it loads) go
	 * back to the system when freed: glibc's default raises the threshold
	 * after each large free, and the next big mail would then grow the heap
	 * for good. A batch's arrays (50 mails of 8 kB: 400 kB a column) stay
	 * below it and in the heap: mapped afresh for each batch, their page
	 * faults were a third of the worker's CPU.
	 */
	mallopt(M_MMAP_THRESHOLD, 2 * 1024 * 1024);
	/*
	 * Smaller ones stay in the heap when freed: with the threshold fixed,
	 * glibc trims the heap past 128 kB free, and the next batch faulted its
	 * pages in again (a worker spent half its CPU in page faults).
	 */
	mallopt(M_TRIM_THRESHOLD, 16 * 1024 * 1024);
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
	sig_on_first_stop_alarm(cfg->worker_shutdown_grace);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_grace_expired;
	sigaction(SIGALRM, &sa, NULL);
	status = run(cfg);
	config_free(cfg);
	return status;
}
