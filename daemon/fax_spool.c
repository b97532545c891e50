/*
 * fax_spool.c - take faxes from the directory a fax server writes them to.
 *
 * Layouts: "plain" (any *.tif, *.tiff or *.pdf, optionally with a sidecar
 * NAME.txt or NAME.meta of key = value lines) and "hylafax" (recvq:
 * fax*.tif, whose receiving faxgetty holds a lock on the file; the CSID is
 * in the TIFF's ImageDescription).
 *
 * A file is taken only when it is complete: not changed for [fax] settle
 * seconds and, for HylaFAX, not locked. It is stored with its job in one
 * transaction, and only after COMMIT moved aside to [fax] done_dir, so a
 * crash leaves it in the spool and the next scan finds it stored already
 * (the key is the file name with its mtime).
 *
 * inotify makes a new fax visible at once; a scan every few seconds covers
 * what inotify cannot see (a spool on NFS, an overflowed event queue).
 */
#include "fax_spool.h"

#include "config.h"
#include "db.h"
#include "db_inbound.h"
#include "fax_meta.h"
#include "log.h"
#include "queue.h"
#include "sig.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FAX_SCAN_MS 5000
#define FAX_MAX_BYTES (64L * 1024 * 1024)
#define FAX_WAITING_MAX 32

struct fax_spool {
	const struct config *cfg;
	struct queue *queue;
	char key[1100];     /* "fax:" + spool dir: the spool's identity in the database */
	char done_dir[1024];
	bool once;
	atomic_bool stop;
	pthread_t thread;
	int status;
	PGconn *db;
	unsigned long taken;
	/* Files seen but not taken yet, each logged once per reason. */
	struct {
		char name[256];
		char why;
	} waiting[FAX_WAITING_MAX];
	unsigned next_waiting;
};

static bool stopping(struct fax_spool *fs)
{
	return sig_stop_requested() || atomic_load(&fs->stop);
}

static const char *doc_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return NULL;
	if (strcasecmp(dot, ".tif") == 0 || strcasecmp(dot, ".tiff") == 0)
		return "image/tiff";
	if (strcasecmp(dot, ".pdf") == 0)
		return "application/pdf";
	return NULL;
}

static bool wanted(const struct fax_spool *fs, const char *name)
{
	if (name[0] == '.')
		return false;
	if (fs->cfg->fax_layout == FAX_LAYOUT_HYLAFAX &&
	    (strncmp(name, "fax", 3) != 0 || doc_type(name) == NULL ||
	     strcmp(doc_type(name), "image/tiff") != 0))
		return false;
	return doc_type(name) != NULL;
}

/* HylaFAX's faxgetty keeps the file locked while the fax is still coming in. */
static bool locked(int fd)
{
	if (flock(fd, LOCK_SH | LOCK_NB) == -1)
		return errno == EWOULDBLOCK;
	flock(fd, LOCK_UN);
	return false;
}

static char *read_all(int fd, size_t size)
{
	char *data = malloc(size ? size : 1);
	size_t got = 0;

	if (data == NULL)
		return NULL;
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);

		if (n <= 0) {
			free(data);
			return NULL;
		}
		got += (size_t)n;
	}
	return data;
}

static void sidecar(const char *dir, const char *name, struct fax_meta *meta, char *path,
		    size_t pathsz)
{
	static const char *const exts[] = {".txt", ".meta", ".info", NULL};
	const char *dot = strrchr(name, '.');
	int base = dot ? (int)(dot - name) : (int)strlen(name);

	path[0] = '\0';
	for (int i = 0; exts[i] != NULL; i++) {
		snprintf(path, pathsz, "%s/%.*s%s", dir, base, name, exts[i]);
		if (fax_meta_read_sidecar(path, meta) == 0)
			return;
	}
	path[0] = '\0';
}

static void move_aside(struct fax_spool *fs, const char *path, const char *name)
{
	char to[2048];

	snprintf(to, sizeof(to), "%s/%s", fs->done_dir, name);
	if (rename(path, to) == -1)
		log_warn("fax spool: cannot move %s to %s (it stays, and is known as stored)", path,
			 fs->done_dir);
}

/* Stores one complete fax; 0 also when it was stored before. */
static int take(struct fax_spool *fs, const char *name, const struct stat *st, int fd)
{
	const char *dir = fs->cfg->fax_spool_dir;
	char path[2048], side[2048], spool_name[600];
	struct fax_meta meta;
	struct inbound_fax fax;
	int64_t job = 0;
	bool dup = false;
	char *data;

	memset(&meta, 0, sizeof(meta));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (st->st_size > FAX_MAX_BYTES) {
		log_warnx("fax spool: %s is %lld bytes, over %ld: left in the spool for staff", path,
			  (long long)st->st_size, FAX_MAX_BYTES);
		return 0;
	}
	data = read_all(fd, (size_t)st->st_size);
	if (data == NULL) {
		log_warn("fax spool: cannot read %s", path);
		return -1;
	}
	sidecar(dir, name, &meta, side, sizeof(side));
	if (strcmp(doc_type(name), "image/tiff") == 0)
		fax_meta_read_tiff(path, &meta);
	snprintf(spool_name, sizeof(spool_name), "%s@%lld", name, (long long)st->st_mtime);
	fax = (struct inbound_fax){fs->key,   spool_name,    doc_type(name), data,
				   (size_t)st->st_size, meta.number, meta.csid,     meta.received,
				   name,      meta.pages};
	if (db_begin(fs->db) == -1 || inbound_store_fax(fs->db, &fax, &job, &dup) == -1 ||
	    db_commit(fs->db) == -1) {
		db_rollback(fs->db);
		free(data);
		return -1;
	}
	free(data);
	if (job != 0) {
		queue_announce(fs->queue, job);
		fs->taken++;
	}
	log_info("fax spool file=%s number=%s csid=\"%s\" pages=%d job=%lld result=%s", name,
		 meta.number[0] ? meta.number : "-", meta.csid, meta.pages, (long long)job,
		 job ? "stored" : dup ? "duplicate" : "already-stored");
	move_aside(fs, path, name);
	if (side[0] != '\0') {
		const char *slash = strrchr(side, '/');

		move_aside(fs, side, slash ? slash + 1 : side);
	}
	return 0;
}

/*
 * Says once why a file in the spool is not taken yet ('s': still being
 * written, 'l': locked by the receiving fax server), so an admin looking
 * for a fax can see the daemon has it in view.
 */
static void note_waiting(struct fax_spool *fs, const char *name, char why, long age)
{
	for (unsigned i = 0; i < FAX_WAITING_MAX; i++)
		if (fs->waiting[i].why == why && strcmp(fs->waiting[i].name, name) == 0)
			return;
	if (why == 's')
		log_info("fax spool file=%s result=waiting reason=\"changed %ld s ago; taken once "
			 "unchanged for %d s\"", name, age, fs->cfg->fax_settle);
	else
		log_info("fax spool file=%s result=waiting reason=\"locked by the receiving fax "
			 "server\"", name);
	snprintf(fs->waiting[fs->next_waiting].name, sizeof(fs->waiting[0].name), "%s", name);
	fs->waiting[fs->next_waiting].why = why;
	fs->next_waiting = (fs->next_waiting + 1) % FAX_WAITING_MAX;
}

static void forget_waiting(struct fax_spool *fs, const char *name)
{
	for (unsigned i = 0; i < FAX_WAITING_MAX; i++)
		if (strcmp(fs->waiting[i].name, name) == 0)
			fs->waiting[i].why = 0;
}

/* One pass over the spool; returns -1 on a database error. */
static int scan(struct fax_spool *fs)
{
	DIR *d = opendir(fs->cfg->fax_spool_dir);
	struct dirent *de;
	struct timespec now;
	int rc = 0;

	if (d == NULL) {
		log_warn("fax spool: cannot open %s", fs->cfg->fax_spool_dir);
		return 0;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	while (rc == 0 && !stopping(fs) && (de = readdir(d)) != NULL) {
		struct stat st;
		int fd;

		if (!wanted(fs, de->d_name))
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd == -1)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			/* In milliseconds: whole seconds would take a file that is
			 * only settle - 1 s old. */
			long long age_ms = (long long)(now.tv_sec - st.st_mtim.tv_sec) * 1000 +
					   (now.tv_nsec - st.st_mtim.tv_nsec) / 1000000;

			if (age_ms < fs->cfg->fax_settle * 1000LL && !fs->once) {
				note_waiting(fs, de->d_name, 's', (long)(age_ms / 1000));
			} else if (fs->cfg->fax_layout == FAX_LAYOUT_HYLAFAX && locked(fd)) {
				note_waiting(fs, de->d_name, 'l', 0);
			} else {
				forget_waiting(fs, de->d_name);
				rc = take(fs, de->d_name, &st, fd);
			}
		}
		close(fd);
	}
	closedir(d);
	return rc;
}

static void *fax_main(void *arg)
{
	struct fax_spool *fs = arg;
	int ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	long backoff = 500;

	if (ino == -1 || inotify_add_watch(ino, fs->cfg->fax_spool_dir,
					   IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB) == -1)
		log_warn("fax spool: no inotify on %s; scanning every %d s", fs->cfg->fax_spool_dir,
			 FAX_SCAN_MS / 1000);
	log_info("fax spool dir=%s layout=%s result=started", fs->cfg->fax_spool_dir,
		 fs->cfg->fax_layout == FAX_LAYOUT_HYLAFAX ? "hylafax" : "plain");
	while (!stopping(fs)) {
		struct pollfd pfd = {ino, POLLIN, 0};
		int wait_ms = FAX_SCAN_MS;

		if (fs->db == NULL && (fs->db = inbound_connect(fs->cfg->db_conninfo)) == NULL) {
			if (fs->once) {
				fs->status = 1;
				break;
			}
			sig_sleep_ms(backoff);
			backoff = backoff < 30000 ? backoff * 2 : backoff;
			continue;
		}
		if (scan(fs) == -1) {
			if (db_is_broken(fs->db)) {
				db_close(fs->db);
				fs->db = NULL;
			}
			if (fs->once) {
				fs->status = 1;
				break;
			}
			continue;
		}
		backoff = 500;
		if (fs->once)
			break;
		/* A file still settling is looked at again soon. */
		if (fs->cfg->fax_settle * 1000 < wait_ms)
			wait_ms = fs->cfg->fax_settle * 1000 + 100;
		for (int waited = 0; waited < wait_ms && !stopping(fs); waited += 200) {
			if (ino != -1 && poll(&pfd, 1, 200) > 0) {
				char evbuf[4096];

				while (read(ino, evbuf, sizeof(evbuf)) > 0)
					;
				/* Let the writer finish: a complete file has settled. */
				sig_sleep_ms(fs->cfg->fax_settle * 1000L + 50);
				break;
			} else if (ino == -1) {
				sig_sleep_ms(200);
			}
		}
	}
	if (ino != -1)
		close(ino);
	if (fs->db != NULL)
		db_close(fs->db);
	log_info("fax spool taken=%lu result=stopped", fs->taken);
	return NULL;
}

struct fax_spool *fax_spool_start(const struct config *cfg, struct queue *queue, int once)
{
	struct fax_spool *fs = calloc(1, sizeof(*fs));
	int rc;

	if (fs == NULL)
		return NULL;
	fs->cfg = cfg;
	fs->queue = queue;
	fs->once = once;
	atomic_init(&fs->stop, false);
	snprintf(fs->key, sizeof(fs->key), "fax:%s", cfg->fax_spool_dir);
	if (cfg->fax_done_dir != NULL)
		snprintf(fs->done_dir, sizeof(fs->done_dir), "%s", cfg->fax_done_dir);
	else
		snprintf(fs->done_dir, sizeof(fs->done_dir), "%s/done", cfg->fax_spool_dir);
	if (mkdir(fs->done_dir, 0750) == -1 && errno != EEXIST) {
		log_warn("fax spool: cannot create %s", fs->done_dir);
		free(fs);
		return NULL;
	}
	rc = sig_thread_start(&fs->thread, fax_main, fs);
	if (rc != 0) {
		free(fs);
		return NULL;
	}
	return fs;
}

void fax_spool_request_stop(struct fax_spool *fs)
{
	atomic_store(&fs->stop, true);
}

int fax_spool_join(struct fax_spool *fs)
{
	int status;

	pthread_join(fs->thread, NULL);
	status = fs->status;
	free(fs);
	return status;
}
