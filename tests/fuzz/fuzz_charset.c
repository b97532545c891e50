/*
 * fuzz_charset.c - libFuzzer harness for charset_decode(): the first byte
 * picks a label, the rest are the bytes. The result must be valid UTF-8.
 */
#include "buf.h"
#include "charset.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
							    : (c & 0xF8) == 0xF0 ? 4 : 0;

		if (n == 0 || i + n > len)
			return 0;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += n;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const labels[] = {NULL,      "utf-8",     "iso-2022-jp", "shift_jis",
					     "euc-jp",  "cp932",     "iso-8859-1",  "gb2312",
					     "big5",    "x-unknown", "us-ascii",    "windows-1252"};
	struct buf out = BUF_INIT;

	if (size == 0)
		return 0;
	charset_decode(labels[data[0] % (sizeof(labels) / sizeof(labels[0]))], data + 1, size - 1,
		       &out);
	if (!valid_utf8((const unsigned char *)(out.data ? out.data : ""), out.len))
		__builtin_trap();
	buf_free(&out);
	return 0;
}
