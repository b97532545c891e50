/*
 * test_eapp.c - the applicant's entries read from e-application
 * notifications in every layout a form template uses: 【項目】値, 項目：値
 * (full-width or ASCII colon), ■項目 with the value below, numbered items,
 * tab-separated lines, notes and readings beside the labels.
 */
#include "check.h"
#include "eapp_form.h"

#include <stdlib.h>

struct want {
	const char *v[EAPP_NFIELDS]; /* NULL: the field must stay unknown */
};

static void expect(const char *layout, const char *text, const struct want *w)
{
	struct eapp_form f;

	eapp_form_parse(text, &f);
	for (int k = 0; k < EAPP_NFIELDS; k++) {
		if (w->v[k] == NULL)
			CHECK(f.field[k] == NULL, "%s: %s should be unknown, got \"%s\"", layout,
			      eapp_field_name((enum eapp_field)k), f.field[k]);
		else
			CHECK(f.field[k] != NULL && strcmp(f.field[k], w->v[k]) == 0,
			      "%s: %s: got \"%s\", want \"%s\"", layout,
			      eapp_field_name((enum eapp_field)k), f.field[k] ? f.field[k] : "(null)",
			      w->v[k]);
	}
	eapp_form_free(&f);
}

#define W(name, org, postal, addr, phone, mail, copies, purpose)                                   \
	(&(const struct want){{name, org, postal, addr, phone, mail, copies, purpose}})

static void test_layouts(void)
{
	expect("lenticular brackets",
	       "以下の内容で申請を受け付けました。\n\n"
	       "【申請者氏名】山田 太郎\n"
	       "【氏名（フリガナ）】ヤマダ タロウ\n"
	       "【団体名】株式会社みどり製作所\n"
	       "【郵便番号】160-0023\n"
	       "【住所】東京都新宿区西新宿9-9-9\n"
	       "【電話番号】03-1234-5678\n"
	       "【メールアドレス】taro@midori.example.jp\n"
	       "【メールアドレス（確認用）】other@example.jp\n"
	       "【希望部数】30\n"
	       "【利用目的】社員研修で使用\n"
	       "\n※このメールは送信専用です。\n",
	       W("山田 太郎", "株式会社みどり製作所", "160-0023", "東京都新宿区西新宿9-9-9",
		 "03-1234-5678", "taro@midori.example.jp", "30", "社員研修で使用"));

	expect("full-width colons, full-width digits and a 〒 in the address",
	       "申請番号：１２３４５６\n"
	       "お名前：鈴木　花子\n"
	       "屋号：すずき商店\n"
	       "所在地：〒１９０－００１２　東京都立川市曙町１－１\n"
	       "電話番号：０４２－５２３－００００\n"
	       "メールアドレス：ｈａｎａｋｏ＠ｓｕｚｕｋｉ．ｅｘａｍｐｌｅ．ｊｐ\n"
	       "部数：１０部\n"
	       "目的：従業員への啓発\n",
	       W("鈴木 花子", "すずき商店", "190-0012", "東京都立川市曙町1-1", "042-523-0000",
		 "hanako@suzuki.example.jp", "10部", "従業員への啓発"));

	expect("bullets with the value on the next lines",
	       "■申請者氏名\n佐藤 一郎\n\n"
	       "■会社名・屋号\n佐藤設計事務所\n\n"
	       "■住所（送付先）\n〒130-0001\n東京都墨田区吾妻橋1-2-3\n\n"
	       "■電話番号\n03-9876-5432\n\n"
	       "■メールアドレス\n（未入力）\n\n"
	       "■冊数\n五十冊\n\n"
	       "■利用目的\n取引先との勉強会で\n配布します\n\n"
	       "■備考\nよろしくお願いします\n",
	       W("佐藤 一郎", "佐藤設計事務所", "130-0001", "東京都墨田区吾妻橋1-2-3",
		 "03-9876-5432", NULL, "五十冊", "取引先との勉強会で 配布します"));

	expect("numbered items, ASCII colons, postal code on its own line",
	       "1. 氏名: 高橋 健\n"
	       "2. 事業者名: 高橋会計事務所\n"
	       "3. 住所: 〒 101-0047\n"
	       "   東京都千代田区内神田2-2-2\n"
	       "4. 電話番号: 03-3333-4444\n"
	       "5. E-mail: ken@takahashi.example.jp\n"
	       "6. 希望部数: 100\n"
	       "7. 利用目的: 顧問先の中小企業に無償で配布\n",
	       W("高橋 健", "高橋会計事務所", "101-0047", "東京都千代田区内神田2-2-2",
		 "03-3333-4444", "ken@takahashi.example.jp", "100", "顧問先の中小企業に無償で配布"));

	expect("tab-separated, labels alone, FAX not a phone",
	       "氏名\t伊藤 美咲\n"
	       "団体名\t一般社団法人いとう会\n"
	       "FAX番号\t03-1111-2222\n"
	       "電話番号\t03-1111-3333\n"
	       "住所\n東京都八王子市元本郷町3-24-1\n"
	       "部数\t5冊\n",
	       W("伊藤 美咲", "一般社団法人いとう会", NULL, "東京都八王子市元本郷町3-24-1",
		 "03-1111-3333", NULL, "5冊", NULL));

	expect("square brackets and required marks",
	       "[お名前]※必須 渡辺 翔\n"
	       "[企業名] わたなべ工業\n"
	       "[郵便番号] 1500002\n"
	       "[所在地] 東京都渋谷区渋谷1-1-1\n"
	       "[メール] sho@watanabe.example.jp\n",
	       W("渡辺 翔", "わたなべ工業", "150-0002", "東京都渋谷区渋谷1-1-1", NULL,
		 "sho@watanabe.example.jp", NULL, NULL));

	/* Values that hold a label word are values: a company name under ■ is no label. */
	expect("company names under bullets",
	       "■団体名\n株式会社テスト電話工業\n■氏名\n中村 光\n",
	       W("中村 光", "株式会社テスト電話工業", NULL, NULL, NULL, NULL, NULL, NULL));

	/* Numbered items, label and value apart by blanks, some left empty: an
	 * empty item takes none of the items after it, 営利目的 is no purpose. */
	expect("numbered items with empty ones",
	       "手続名　　　　 中小企業サイバーセキュリティ対策相談\n"
	       "到達番号　　　 260903-0099\n\n"
	       "1. お名前　　　　　　　　 西田 誠\n"
	       "2. 事業者名（屋号）　　　 にしだ商店\n"
	       "3. ご用件　　　　　　　　 ご相談\n"
	       "4. 部数　　　　　　　　　 \n"
	       "5. ご利用目的　　　　　　 \n"
	       "6. 営利目的の有無　　　 \n"
	       "7. ご相談内容・備考　　 店のパソコンに警告が出て消えません。\n",
	       W("西田 誠", "にしだ商店", NULL, NULL, NULL, NULL, NULL, NULL));

	/* A table layout: label and value parted by a bar, some values empty. */
	expect("bars",
	       "手続き名 | 中小企業サイバーセキュリティ対策相談\n"
	       "申請番号 | 2026120300011\n\n"
	       "お名前           | 川口 大輔\n"
	       "事業者名         | 川口塗装\n"
	       "所在地           | 〒123-0841 東京都足立区西新井9-X-X\n"
	       "FAX番号          |\n"
	       "メールアドレス   | kawaguchi@tosou.example.jp\n"
	       "必要部数         | 12\n"
	       "利用目的         | 社員研修\n"
	       "営利目的での利用 | いいえ\n",
	       W("川口 大輔", "川口塗装", "123-0841", "東京都足立区西新井9-X-X", NULL,
		 "kawaguchi@tosou.example.jp", "12", "社員研修"));

	expect("ordinary mail", "お世話になっております。ウイルスに感染したようです。\nよろしくお願いします。\n",
	       W(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
}

/* The canonical text carries what the guidebook extraction reads: 30 alone is 30 copies. */
static void test_text(void)
{
	struct eapp_form f;

	eapp_form_parse("【氏名】山田 太郎\n【住所】〒160-0023 東京都新宿区西新宿9-9-9\n"
			"【希望部数】30\n【目的】社内研修\n",
			&f);
	CHECK(f.nfound == 5, "nfound %d", f.nfound);
	CHECK(strstr(f.text, "希望部数: 30冊\n") != NULL, "text: %s", f.text);
	CHECK(strstr(f.text, "住所: 〒160-0023 東京都新宿区西新宿9-9-9\n") != NULL, "text: %s",
	      f.text);
	CHECK(strstr(f.text, "申請者氏名: 山田 太郎\n") != NULL, "text: %s", f.text);
	eapp_form_free(&f);
	eapp_form_parse("", &f);
	CHECK(f.nfound == 0 && f.text != NULL && f.text[0] == '\0', "empty text");
	eapp_form_free(&f);
}

/* What the classifier reads: the applicant's words, not the form's labels or contact entries. */
static void test_words(void)
{
	char *w = eapp_form_words("■手続き名\n中小企業セキュリティ相談\n\n■受付番号\nR8-00001\n\n"
				  "■申請内容\n●申請者氏名\n木村 花\n\n●住所\n東京都港区芝9-9\n\n"
				  "●希望部数\n\n●利用目的\n\n●ご相談内容\n"
				  "店のパソコンに警告が出て消えません。\n");

	CHECK(strstr(w, "部数") == NULL && strstr(w, "目的") == NULL, "empty entries' labels: %s", w);
	CHECK(strstr(w, "木村") == NULL && strstr(w, "港区") == NULL, "contact entries: %s", w);
	CHECK(strstr(w, "セキュリティ相談") == NULL && strstr(w, "R8") == NULL,
	      "the service's own entries: %s", w);
	CHECK(strstr(w, "店のパソコンに警告が出て消えません。") != NULL, "the message: %s", w);
	free(w);
	w = eapp_form_words("手続名　　　　 中小企業サイバーセキュリティ対策相談\n"
			    "1. お名前　　 西田 誠\n2. ご用件　　 ご相談\n3. 部数　　 \n"
			    "4. ご利用目的　　 \n5. 営利目的の有無　　 \n"
			    "6. ご相談内容・備考　　 店のパソコンに警告が出ます。\n");
	CHECK(strcmp(w, "ご相談\n店のパソコンに警告が出ます。\n") == 0, "numbered items: \"%s\"", w);
	free(w);
	w = eapp_form_words("【希望部数】20\n【利用目的】社内研修\n");
	CHECK(strcmp(w, "20\n社内研修\n") == 0, "values kept: \"%s\"", w);
	free(w);
}

int main(void)
{
	test_layouts();
	test_text();
	test_words();
	return check_done();
}
