/*
 * file.c - see file.h.
 */
#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *data = NULL;

	if (f == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && st.st_size >= 0 &&
	    (data = malloc((size_t)st.st_size + 1)) != NULL) {
		if (fread(data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
			data[st.st_size] = '\0';
			*len = (size_t)st.st_size;
		} else {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}
