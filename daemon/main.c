/*
 * main.c - madoguchid: the intake daemon.
 *
 * Set up, install signals, start one intake thread per mailbox, then loop:
 * re-announce queued jobs now and then (ZeroMQ may have lost a wake-up,
 * or no worker was listening), reload on SIGHUP, and stop on SIGTERM.
 * Falling out of the loop means a stop was requested.
 */
#include "config.h"
#include "db.h"
#include "db_job.h"
#include "db_status.h"
#include "events_relay.h"
#include "fax_spool.h"
#include "intake.h"
#include "log.h"
#include "rss.h"
#include "queue.h"
#include "service.h"
#include "sig.h"

#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RESEND_BATCH 10000

static void usage(FILE *out)
{
	fprintf(out, "usage: madoguchid [-c FILE] [-n] [--once] [-v]\n"
		     "  -c FILE   configuration file (default $MADOGUCHI_CONFIG or " CONFIG_DEFAULT_PATH
		     ")\n"
		     "  -n        check the configuration and exit\n"
		     "  --once    fetch what is new in every mailbox once, then exit\n"
		     "  -v        log debug messages\n");
}

struct daemon {
	struct config *cfg;
	struct queue *queue;
	struct intake *intakes[CONFIG_MAX_MAILBOXES];
	size_t nintakes;
	struct fax_spool *fax;
	PGconn *db; /* for re-announcing queued jobs */
	struct events_relay *relay; /* case events for madoctl watch; NULL: watchers poll */
};

static int start_intakes(struct daemon *d, bool once)
{
	for (size_t i = 0; i < d->cfg->nimap; i++) {
		d->intakes[i] = intake_start(d->cfg, d->cfg->imap[i], d->queue, once);
		if (d->intakes[i] == NULL)
			return -1;
		d->nintakes = i + 1;
	}
	if (d->cfg->fax_spool_dir != NULL &&
	    (d->fax = fax_spool_start(d->cfg, d->queue, once)) == NULL)
		return -1;
	return 0;
}

static int stop_intakes(struct daemon *d)
{
	int status = 0;

	for (size_t i = 0; i < d->nintakes; i++)
		intake_request_stop(d->intakes[i]);
	if (d->fax != NULL)
		fax_spool_request_stop(d->fax);
	for (size_t i = 0; i < d->nintakes; i++)
		status |= intake_join(d->intakes[i]);
	d->nintakes = 0;
	if (d->fax != NULL)
		status |= fax_spool_join(d->fax);
	d->fax = NULL;
	return status;
}

/* READY for the service manager, with what the daemon runs. */
static void announce_ready(const struct daemon *d)
{
	service_ready("%zu mailbox%s%s", d->nintakes, d->nintakes == 1 ? "" : "es",
		      d->fax != NULL ? " and the fax spool" : "");
}

/* The daemon's heartbeat for madoctl status; STOPPED on a clean stop. */
static void beat(struct daemon *d, bool stopped)
{
	char name[128], host[64] = "localhost";

	gethostname(host, sizeof(host) - 1);
	snprintf(name, sizeof(name), "%s:%ld", host, (long)getpid());
	if (d->db == NULL)
		d->db = db_connect(d->cfg->db_conninfo);
	if (d->db != NULL && db_heartbeat(d->db, name, "madoguchid", stopped) == -1 &&
	    db_is_broken(d->db)) {
		db_close(d->db);
		d->db = NULL;
	}
}

/* Announces every claimable job again; workers skip what is already taken. */
static void resend(struct daemon *d)
{
	int64_t *ids = calloc(RESEND_BATCH, sizeof(*ids));
	size_t n = 0;

	if (ids == NULL)
		return;
	if (d->db == NULL)
		d->db = db_connect(d->cfg->db_conninfo);
	if (d->db != NULL && job_list_claimable(d->db, RESEND_BATCH, ids, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			queue_announce(d->queue, ids[i]);
		if (n > 0)
			log_info("queue resent=%zu", n);
	} else if (d->db != NULL && db_is_broken(d->db)) {
		db_close(d->db);
		d->db = NULL;
	}
	free(ids);
}

/* Loads the file again; a bad file keeps the running configuration. */
static void reload(struct daemon *d, const char *path, bool verbose)
{
	char *errors = NULL;
	struct config *next = config_load(path, &errors);

	if (next == NULL || config_check_daemon(next, &errors) == -1) {
		log_warnx("reload refused, keeping the running configuration:\n%s",
			  errors ? errors : "");
		free(errors);
		config_free(next);
		return;
	}
	if (strcmp(next->queue_endpoint, d->cfg->queue_endpoint) != 0)
		log_warnx("reload: [queue] endpoint changes need a restart; keeping %s",
			  d->cfg->queue_endpoint);
	stop_intakes(d);
	{
		char *endpoint = strdup(d->cfg->queue_endpoint);

		config_free(d->cfg);
		d->cfg = next;
		if (endpoint != NULL) {
			free(d->cfg->queue_endpoint);
			d->cfg->queue_endpoint = endpoint;
		}
	}
	if (d->db != NULL)
		db_close(d->db);
	d->db = NULL;
	log_set_level(verbose ? LOG_LEVEL_DEBUG : (enum log_level)d->cfg->log_level);
	if (start_intakes(d, false) == -1)
		log_warnx("reload: some mailboxes could not start");
	log_info("reload result=done mailboxes=%zu", d->nintakes);
}

/*
 * A batch's bytes pass through buffers of a few MB (the fetched batch,
 * libpq's copy of the statement's parameters), freed when it is stored.
 * By default glibc maps each such buffer afresh and unmaps it when freed,
 * so every batch faults its pages in again: on 50 KB mail that was a
 * tenth of the fetching thread's time. Served from the heap and kept
 * there, they are reused; the heap keeps what the largest batches need
 * (FETCH_BYTES_MAX, twice over), not more.
 */
static void keep_batch_buffers(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {{"once", no_argument, NULL, 'o'},
						 {"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	struct daemon d = {0};
	const char *path = NULL;
	bool check_only = false, once = false, verbose = false;
	char *errors = NULL;
	int ch, status = 0;
	time_t last_resend = 0, last_beat = 0;

	while ((ch = getopt_long(argc, argv, "c:nvh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			check_only = true;
			break;
		case 'o':
			once = true;
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
	keep_batch_buffers();
	log_init("madoguchid", LOG_LEVEL_INFO);
	/* The intake stores raw mail and jobs and reads no case (sql/023_roles.sql). */
	db_use_role("madoguchi_intake");
	path = config_path(path);
	d.cfg = config_load(path, &errors);
	if (d.cfg == NULL || config_check_daemon(d.cfg, &errors) == -1) {
		fputs(errors != NULL ? errors : "madoguchid: cannot load configuration\n", stderr);
		free(errors);
		config_free(d.cfg);
		return 1;
	}
	if (check_only) {
		printf("%s: configuration ok (%zu mailbox%s%s)\n", d.cfg->path, d.cfg->nimap,
		       d.cfg->nimap == 1 ? "" : "es", d.cfg->fax_spool_dir ? ", fax spool" : "");
		config_free(d.cfg);
		return 0;
	}
	log_set_level(verbose ? LOG_LEVEL_DEBUG : (enum log_level)d.cfg->log_level);
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	sig_install();
	d.queue = queue_open_push(d.cfg->queue_endpoint);
	if (d.queue == NULL || start_intakes(&d, once) == -1) {
		stop_intakes(&d);
		queue_close(d.queue);
		config_free(d.cfg);
		return 1;
	}
	/* Relayed, like the queue endpoint, until a restart: a reload keeps it. */
	if (!once)
		d.relay = events_relay_start(d.cfg->events_publish, d.cfg->events_endpoint);
	if (once) {
		for (size_t i = 0; i < d.nintakes; i++)
			status |= intake_join(d.intakes[i]);
		d.nintakes = 0;
		if (d.fax != NULL)
			status |= fax_spool_join(d.fax);
		d.fax = NULL;
	}
	if (!once)
		announce_ready(&d);
	/* The loop pings the watchdog: a hung loop is a daemon to restart. */
	while (!once && !sig_stop_requested()) {
		service_alive();
		if (time(NULL) - last_beat >= STATUS_BEAT_SECONDS) {
			beat(&d, false);
			last_beat = time(NULL);
		}
		if (time(NULL) - last_resend >= d.cfg->queue_resend_interval) {
			resend(&d);
			last_resend = time(NULL);
		}
		if (sig_take_reload()) {
			service_reloading();
			reload(&d, path, verbose);
			announce_ready(&d);
		}
		sig_sleep_ms(200);
	}
	if (!once)
		service_stopping("finishing the batches in hand");
	status |= stop_intakes(&d);
	if (!once)
		beat(&d, true);
	if (d.db != NULL)
		db_close(d.db);
	events_relay_stop(d.relay);
	queue_close(d.queue);
	config_free(d.cfg);
	log_info("peak_rss_kb=%ld result=stopped", peak_rss_kb());
	return status;
}
