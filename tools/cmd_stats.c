/*
 * cmd_stats.c - madoctl stats: the monthly statistics report the desk sends
 * to the Tokyo Metropolitan Government, or the same for any period.
 *
 *   stats monthly [--month YYYY-MM]        default: the month before this one
 *   stats range --from DATE --to DATE      both days included
 *
 * Months begin and end in [stats] timezone. CSV (the default) is UTF-8 with
 * a BOM and CRLF line ends, which Excel on a Japanese desktop opens as it
 * is; --encoding cp932 writes Shift_JIS for older tools, replacing (and
 * reporting) what CP932 cannot hold. --format json gives programs the same
 * numbers.
 */
#include "madoctl.h"

#include "buf.h"
#include "config.h"
#include "db_stats.h"
#include "json.h"
#include "pdf_draw.h"
#include "report_pdf.h"
#include "report_xlsx.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int misuse(const char *why)
{
	fprintf(stderr, "madoctl stats: %s\n", why);
	return ctl_usage(&cmd_stats_entry);
}

/* TABLE's share of TOTAL in per cent, one decimal, as text. */
static void share(char *out, size_t outsz, int64_t count, int64_t total)
{
	if (total <= 0)
		snprintf(out, outsz, "-");
	else
		snprintf(out, outsz, "%.1f", 100.0 * (double)count / (double)total);
}

/* A CSV field (RFC 4180). */
static void csv_field(struct buf *b, const char *v)
{
	if (strpbrk(v, ",\"\r\n") == NULL) {
		buf_adds(b, v);
		return;
	}
	buf_addc(b, '"');
	for (; *v != '\0'; v++) {
		if (*v == '"')
			buf_addc(b, '"');
		buf_addc(b, *v);
	}
	buf_addc(b, '"');
}

static int64_t total_of(const struct stats_report *r)
{
	return r->n > 0 && r->tables[0].n > 0 ? r->tables[0].rows[0].count : 0;
}

/*
 * Row K of trend table T against the month before (前月比) and, for the
 * last row, against the same month a year before (前年同月比), in per cent.
 */
static void trend_ratios(const struct stats_table *t, size_t k, char *mom, char *yoy, size_t sz)
{
	share(mom, sz, t->rows[k].count, k > 0 ? t->rows[k - 1].count : 0);
	share(yoy, sz, t->rows[k].count, k + 1 == t->n && t->n == 13 ? t->rows[0].count : 0);
}

static void csv_table(struct buf *b, const struct stats_table *t, int64_t total, bool titled)
{
	if (titled) {
		csv_field(b, t->title);
		buf_printf(b, " (%s)\r\n", t->name);
	}
	if (t->trend) {
		buf_adds(b, "月,キー,件数,前月比(%),前年同月比(%)\r\n");
		for (size_t i = 0; i < t->n; i++) {
			char mom[16], yoy[16];

			trend_ratios(t, i, mom, yoy, sizeof(mom));
			csv_field(b, t->rows[i].label);
			buf_addc(b, ',');
			csv_field(b, t->rows[i].key);
			buf_printf(b, ",%lld,%s,%s\r\n", (long long)t->rows[i].count, mom, yoy);
		}
		return;
	}
	buf_adds(b, "項目,キー,件数,構成比(%)\r\n");
	for (size_t i = 0; i < t->n; i++) {
		char pct[16];

		share(pct, sizeof(pct), t->rows[i].count, total);
		csv_field(b, t->rows[i].label);
		buf_addc(b, ',');
		csv_field(b, t->rows[i].key);
		buf_printf(b, ",%lld,%s\r\n", (long long)t->rows[i].count, pct);
	}
}

static void csv_report(struct buf *b, const struct stats_report *r, const char *from,
		       const char *to_incl, const char *tz, const char *only)
{
	int64_t total = total_of(r);

	if (only == NULL)
		buf_printf(b, "相談窓口 統計,%s,%s,%s\r\n\r\n", from, to_incl, tz);
	for (size_t i = 0; i < r->n; i++) {
		if (only != NULL && strcmp(only, r->tables[i].name) != 0)
			continue;
		csv_table(b, &r->tables[i], total, only == NULL);
		if (only == NULL)
			buf_adds(b, "\r\n");
	}
}

static void json_report(struct buf *b, const struct stats_report *r, const char *from,
			const char *to_incl, const char *tz)
{
	buf_adds(b, "{\"from\":");
	json_buf_string(b, from);
	buf_adds(b, ",\"to\":");
	json_buf_string(b, to_incl);
	buf_adds(b, ",\"timezone\":");
	json_buf_string(b, tz);
	buf_printf(b, ",\"total\":%lld,\"tables\":[", (long long)total_of(r));
	for (size_t i = 0; i < r->n; i++) {
		const struct stats_table *t = &r->tables[i];

		buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
		json_buf_string(b, t->name);
		buf_adds(b, ",\"title\":");
		json_buf_string(b, t->title);
		buf_printf(b, ",\"partition\":%s,\"rows\":[", t->partition ? "true" : "false");
		for (size_t k = 0; k < t->n; k++) {
			buf_adds(b, k ? ",{\"key\":" : "{\"key\":");
			json_buf_string(b, t->rows[k].key);
			buf_adds(b, ",\"label\":");
			json_buf_string(b, t->rows[k].label);
			buf_printf(b, ",\"count\":%lld", (long long)t->rows[k].count);
			if (t->trend) {
				char mom[16], yoy[16];

				trend_ratios(t, k, mom, yoy, sizeof(mom));
				buf_printf(b, ",\"prev_month_pct\":%s,\"prev_year_pct\":%s",
					   strcmp(mom, "-") ? mom : "null", strcmp(yoy, "-") ? yoy : "null");
			}
			buf_addc(b, '}');
		}
		buf_adds(b, "]}");
	}
	buf_adds(b, "]}\n");
}

/*
 * TEXT (UTF-8) as CP932 into OUT; a character CP932 has not becomes "?",
 * and each is reported. Returns how many were replaced, -1 on error.
 */
static long to_cp932(const struct buf *text, struct buf *out)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char *in = text->data;
	size_t left = text->len;
	long replaced = 0;

	if (cd == (iconv_t)-1)
		return -1;
	while (left > 0) {
		char chunk[4096], *o = chunk;
		size_t room = sizeof(chunk), r = iconv(cd, &in, &left, &o, &room);

		buf_add(out, chunk, sizeof(chunk) - room);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EILSEQ || errno == EINVAL) {
			size_t n = 1;

			/* Skip the whole UTF-8 character. */
			while (n < left && ((unsigned char)in[n] & 0xC0) == 0x80)
				n++;
			fprintf(stderr, "madoctl stats: CP932 has no \"%.*s\": written as \"?\"\n",
				(int)n, in);
			buf_addc(out, '?');
			in += n;
			left -= n;
			replaced++;
			continue;
		}
		iconv_close(cd);
		return -1;
	}
	iconv_close(cd);
	return replaced;
}

static int write_out(const char *path, const struct buf *b)
{
	FILE *f = path != NULL && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;
	int ok;

	if (f == NULL) {
		fprintf(stderr, "madoctl stats: %s: %s\n", path, strerror(errno));
		return 1;
	}
	ok = fwrite(b->data != NULL ? b->data : "", 1, b->len, f) == b->len;
	ok &= f == stdout ? fflush(f) == 0 : fclose(f) == 0;
	if (!ok)
		fprintf(stderr, "madoctl stats: cannot write %s\n", path != NULL ? path : "stdout");
	return !ok;
}

/* DATE ("YYYY-MM-DD") moved by DAYS, into OUT: calendar arithmetic only. */
static void add_days(const char *date, int days, char out[11])
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12; /* far from any DST edge */
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static bool month_text(const char *m)
{
	char date[16];

	if (strlen(m) != 7 || m[4] != '-')
		return false;
	snprintf(date, sizeof(date), "%s-01", m);
	return ctl_calendar_date(date);
}

static int cmd_stats(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args), *format = ctl_args_value(args, "--format"),
		   *enc = ctl_args_value(args, "--encoding"), *month = ctl_args_value(args, "--month"),
		   *only = ctl_args_value(args, "--table"), *tz;
	char from[11] = "", to[11] = "", to_incl[11];
	struct stats_report rep;
	struct buf text = BUF_INIT, coded = BUF_INIT;
	bool json, cp932, xlsx, pdf;
	PGconn *db;
	int rc = 1, known;

	if (format == NULL)
		format = "csv";
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "xlsx") != 0 && strcmp(format, "pdf") != 0)
		return misuse("--format is csv, json, xlsx or pdf");
	json = strcmp(format, "json") == 0;
	xlsx = strcmp(format, "xlsx") == 0;
	pdf = strcmp(format, "pdf") == 0;
	if ((xlsx || pdf) &&
	    (ctl_args_value(args, "-o") == NULL || strcmp(ctl_args_value(args, "-o"), "-") == 0))
		return misuse("--format xlsx and pdf write a file: -o FILE");
	if (enc != NULL && strcmp(enc, "utf-8") != 0 && strcmp(enc, "cp932") != 0)
		return misuse("--encoding is utf-8 or cp932");
	cp932 = enc != NULL && strcmp(enc, "cp932") == 0;
	if ((json || xlsx || pdf) && (cp932 || only != NULL))
		return misuse("--encoding and --table are for CSV");
	if (month != NULL && !month_text(month))
		return misuse("--month takes YYYY-MM");
	if (strcmp(sub, "range") == 0) {
		const char *f = ctl_args_value(args, "--from"), *t = ctl_args_value(args, "--to");

		if (f == NULL || t == NULL || !ctl_calendar_date(f) || !ctl_calendar_date(t) ||
		    strcmp(f, t) > 0)
			return misuse("range takes --from DATE --to DATE (YYYY-MM-DD, from <= to)");
		snprintf(from, sizeof(from), "%s", f);
		add_days(t, 1, to);
	}
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	tz = ctl->cfg->stats_timezone;
	{
		char mfrom[11], mto[11];

		/* The month asked for, or the time zone checked for a range. */
		known = db_stats_month(db, month, tz, mfrom, mto);
		if (known == 1 && from[0] == '\0') {
			memcpy(from, mfrom, sizeof(from));
			memcpy(to, mto, sizeof(to));
		}
	}
	if (known == 0)
		fprintf(stderr, "madoctl stats: [stats] timezone %s is no time zone PostgreSQL knows\n",
			tz);
	if (known != 1)
		return 1;
	add_days(to, -1, to_incl);
	if (db_stats_report(db, from, to, tz, &rep) == -1) {
		stats_report_free(&rep);
		return 1;
	}
	if (only != NULL) {
		bool found = false;

		for (size_t i = 0; i < rep.n; i++)
			found |= strcmp(rep.tables[i].name, only) == 0;
		if (!found) {
			fprintf(stderr, "madoctl stats: no table %s; the tables are:", only);
			for (size_t i = 0; i < rep.n; i++)
				fprintf(stderr, " %s", rep.tables[i].name);
			fputc('\n', stderr);
			stats_report_free(&rep);
			return EXIT_MISUSE;
		}
	}
	if (xlsx || pdf) {
		struct report_period period = {from, to_incl, tz};
		const char *path = ctl_args_value(args, "-o");
		char why[512];

		if (xlsx) {
			rc = report_xlsx_write(&rep, &period, path, why, sizeof(why));
		} else {
			rc = report_pdf_write(&rep, &period, path, why, sizeof(why));
			/* Fonts are loaded once per process; letting go keeps leak checks exact. */
			pdf_release_fonts();
		}
		if (rc == -1)
			fprintf(stderr, "madoctl stats: %s\n", why);
		stats_report_free(&rep);
		return rc == -1;
	}
	if (json) {
		json_report(&text, &rep, from, to_incl, tz);
	} else {
		/* The BOM is what tells Excel the file is UTF-8; CP932 has none. */
		if (!cp932)
			buf_adds(&text, "\xEF\xBB\xBF");
		csv_report(&text, &rep, from, to_incl, tz, only);
	}
	if (cp932 && to_cp932(&text, &coded) == -1)
		fprintf(stderr, "madoctl stats: cannot convert to CP932\n");
	else
		rc = write_out(ctl_args_value(args, "-o"), cp932 ? &coded : &text);
	buf_free(&coded);
	buf_free(&text);
	stats_report_free(&rep);
	return rc;
}

static const struct ctl_grammar stats_grammar[] = {
    {"monthly", "--month: --format: -o: --encoding: --table:", 0, 0},
    {"range", "--from: --to: --format: -o: --encoding: --table:", 0, 0},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_stats_entry = {
    "stats",
    "monthly [--month YYYY-MM] | range --from DATE --to DATE; then [--format csv|json|xlsx|pdf] [-o FILE]"
    " [--encoding utf-8|cp932] [--table NAME]",
    "the statistics report: cases received by channel, kind, category, state, referral and"
    " caller, every breakdown summing to the total (default: last month, CSV for Excel)",
    stats_grammar, cmd_stats};
