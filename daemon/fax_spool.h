/*
 * fax_spool.h - intake of faxes a fax server leaves in a directory.
 */
#ifndef MADOGUCHI_FAX_SPOOL_H
#define MADOGUCHI_FAX_SPOOL_H

struct config;
struct fax_spool;
struct queue;

/* Starts watching [fax] spool_dir in a thread of its own; NULL on failure (logged). */
struct fax_spool *fax_spool_start(const struct config *cfg, struct queue *queue, int once);
void fax_spool_request_stop(struct fax_spool *fs);
/* Waits for the thread and frees it; 0, or 1 when a --once pass failed. */
int fax_spool_join(struct fax_spool *fs);

#endif
