/*
 * test_subject.c - the subject normaliser of threading without headers, on
 * a table: prefixes, widths, tags and the subjects too generic to join.
 */
#include "check.h"
#include "subject_norm.h"

#include <stdbool.h>
#include <stdlib.h>

static const struct {
	const char *subject, *normalized;
	bool generic;
} cases[] = {
    {"ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Re: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"RE: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"re:ウイルスに感染しました", "ウイルスに感染しました", false},
    {"ＲＥ：ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Ｒｅ： ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Re: Re: RE: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Re[2]: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Re(3): ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Re^2: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"Fwd: FW: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"AW: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"転送: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"返信：ウイルスに感染しました", "ウイルスに感染しました", false},
    {"【返信】ウイルスに感染しました", "ウイルスに感染しました", false},
    {"【転送】 Re: ウイルスに感染しました", "ウイルスに感染しました", false},
    {"[返信] ウイルスに感染しました", "ウイルスに感染しました", false},
    {"  Re:  ウイルスに感染しました  ", "ウイルスに感染しました", false},
    {"Re: [相談#2026-000123] ウイルスに感染しました", "ウイルスに感染しました", false},
    {"ウイルスに感染しました [相談#2026-000123]", "ウイルスに感染しました", false},
    {"[相談#2026-12] 不完全なタグ", "[相談#2026-12] 不完全なタグ", false},
    {"Re: ＰＣが動かない　再起動しても", "pcが動かない 再起動しても", false},
    {"Re: PCが動かない 再起動しても", "pcが動かない 再起動しても", false},
    {"ＰＣが動かない", "pcが動かない", false},
    {"Invoice 2026/03 question", "invoice 2026/03 question", false},
    /* A word that only starts like a prefix stays. */
    {"Reply needed: 請求書", "reply needed: 請求書", false},
    {"Review: 請求書", "review: 請求書", false},
    {"Fwd 請求書の件", "fwd 請求書の件", false},
    {"返信不要のお知らせです", "返信不要のお知らせです", false},
    {"【至急】カード情報が漏れた", "【至急】カード情報が漏れた", false},
    /* Nothing, or nothing that names the matter. */
    {"", "", true},
    {"Re:", "", true},
    {"Re: Re:", "", true},
    {"Re: 相談", "相談", true},
    {"Re: お問い合わせ", "お問い合わせ", true},
    {"ＲＥ：ご相談", "ご相談", true},
    {"無題", "無題", true},
    {"(no subject)", "(no subject)", true},
    {"No Subject", "no subject", true},
    {"Fwd: 件名なし", "件名なし", true},
    {"[相談#2026-000123]", "", true},
    {"Re: 助けて", "助けて", true},
    {"ｈｅｌｐ", "help", true},
};

/* Cores: what a subject is about once asides and follow-up words are gone. */
static const struct {
	const char *subject, *core;
} cores[] = {
    {"先日の振込の件", "振込"},
    {"Re: 振込について", "振込"},
    {"請求書の件（山田商店）", "請求書"},
    {"【至急】 サーバが止まった", "サーバが止まった"},
    {"会員サイトの件 続報", "会員サイト"},
    {"冊子送付のお願い", "冊子送付"},
    {"「請求書」の件", "請求書"},
    {"先日の件", "件"},
    {"の件", "の件"},
    {"片側だけ(括弧", "片側だけ括弧"},
};

int main(void)
{
	for (size_t i = 0; i < sizeof(cores) / sizeof(cores[0]); i++) {
		char *n = subject_normalize(cores[i].subject), *c = subject_core(n);

		CHECK_STR(c, cores[i].core, cores[i].subject);
		free(c);
		free(n);
	}
	CHECK(subject_bigram_cover("偽サイト", "偽の通販サイト") > 0.6, "2 of 3 bigrams found");
	CHECK(subject_bigram_cover("ああああ", "ああ") == 1.0, "a repeated bigram counts once");
	CHECK(subject_bigram_cover("請求書", "見積書") == 0.0, "nothing shared");
	CHECK(subject_bigram_cover("a", "a") == 0.0, "no bigram");
	CHECK(subject_chars("振込x") == 3, "code points counted");
	CHECK(subject_prefix_kind("ＲＥ：振込の件") == SUBJECT_REPLY, "a full-width reply prefix");
	CHECK(subject_prefix_kind("【返信】振込の件") == SUBJECT_REPLY, "a bracketed reply prefix");
	CHECK(subject_prefix_kind("Fwd: 送付依頼書") == SUBJECT_FORWARD, "a forward");
	CHECK(subject_prefix_kind("転送：送付依頼書") == SUBJECT_FORWARD, "a forward in Japanese");
	CHECK(subject_prefix_kind("Reports of a leak") == SUBJECT_NO_PREFIX, "a word that starts re");
	CHECK(subject_prefix_kind(NULL) == SUBJECT_NO_PREFIX, "no subject");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *n = subject_normalize(cases[i].subject);

		CHECK_STR(n, cases[i].normalized, cases[i].subject);
		CHECK(subject_is_generic(n) == cases[i].generic, "%s: generic should be %d",
		      cases[i].subject, cases[i].generic);
		free(n);
	}
	{
		char *n = subject_normalize(NULL);

		CHECK_STR(n, "", "NULL subject");
		free(n);
	}
	return check_done();
}
