/*
 * fuzz_header.c - libFuzzer harness for header decoding: RFC 2047 words,
 * addresses, Message-IDs, dates and RFC 2231 parameters. Decoded headers
 * must be one line: no CR, LF or other control character may come out.
 */
#include "mailhdr.h"
#include "mime.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *v;
	struct mailhdr_address a;
	time_t t;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	v = mailhdr_decode(s, NULL);
	one_line(v);
	free(v);
	mailhdr_parse_address(s, &a);
	one_line(a.name);
	mailhdr_address_free(&a);
	free(mailhdr_message_id(s));
	(void)mailhdr_parse_date(s, &t);
	free(mime_param_decoded(s, "filename"));
	free(s);
	return 0;
}
