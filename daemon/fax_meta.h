/*
 * fax_meta.h - what a fax server tells about a received fax: the sender's
 * number and CSID (TSI), pages and time, from a sidecar file or the TIFF.
 */
#ifndef MADOGUCHI_FAX_META_H
#define MADOGUCHI_FAX_META_H

struct fax_meta {
	char number[64];   /* caller's number, "" when unknown */
	char csid[64];     /* the sender's fax identification, "" when unknown */
	char received[64]; /* as the fax server wrote it, "" when unknown */
	int pages;         /* 0 when unknown */
};

/*
 * Reads a sidecar of "key = value" or "key: value" lines (number/sender/
 * from/callid, csid/tsi, pages, received/time/date). Unknown keys are
 * ignored: fax servers add their own. Returns 0, or -1 if it cannot be read.
 */
int fax_meta_read_sidecar(const char *path, struct fax_meta *meta);

/* Page count and CSID (HylaFAX keeps the TSI in ImageDescription) from a TIFF file. */
void fax_meta_read_tiff(const char *path, struct fax_meta *meta);

#endif
