/*
 * smtp.c - one mail handed to the desk's SMTP server with libcurl.
 */
#include "smtp.h"

#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

void smtp_envelope(const char *from, char *out, size_t outsz)
{
	const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (lt != NULL && gt != NULL)
		snprintf(out, outsz, "<%.*s>", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, outsz, "<%s>", from);
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(ptr, u->data + u->pos, n);
	u->pos += n;
	return n;
}

int smtp_send(const struct config *cfg, const char *rcpt, const char *data, size_t len,
	      char *err, size_t errsz)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *to = NULL;
	struct upload u = {data, len, 0};
	char from[400], rcptbuf[400];
	CURLcode rc;

	if (curl == NULL) {
		snprintf(err, errsz, "curl_easy_init failed");
		return -1;
	}
	smtp_envelope(cfg->smtp_from, from, sizeof(from));
	snprintf(rcptbuf, sizeof(rcptbuf), "<%s>", rcpt);
	to = curl_slist_append(to, rcptbuf);
	curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (strncmp(cfg->smtp_url, "smtp://", 7) == 0)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (cfg->smtp_user != NULL) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->smtp_user);
		if (cfg->smtp_password_file != NULL) {
			FILE *f = fopen(cfg->smtp_password_file, "r");
			char pw[256] = "";

			if (f != NULL) {
				if (fgets(pw, sizeof(pw), f) != NULL)
					pw[strcspn(pw, "\r\n")] = '\0';
				fclose(f);
			}
			curl_easy_setopt(curl, CURLOPT_PASSWORD, pw);
			explicit_bzero(pw, sizeof(pw));
		}
	}
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK) {
		long code = 0;

		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
		if (code > 0)
			snprintf(err, errsz, "%s: server said %ld", curl_easy_strerror(rc), code);
		else
			snprintf(err, errsz, "%s", curl_easy_strerror(rc));
		curl_slist_free_all(to);
		curl_easy_cleanup(curl);
		/* A 5xx is the server's last word on this mail: sending it again cannot help. */
		return code >= 500 && code < 600 ? -2 : -1;
	}
	curl_slist_free_all(to);
	curl_easy_cleanup(curl);
	return 0;
}

int smtp_probe(const struct config *cfg, char *err, size_t errsz)
{
	CURL *curl = curl_easy_init();
	CURLcode rc;

	if (curl == NULL) {
		snprintf(err, errsz, "cannot start libcurl");
		return -1;
	}
	curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		snprintf(err, errsz, "%s", curl_easy_strerror(rc));
	curl_easy_cleanup(curl);
	return rc == CURLE_OK ? 0 : -1;
}
