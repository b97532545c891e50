/*
 * fax_meta.c - sidecar files and TIFF tags describing a received fax.
 *
 * Everything read here is text a remote fax machine chose (the CSID) or a
 * local program wrote: it is cut to its field and stripped of control
 * characters before it goes anywhere.
 */
#include "fax_meta.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <tiffio.h>

static void put(char *dst, size_t dstsz, const char *src)
{
	size_t n = 0;

	while (*src == ' ' || *src == '\t')
		src++;
	for (; *src != '\0' && n + 1 < dstsz; src++)
		if ((unsigned char)*src >= 0x20 && *src != 0x7F)
			dst[n++] = *src;
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

int fax_meta_read_sidecar(const char *path, struct fax_meta *meta)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *sep = strpbrk(line, "=:"), *key = line, *value;

		if (sep == NULL || line[0] == '#')
			continue;
		*sep = '\0';
		value = sep + 1;
		value[strcspn(value, "\r\n")] = '\0';
		while (*key == ' ' || *key == '\t')
			key++;
		key[strcspn(key, " \t")] = '\0';
		if (strcasecmp(key, "number") == 0 || strcasecmp(key, "sender") == 0 ||
		    strcasecmp(key, "from") == 0 || strcasecmp(key, "callid") == 0)
			put(meta->number, sizeof(meta->number), value);
		else if (strcasecmp(key, "csid") == 0 || strcasecmp(key, "tsi") == 0)
			put(meta->csid, sizeof(meta->csid), value);
		else if (strcasecmp(key, "pages") == 0)
			meta->pages = atoi(value) > 0 && atoi(value) < 10000 ? atoi(value) : 0;
		else if (strcasecmp(key, "received") == 0 || strcasecmp(key, "time") == 0 ||
			 strcasecmp(key, "date") == 0)
			put(meta->received, sizeof(meta->received), value);
	}
	fclose(f);
	return 0;
}

static void quiet(const char *module, const char *fmt, va_list ap)
{
	(void)module;
	(void)fmt;
	(void)ap;
}

void fax_meta_read_tiff(const char *path, struct fax_meta *meta)
{
	TIFFErrorHandler olderr = TIFFSetErrorHandler(quiet);
	TIFFErrorHandler oldwarn = TIFFSetWarningHandler(quiet);
	TIFF *tif = TIFFOpen(path, "r");
	char *desc = NULL;
	int pages = 0;

	if (tif != NULL) {
		if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &desc) == 1 && desc != NULL &&
		    meta->csid[0] == '\0')
			put(meta->csid, sizeof(meta->csid), desc);
		do
			pages++;
		while (pages < 10000 && TIFFReadDirectory(tif) == 1);
		if (meta->pages == 0)
			meta->pages = pages;
		TIFFClose(tif);
	}
	TIFFSetErrorHandler(olderr);
	TIFFSetWarningHandler(oldwarn);
}
