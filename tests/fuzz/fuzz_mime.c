/*
 * fuzz_mime.c - libFuzzer harness for the whole mail decoder: MIME walk,
 * headers, text choice, charsets, attachments, and the text read as an
 * e-application notification's entries. Anything may come in; the
 * decoder must neither crash nor leak, and either decode or refuse.
 */
#include "mail_decode.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decoded_mail m;
	char why[200];

	if (mail_decode((const char *)data, size, &m, why, sizeof(why)) == 0 && m.text == NULL)
		__builtin_trap(); /* a decoded mail always has a text, if empty */
	if (m.text != NULL) {
		mail_take_eapp(&m);
		if (m.applicant.text == NULL)
			__builtin_trap(); /* the entries' text exists, if empty */
	}
	decoded_mail_free(&m);
	return 0;
}
