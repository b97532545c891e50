/*
 * file.h - whole files into memory.
 */
#ifndef MADOGUCHI_FILE_H
#define MADOGUCHI_FILE_H

#include <stddef.h>

/* The bytes of PATH, NUL-terminated, malloc'd (caller frees); *len their count. NULL on error. */
char *file_read(const char *path, size_t *len);

#endif
