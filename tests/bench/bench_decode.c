/*
 * bench_decode.c - decoding throughput on one core, and memory on a 30 MB
 * mail, for tools/bench.
 *
 *   bench_decode FILE...     decodes every file repeatedly for about 3 s and
 *                            prints mails/s and MB/s (files over 50 KB are
 *                            counted apart)
 *   bench_decode --big       decodes one 30 MB mail and prints the peak RSS
 */
#include "file.h"
#include "buf.h"
#include "mail_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int big(void)
{
	struct buf b = BUF_INIT;
	struct decoded_mail m;
	struct rusage ru;
	char why[200];
	long before;

	getrusage(RUSAGE_SELF, &ru);
	before = ru.ru_maxrss;
	buf_adds(&b, "From: a@example.jp\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
		     "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n"
		     "Content-Type: text/plain\r\n\r\nsee attachment\r\n--B\r\n"
		     "Content-Type: application/octet-stream; name=big.bin\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");
	while (b.len < 30u * 1024 * 1024)
		buf_adds(&b, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n");
	buf_adds(&b, "--B--\r\n");
	{
		double t = now();

		if (mail_decode(b.data, b.len, &m, why, sizeof(why)) != 0) {
			fprintf(stderr, "bench_decode: %s\n", why);
			return 1;
		}
		getrusage(RUSAGE_SELF, &ru);
		printf("30 MB mail: decoded in %.2f s; peak RSS %ld kB (the raw message itself %zu "
		       "kB, before decoding %ld kB)\n",
		       now() - t, ru.ru_maxrss, b.len / 1024, before);
	}
	decoded_mail_free(&m);
	buf_free(&b);
	return 0;
}

int main(int argc, char **argv)
{
	size_t n = (size_t)argc - 1, small = 0, bytes = 0;
	char **data;
	size_t *len;
	long done = 0;
	double t0, t;

	if (argc == 2 && strcmp(argv[1], "--big") == 0)
		return big();
	if (argc < 2) {
		fprintf(stderr, "usage: bench_decode FILE... | --big\n");
		return 2;
	}
	data = calloc(n, sizeof(*data));
	len = calloc(n, sizeof(*len));
	for (size_t i = 0; i < n; i++) {
		data[i] = file_read(argv[i + 1], &len[i]);
		if (data[i] == NULL) {
			fprintf(stderr, "bench_decode: cannot read %s\n", argv[i + 1]);
			return 1;
		}
		small += len[i] < 50 * 1024;
	}
	t0 = now();
	do {
		for (size_t i = 0; i < n; i++) {
			struct decoded_mail m;
			char why[200];

			/* Refused mails cost time too: they count. */
			if (mail_decode(data[i], len[i], &m, why, sizeof(why)) == -1)
				why[0] = '\0';
			decoded_mail_free(&m);
			bytes += len[i];
			done++;
		}
	} while (now() - t0 < 3.0);
	t = now() - t0;
	printf("decode: %zu distinct mails (%zu under 50 KB), %ld decoded in %.2f s on one core = "
	       "%.0f mails/s, %.1f MB/s\n",
	       n, small, done, t, (double)done / t, (double)bytes / t / 1e6);
	for (size_t i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(len);
	return 0;
}
