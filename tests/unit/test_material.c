/*
 * test_material.c - reading guidebook requests and planning their shipment:
 * numbers in every notation, every quantity threshold, eligibility, and the
 * facts that must be asked rather than guessed.
 */
#include "buf.h"
#include "check.h"
#include "material.h"

#include <stdlib.h>

static struct shipping_policy policy;

static void plan(const char *text, struct material_request *mr)
{
	material_extract(text, &policy, mr);
	material_plan(mr, NULL, &policy);
}

/* The packages as "envelope60x1 box100x2 ..." for comparison. */
static const char *packages(const struct material_request *mr)
{
	static char out[128];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < mr->npackages; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s%dx%d", i ? " " : "",
					mr->packages[i].type, mr->packages[i].size,
					mr->packages[i].count);
	return out;
}

static const char *needs(const struct material_request *mr)
{
	static char out[128];
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < mr->nneeds; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i ? "," : "",
					mr->needs_info[i]);
	return out;
}

static void test_numbers(void)
{
	static const struct {
		const char *text;
		long want;
	} cases[] = {
	    {"50", 50},       {"５０", 50},     {"五十", 50},    {"百", 100},      {"百五十", 150},
	    {"二百五十", 250}, {"三〇", 30},     {"千", 1000},    {"1,200", 1200}, {"十一", 11},
	    {"四十九", 49},    {"九十九", 99},    {"百一", 101},   {"〇", 0},        {"冊", -1},
	    /* A comma read as a point or typed full-width; a real decimal stops the number. */
	    {"3.200名", 3200}, {"3，200名", 3200}, {"1.5億", 1},  {"2.50", 2},      {"3.2000", 3},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long got = material_parse_number(cases[i].text, NULL);

		CHECK(got == cases[i].want, "%s: got %ld, want %ld", cases[i].text, got, cases[i].want);
	}
}

static void test_copies(void)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
	    {"ガイドブックを五十冊お願いします", 50},
	    {"ガイドブックを５０部いただけますか", 50},
	    {"50冊程度送ってください", 50},
	    {"ガイドブック 1箱 希望", 50},
	    {"２箱ほしい", 100},
	    {"百部ほど", 100},
	    {"従業員30名分のガイドブック", 30},
	    {"三〇部", 30},
	    {"総務部の佐藤です。ガイドブックを送ってください", -1},
	    {"一部の社員に配りたいので送ってください", -1},
	    {"営業部長の鈴木です。冊子がほしい", -1},
	    {"電話 03-0000-1234 まで。冊子を12冊", 12},
	    {"第2部の研修で使います。20部", 20},
	    {"0冊", 0},
	    /* A box's size printed on the form is no count; two ways of one count are one. */
	    {"必要冊数 冊 50冊以上:要相談 (1箱50冊)", -1},
	    {"必要冊数 20 冊 50冊以上:要相談 (1箱あたり50冊)", 20},
	    {"2箱100冊お願いします", 100},
	    /* A fax's OCR: full-width digits spaced out, 冊 misread. */
	    {"つきましては、２５０拓 (5H) を料金後納にてご送付ください", 250},
	    {"ガイドブックを 5 0 冊", 50},
	    /* A first count given up for a later one. */
	    {"当初、60冊ほどお願いしようと思っておりましたが、\n社内で検討した結果、100冊でお願いしたいです。", 100},
	    {"30冊お願いします。支店の分として別に5冊あると助かります。", 30},
	};
	struct material_request mr;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		material_extract(cases[i].text, &policy, &mr);
		CHECK(mr.copies == cases[i].want, "%s: got %d, want %d", cases[i].text, mr.copies,
		      cases[i].want);
		if (cases[i].want >= 0)
			CHECK(mr.copies_text.from[0] != '\0', "%s: no quote", cases[i].text);
	}
}

/* Every threshold of the manual, for an eligible requester. */
static void test_thresholds(void)
{
	static const struct {
		int copies;
		const char *method, *packages;
	} cases[] = {
	    {0, "needs_info", ""},
	    {1, "mail_free", "envelope60x1"},
	    {10, "mail_free", "envelope60x1"},
	    {11, "pickup_or_cod", "box80x1"},
	    {49, "pickup_or_cod", "box80x1"},
	    {50, "deferred", "box80x1"},
	    {51, "deferred", "box100x1"},
	    {99, "deferred", "box100x1"},
	    {100, "deferred", "box100x1"},
	    {101, "deferred", "box100x1 box80x1"},
	    {150, "deferred", "box100x1 box80x1"},
	    {151, "deferred", "box100x2"},
	    {200, "deferred", "box100x2"},
	    {250, "deferred", "box100x2 box80x1"},
	};
	struct material_request mr;
	char text[512];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "株式会社みどり製作所(従業員25名) 総務の田中と申します。社員研修に使うため、"
			 "ガイドブックを%d冊お送りいただけますでしょうか。\n"
			 "〒160-0023 東京都新宿区西新宿9-9-9\nTEL 03-0000-1111",
			 cases[i].copies);
		plan(text, &mr);
		CHECK_STR(ship_method_name(mr.method), cases[i].method, text);
		CHECK_STR(packages(&mr), cases[i].packages, text);
		CHECK(mr.copies == cases[i].copies, "%d: copies %d", cases[i].copies, mr.copies);
	}
	/* The same request from a requester who offers to collect: nothing to pack. */
	plan("都内の従業員12名の会社です。社内勉強会用に30冊、窓口へ取りに伺います。", &mr);
	CHECK_STR(ship_method_name(mr.method), "pickup_or_cod", "pickup");
	CHECK_STR(packages(&mr), "", "pickup packages");
	CHECK(mr.pickup, "pickup wish");
}

static void test_fields(void)
{
	struct material_request mr;
	struct buf json = BUF_INIT;

	plan("いつもお世話になっております。\n株式会社みどり製作所 総務の田中と申します。"
	     "従業員への啓発のため、ガイドブックを５０部お願いできますか。\n"
	     "〒１６０－００２３ 東京都新宿区西新宿９－９－９ みどりビル3F\n"
	     "TEL：０３－００００－１１１１ FAX：03-0000-2222\n従業員 40名\n",
	     &mr);
	CHECK(mr.copies == 50, "copies %d", mr.copies);
	CHECK_STR(mr.organization.value, "株式会社みどり製作所", "organization");
	CHECK_STR(mr.contact.value, "田中", "contact");
	CHECK_STR(mr.postal_code.value, "160-0023", "postal code");
	CHECK_STR(mr.address.value, "東京都新宿区西新宿9-9-9 みどりビル3F", "address");
	CHECK_STR(mr.phone.value, "03-0000-1111", "phone");
	CHECK_STR(mr.fax.value, "03-0000-2222", "fax");
	CHECK(mr.tokyo == TRI_YES && mr.for_profit == TRI_NO, "tokyo %d profit %d", mr.tokyo,
	      mr.for_profit);
	CHECK_STR(ship_method_name(mr.method), "deferred", "method");
	CHECK_STR(mr.copies_text.from, "「50部お願い」", "copies quoted");
	material_json(&mr, &json);
	CHECK(strstr(json.data, "\"copies\":50,\"organization\":\"株式会社みどり製作所\","
				"\"tokyo_sme\":true,\"for_profit\":false,\"method\":\"deferred\","
				"\"packages\":[{\"type\":\"box\",\"size\":80,\"count\":1}],"
				"\"needs_info\":[]") != NULL,
	      "json: %s", json.data);
	buf_free(&json);

	/* Suffix form of the company name, and a Tama city. */
	plan("山田電機有限会社(社員8名)です。八王子市の事務所で社員に配布したく、3冊ください。", &mr);
	CHECK_STR(mr.organization.value, "山田電機有限会社", "suffix organization");
	CHECK(mr.tokyo == TRI_YES, "八王子 is Tokyo");
	CHECK_STR(ship_method_name(mr.method), "mail_free", "3 copies");
}

static void test_eligibility(void)
{
	struct material_request mr;

	plan("大阪市の株式会社なにわ工業です。社員研修用に20冊送ってください。\n"
	     "〒530-0001 大阪府大阪市北区梅田9-9",
	     &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "Osaka");
	CHECK(mr.tokyo == TRI_NO, "Osaka is not Tokyo");
	CHECK(strstr(mr.reason, "https://example.jp/guidebook.pdf") != NULL, "PDF link: %s", mr.reason);

	plan("大阪府堺市の会社です。社内で読みたいので5冊", &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "Osaka without postal code");

	plan("新宿区で研修会社をしています。有料セミナーの受講者に配布するため100冊ほしい", &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "for profit");
	CHECK(mr.for_profit == TRI_YES, "for profit");

	plan("渋谷区の従業員5名の会社です。営利目的ではありません。社員用に5冊", &mr);
	CHECK(mr.for_profit == TRI_NO, "denial of profit");
	CHECK_STR(ship_method_name(mr.method), "mail_free", "denial of profit");

	plan("当社(港区)でガイドブックを転売したいので200冊", &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "resale");

	/* The trade is not the use: a sales company asking for its staff. */
	plan("弊社は港区で事務機器の販売会社を営んでおります。社員教育のため冊子を20冊お願いします。", &mr);
	CHECK(mr.for_profit == TRI_NO, "a sales company is not for-profit use (%d)", mr.for_profit);
	plan("文房具の販売をしております(千代田区)。ガイドブックを5冊ください。", &mr);
	CHECK(mr.for_profit != TRI_YES, "selling stationery is not selling the guidebooks");
	/* Denials in any politeness form. */
	plan("中央区の会社です。いただいた冊子を転売することはいたしません。10冊希望します。", &mr);
	CHECK(mr.for_profit == TRI_NO, "転売はいたしません denies (%d)", mr.for_profit);
	plan("台東区の事務所です。ガイドブックを販売する予定はございません。3冊お願いします。", &mr);
	CHECK(mr.for_profit == TRI_NO, "販売する予定はございません denies (%d)", mr.for_profit);
	plan("江東区の工務店です。営利目的では使用しません。社内のみで回覧します。5冊", &mr);
	CHECK(mr.for_profit == TRI_NO, "営利目的では使用しません denies (%d)", mr.for_profit);
	/* A use that is for profit, in other words than resale. */
	plan("品川区のIT企業です。当社の有料講座の受講者に配りたいので60冊", &mr);
	CHECK(mr.for_profit == TRI_YES, "有料講座 is for-profit use (%d)", mr.for_profit);
	plan("目黒区の販売店です。当社製品に冊子を同梱して販売したいので100冊", &mr);
	CHECK(mr.for_profit == TRI_YES, "bundled with products (%d)", mr.for_profit);
	plan("港区のコンサル会社です。有償の診断サービスのお客様に冊子をお渡ししたいので60部", &mr);
	CHECK(mr.for_profit == TRI_YES, "hand-outs of a paid service (%d)", mr.for_profit);
	plan("大田区の町工場です。家具を作って売っていますが、冊子は社内で読みます。2冊", &mr);
	CHECK(mr.for_profit == TRI_NO, "selling furniture is the trade (%d)", mr.for_profit);

	/* Who asks: size against the industry's limits, public bodies, schools. */
	plan("弊社は食品の卸売業で、従業員は約150名、資本金は2億円です。中央区。社員教育用に50部", &mr);
	CHECK(mr.sme == TRI_NO, "wholesale above both limits (%d)", mr.sme);
	CHECK_STR(ship_method_name(mr.method), "decline", "a large wholesaler");
	plan("当社は製造業で従業員は350名ですが資本金は5000万円です。板橋区。社内用に5冊", &mr);
	CHECK(mr.sme == TRI_YES, "capital within the limit is enough (%d)", mr.sme);
	plan("北区役所 産業振興課の山内です。窓口に置くため40部ほしい。東京都北区王子本町1-1", &mr);
	CHECK(mr.sme == TRI_NO, "a ward office (%d)", mr.sme);
	plan("都立青山高等学校の情報科教諭です。授業で使いたいので30部。渋谷区", &mr);
	CHECK(mr.sme == TRI_NO, "a public school (%d)", mr.sme);
	plan("区役所の窓口で紹介されました。渋谷区で美容室を個人で営んでいます。社内用に2冊", &mr);
	CHECK(mr.sme != TRI_NO, "a ward office that only referred a business (%d)", mr.sme);

	/* A request form: its printed rules and options decide nothing; marks do. */
	plan("【ガイドブック】送付依頼書\n事業者名 青空製作所\n住所 東京都大田区大森北2-1\n"
	     "希望部数 5 冊\n営利目的での利用 □はい ☑いいえ\n"
	     "※ 送付の対象は都内の中小企業事業者の皆様です(個人の方、大企業、官公庁等は対象外)。\n"
	     "※ 1〜10冊は無料で郵送、11〜49冊は窓口受取または着払いです。",
	     &mr);
	CHECK(mr.sme != TRI_NO, "printed rules name no requester (%d)", mr.sme);
	CHECK(mr.for_profit == TRI_NO, "いいえ ticked (%d)", mr.for_profit);
	CHECK(mr.copies == 5, "copies from the box, not the rules (%d)", mr.copies);
	plan("事業者名 青空製作所 東京都大田区\n希望部数 5 冊\n営利目的での利用 □はい □いいえ\n", &mr);
	CHECK(mr.for_profit != TRI_YES, "no mark, no answer (%d)", mr.for_profit);
	plan("事業者名 青空製作所 東京都大田区\n希望部数 5 冊\n営利目的での利用 ■はい □いいえ\n", &mr);
	CHECK(mr.for_profit == TRI_YES, "はい filled (%d)", mr.for_profit);

	plan("個人的に勉強したいので1冊ください。世田谷区在住です。", &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "individual");

	plan("品川区の会社です。ガイドブックはPDFのみで結構です。社員で読みます。", &mr);
	CHECK_STR(ship_method_name(mr.method), "decline", "pdf only");
	CHECK(mr.pdf_only, "pdf only");
}

static void test_needs_info(void)
{
	struct material_request mr;

	plan("中央区の会社です。社員研修用にガイドブックを送っていただけますか。", &mr);
	CHECK_STR(ship_method_name(mr.method), "needs_info", "missing quantity");
	CHECK_STR(needs(&mr), "copies,business_size", "missing quantity");

	plan("ガイドブックを30冊、社員教育に使います。", &mr);
	CHECK_STR(needs(&mr), "address,business_size", "missing place");

	plan("ガイドブックを10部お願いします。", &mr);
	CHECK_STR(needs(&mr), "address,purpose,business_size", "missing place and purpose");
	CHECK(mr.tokyo == TRI_UNKNOWN && mr.for_profit == TRI_UNKNOWN, "not guessed");

	/* The desk's own name does not place the requester in Tokyo. */
	plan("東京都中小企業サイバーセキュリティ相談窓口 御中\n社内用に5冊ください。", &mr);
	CHECK(mr.tokyo == TRI_UNKNOWN, "desk name is no address");
}

/* Fax OCR text: spaces between characters, full-width digits, a long-vowel dash. */
static void test_ocr_text(void)
{
	struct material_request mr;

	plan("FAX送信票\n会社名 株式会社あおば商事\n担当者 佐藤\n"
	     "住所 〒１７０ー０００１ 東京都豊島区西巣鴨９ー９\n電話 ０３ー００００ー３３３３\n"
	     "ご依頼内容 ガイドブック ６０冊 社内研修用\n従業員数 ２０名\n",
	     &mr);
	CHECK(mr.copies == 60, "copies %d", mr.copies);
	CHECK_STR(mr.postal_code.value, "170-0001", "postal code");
	CHECK_STR(mr.phone.value, "03-0000-3333", "phone");
	CHECK_STR(mr.contact.value, "佐藤", "contact");
	CHECK_STR(ship_method_name(mr.method), "deferred", "fax deferred");
	CHECK_STR(packages(&mr), "box100x1", "fax packages");
}

/* Who is a small business when nobody says it outright: asked, never guessed. */
static void test_business_size(void)
{
	static const struct {
		const char *text;
		enum tri sme;
	} cases[] = {
	    /* A company without a stated size: unknown either way. */
	    {"株式会社あさひ印刷の者です。社内用に4冊。墨田区", TRI_UNKNOWN},
	    {"当社で使いたいので6冊お願いします。文京区本郷", TRI_UNKNOWN},
	    /* A trade name of a shop or a practice, without a corporate form. */
	    {"もみじ堂書店ではなく、さくら屋の店主です。店で読むのに2冊。台東区", TRI_YES},
	    {"ひまわり歯科の受付です。院内で回覧したいので3冊。杉並区", TRI_YES},
	    {"青木行政書士事務所の青木です。所内で読むため1冊。豊島区", TRI_YES},
	    {"事務所用に2部ください。株式会社みなと運輸。港区", TRI_UNKNOWN},
	    /* A sole proprietor who says 個人で about the business, not as a private person. */
	    {"個人で写真スタジオを経営しております。2冊ください。世田谷区", TRI_YES},
	    {"個人で勉強したいので1冊ください。世田谷区", TRI_NO},
	    /* Sizes: the first 従業員 without a number is a word, not the size. */
	    {"件名: 従業員規模の確認\n従業員は約40名です。練馬区。5冊", TRI_YES},
	    {"資本金1億5,000万円、従業員320名の製造業です。江東区。5冊", TRI_YES},
	    {"資本金4億円、従業員320名の製造業です。江東区。5冊", TRI_NO},
	    /* Above one limit, the other not said: either could make it small. */
	    {"従業員は420名です。江東区。社内用に5冊", TRI_UNKNOWN},
	    /* Services have lower limits than the default; money in mixed units. */
	    {"警備会社です。従業員は約110名、資本金は8千万円です。港区。5冊", TRI_NO},
	    {"人材派遣業で、社員90名、資本金1億2千万円。港区。5冊", TRI_YES},
	    /* A ward or city office signs with its department. */
	    {"足立区 産業経済部 商工振興課の者です。窓口に置く冊子を30部", TRI_NO},
	};
	struct material_request mr;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		plan(cases[i].text, &mr);
		CHECK(mr.sme == cases[i].sme, "%s: sme %d, want %d", cases[i].text, mr.sme,
		      cases[i].sme);
		if (cases[i].sme == TRI_UNKNOWN)
			CHECK(strstr(needs(&mr), "business_size") != NULL, "%s: needs %s",
			      cases[i].text, needs(&mr));
	}
	plan("株式会社あさひ印刷の者です。社内用に4冊。墨田区", &mr);
	CHECK_STR(ship_method_name(mr.method), "needs_info", "a bare company is asked its size");
}

/* Lists and forms: a label says what the bare value next to it is. */
static void test_labelled_entries(void)
{
	static const struct {
		const char *text;
		int copies;
		enum tri profit;
	} cases[] = {
	    {"部数：7\n用途：社内の勉強会", 7, TRI_NO},
	    {"【希望部数】　２箱\n【営利目的での利用】いいえ", 100, TRI_NO},
	    {"8. 部数　　 30\n10. 営利目的の有無　 有", 30, TRI_YES},
	    {"部数は未定です。営利目的の有無：無", -1, TRI_NO},
	    {"【希望部数】 4\n【営利目的での利用】\n", 4, TRI_UNKNOWN},
	    /* 「一部として」 is "as a part", not one copy; the count comes later. */
	    {"講習資料の一部として使います。80部ほど", 80, TRI_UNKNOWN},
	};
	struct material_request mr;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		material_extract(cases[i].text, &policy, &mr);
		CHECK(mr.copies == cases[i].copies, "%s: copies %d, want %d", cases[i].text,
		      mr.copies, cases[i].copies);
		CHECK(mr.for_profit == cases[i].profit, "%s: for profit %d, want %d", cases[i].text,
		      mr.for_profit, cases[i].profit);
	}
}

/* A paid use in any words; questions and hedges deny nothing. */
static void test_paid_use(void)
{
	static const struct {
		const char *text;
		enum tri profit;
	} cases[] = {
	    {"弊社主催の有料の経営者セミナー(参加費3,000円)で冊子を配りたい", TRI_YES},
	    {"受講料をいただく講習会で冊子を使ってもよろしいでしょうか。問題ありませんか", TRI_YES},
	    {"お客様向けの有料相談会でも冊子を使うかもしれません", TRI_YES},
	    {"研修は社内向けで、受講料はいただいておりません", TRI_NO},
	    {"販売や有料のイベントで冊子を使うことはございません", TRI_NO},
	    {"勉強会は参加無料で、冊子も無料でお配りします", TRI_NO},
	    /* Asking the price of the books names no use. */
	    {"ガイドブックは有料でしょうか。無料でしたら自分の勉強用に1冊ほしいです", TRI_NO},
	    /* 「社員は40名」 is the size of the business, not who reads the books. */
	    {"社員は40名ほどの会社です。冊子を1箱ください", TRI_UNKNOWN},
	    {"詳細は職員用管理画面でご確認ください。冊子を3冊", TRI_UNKNOWN},
	    {"社員用に冊子を3冊", TRI_NO},
	    {"営利目的:はい・いいえ(いいえに○)", TRI_NO},
	    /* An aside inside the words of the use. */
	    {"お店(洋菓子店)用に冊子を2冊ください", TRI_NO},
	};
	struct material_request mr;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		material_extract(cases[i].text, &policy, &mr);
		CHECK(mr.for_profit == cases[i].profit, "%s: for profit %d, want %d", cases[i].text,
		      mr.for_profit, cases[i].profit);
	}
}

/* Where the business is: its head office counts, wherever the books go. */
static void test_head_office(void)
{
	struct material_request mr;

	plan("当社は東京都千代田区に本社を置く運送会社(従業員70名)です。仙台営業所のスタッフ用に"
	     "8冊お願いします。社内で読みます。\n〒980-0021 宮城県仙台市青葉区中央9-9",
	     &mr);
	CHECK(mr.tokyo == TRI_YES, "a Tokyo head office (%d)", mr.tokyo);
	CHECK_STR(ship_method_name(mr.method), "mail_free", "branch of a Tokyo business");
	plan("本社は大阪市ですが、都内にも営業所があります。従業員50名。社内用に5冊。"
	     "〒530-0001 大阪府大阪市北区梅田9-9",
	     &mr);
	CHECK(mr.tokyo == TRI_NO, "a head office outside Tokyo (%d)", mr.tokyo);
}

/*
 * A filled-in form as the fax OCR writes it (lib/fax/form_read.c): the
 * page around the table, then the table's rows as "label：value" between
 * 【記入欄】 and 【記入欄ここまで】, options with ☑ on the one marked in ink.
 */
static void test_form_block(void)
{
	static const char head[] = "2027/02/03 16:40  FAX 03-5555-0178  P.01\n"
				   "セキュリティ冊子 お申込み用紙\n"
				   "※ 1〜10冊は無料で郵送します。\n";
	struct material_request mr;
	char text[1024];

	/* The box left empty: missing, not the 50 printed beside it, the date or the phone. */
	snprintf(text, sizeof(text), "%s【記入欄】\n会社名(屋号)：株式会社こだま工業\n"
		 "所在地：東京都江東区亀戸1-2-3\n従業員数：20名\n希望部数： 冊 (50冊以上は後納です)\n"
		 "営利目的での利用：□はい ☑いいえ\n【記入欄ここまで】\n", head);
	plan(text, &mr);
	CHECK(mr.copies == -1, "empty quantity box (%d)", mr.copies);
	CHECK_STR(ship_method_name(mr.method), "needs_info", "empty box asks");
	CHECK_STR(needs(&mr), "copies", "empty box asks for copies");

	snprintf(text, sizeof(text), "%s【記入欄】\n会社名：株式会社こだま工業\n所在地：江東区亀戸1-2-3\n"
		 "従業員数：20名\n希望部数：60 冊 (50冊以上は後納です)\n"
		 "営利目的での利用：□はい ☑いいえ\n受取方法：☑郵送 □来所\n【記入欄ここまで】\n", head);
	plan(text, &mr);
	CHECK(mr.copies == 60, "the box's number (%d)", mr.copies);
	CHECK_STR(packages(&mr), "box100x1", "60 in one box");
	CHECK(!mr.pickup, "郵送 marked");

	snprintf(text, sizeof(text), "%s【記入欄】\n会社名：株式会社こだま工業\n所在地：江東区亀戸1-2-3\n"
		 "従業員数：20名\n申込数量：2 箱\n営利目的での利用：□はい ☑いいえ\n"
		 "受取方法：□郵送 ☑来所\n【記入欄ここまで】\n", head);
	plan(text, &mr);
	CHECK(mr.copies == 100, "2 boxes (%d)", mr.copies);
	CHECK(mr.pickup, "来所 marked");

	/* The form's question is answered by its mark, whatever the page prints. */
	snprintf(text, sizeof(text), "%s営利目的での利用 はい Bova\n【記入欄】\n会社名：こだま商店\n"
		 "所在地：江東区亀戸1-2-3\n希望部数：8 冊\n営利目的での利用：☑はい □いいえ\n"
		 "【記入欄ここまで】\n", head);
	plan(text, &mr);
	CHECK(mr.for_profit == TRI_YES, "はい marked (%d)", mr.for_profit);
	CHECK_STR(ship_method_name(mr.method), "decline", "for-profit declined");
	snprintf(text, sizeof(text), "%s営利目的での利用 有料 あり\n【記入欄】\n営利目的の利用：□あり □なし\n"
		 "【記入欄ここまで】\n会社名 こだま商店 江東区亀戸1-2-3 8冊\n", head);
	plan(text, &mr);
	CHECK(mr.for_profit == TRI_UNKNOWN, "options printed, none marked (%d)", mr.for_profit);

	/* A label's note (屋号) is printed by the form, not said by the sender. */
	snprintf(text, sizeof(text), "%s【記入欄】\n事業者名(屋号)：\nお名前：山田 一\n"
		 "所在地：江東区亀戸1-2-3\n希望部数：3 冊\n利用目的：個人で読みます\n"
		 "【記入欄ここまで】\n", head);
	plan(text, &mr);
	CHECK(mr.sme == TRI_NO, "a private person on a form (%d)", mr.sme);
}

/* Forms and notices in other shapes than the desk's own. */
static void test_other_forms(void)
{
	struct material_request mr;

	/* Labels alone on their line, the value below, CRLF line ends. */
	plan("[業種]\r\nサービス業\r\n[従業員数]\r\n8名\r\n[所在地]\r\n〒164-0001 中野区中野9-9\r\n"
	     "[希望部数]\r\n6\r\n[利用目的]\r\n社内研修\r\n",
	     &mr);
	CHECK(mr.sme == TRI_YES, "employees below their label (%d)", mr.sme);
	CHECK_STR(ship_method_name(mr.method), "mail_free", "a block-layout application");
	/* What each one gets is not what is asked in all. */
	plan("各支店に2冊ずつ置きたいので、全部で40冊お願いします。", &mr);
	CHECK(mr.copies == 40, "N冊ずつ is per branch (%d)", mr.copies);
	/* Given to buyers of the sender's products: a paid use. */
	plan("当店でパソコンをお買い上げいただいたお客様に冊子を1冊ずつお渡ししたい。100冊", &mr);
	CHECK(mr.for_profit == TRI_YES, "a gift with a purchase (%d)", mr.for_profit);
	/* A question whose mark the reading lost answers nothing. */
	plan("【記入欄】\n営利目的:口はぃ思いいえ\n【記入欄ここまで】\n", &mr);
	CHECK(mr.for_profit == TRI_UNKNOWN, "unread mark (%d)", mr.for_profit);
	/* Printed industries: only the marked one. */
	plan("業種:□製造業 □建設業 □卸売業 ☑小売業 □サービス業\n従業員数 60名 資本金 9000万円\n", &mr);
	CHECK(mr.sme == TRI_NO, "the marked retail limits (%d)", mr.sme);
	plan("業種:□製造業 □建設業 □卸売業 □小売業 □サービス業\n従業員数 120名\n", &mr);
	CHECK(mr.sme == TRI_YES, "unmarked options decide no industry (%d)", mr.sme);
	/* A denial in the sentence after the request is about the books too. */
	plan("店のスタッフ用に4冊ください。お客様に売るつもりはありません。\n〒110-0001 台東区谷中9-9 ヤマダ文具店\n",
	     &mr);
	CHECK(mr.for_profit == TRI_NO, "a denial after the request (%d)", mr.for_profit);
	plan("ガイドブックを3冊お願いします。当社は事務機器を販売しております。\n", &mr);
	CHECK(mr.for_profit != TRI_YES, "the sender's trade is no use of the books (%d)", mr.for_profit);
	plan("冊子を5冊ください。勉強会で販売します。\n", &mr);
	CHECK(mr.for_profit == TRI_YES, "selling the books, said in the next sentence (%d)",
	      mr.for_profit);
	/* Readers named by their role, own study, and hand-outs without charge. */
	plan("各店舗の店長用に8冊お送りください。\n", &mr);
	CHECK(mr.for_profit == TRI_NO, "for the shop managers (%d)", mr.for_profit);
	plan("自分で読んで勉強したいので1冊お願いします。\n", &mr);
	CHECK(mr.for_profit == TRI_NO, "own study (%d)", mr.for_profit);
	plan("取引先に配る分として20冊。代金はいただきません。\n", &mr);
	CHECK(mr.for_profit == TRI_NO, "handed out free (%d)", mr.for_profit);
	/* A printed rule the OCR cut in two: its first half alone still says nothing of the sender. */
	plan("【ガイドブック】送付依頼書\n※ 送付の対象は都内の中小企業事業者の皆様です (個人の方、大企業、官公\n"
	     "※ 営利を目的とした利用 (転売、有料講座の教材など) はお受けできません\n庁等は対象外) 。\n"
	     "【記入欄】\n事業者名(屋号):品川ソフト開発合同会社\n郵便番号:140-0001\n従業員数:9名\n"
	     "希望部数:4 冊\n営利目的での利用:□はい ☑いいえ\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.sme == TRI_YES, "a rule's half is no size (%d)", mr.sme);
	CHECK_STR(ship_method_name(mr.method), "mail_free", "a form whose rule was cut in two");
	/* What each gets times how many get it; a number taken back by a later one. */
	plan("各営業所に3冊ずつ、4拠点分お願いします。社内研修用です。\n", &mr);
	CHECK(mr.copies == 12, "3冊ずつ for 4 places (%d)", mr.copies);
	plan("最初は30冊と考えていましたが、やはり6冊でお願いします。\n", &mr);
	CHECK(mr.copies == 6, "the number taken back (%d)", mr.copies);
	plan("第12冊の資料集と一緒に、ガイドブックを10冊ください。\n", &mr);
	CHECK(mr.copies == 10, "no count inside a longer number (%d)", mr.copies);
	/* A block layout's question answered on the next line. */
	plan("■利用目的\n社内の勉強会\n■営利目的での利用\nはい\n■希望冊数\n40\n", &mr);
	CHECK(mr.for_profit == TRI_YES, "はい below its question (%d)", mr.for_profit);
	/* A printed question whose はい option the OCR lost: its いいえ box still makes it the form's. */
	plan("ガイドブックを20冊\n営利目的での利用      Olt 。口いいえ\n", &mr);
	CHECK(mr.for_profit != TRI_YES, "an unmarked printed question asserts nothing (%d)",
	      mr.for_profit);
	/* A printed price list is the form's; a number with OCR specks before its unit is the answer. */
	plan("10冊まで : 無料郵送 11~49冊 : 来所または着払い\n希望部数   30    -   _ 冊\n", &mr);
	CHECK(mr.copies == 30, "30 - _ 冊 (%d)", mr.copies);
	/* A fax's OCR: the labelled quantity's unit misread, the staff label's first character lost. */
	plan("部数:10穫ーーー\n", &mr);
	CHECK(mr.copies == 10, "部数:10穫 (%d)", mr.copies);
	plan("部数は2024年度分です\n", &mr);
	CHECK(mr.copies != 2024, "a year is no misread unit (%d)", mr.copies);
	plan("業種:ゴム製品製造\n生業員数:40名\n", &mr);
	CHECK(mr.sme == TRI_YES, "生業員数 is 従業員数 (%d)", mr.sme);
	/* A rule's bound is no number asked for. */
	plan("料金について 56冊以上 : 要相談 (1箱56冊)\nご希望の部数 20部\n", &mr);
	CHECK(mr.copies == 20, "56冊以上 : is a bound (%d)", mr.copies);
	plan("20冊以上ほしいです。\n", &mr);
	CHECK(mr.copies == 20, "20冊以上ほしい asks for 20 (%d)", mr.copies);
	/* A fax's OCR reads the thousands comma as a point. */
	plan("当社の概要:電子部品の製造・販売、従業員数 3.200名 (単体) 、資本金 120億円。ガイドブックを50冊\n", &mr);
	CHECK(mr.sme == TRI_NO, "3.200名 is 3200 employees (%d)", mr.sme);
	/* A fax form's row holds the answer and the rules printed beside it: the
	 * rules go, the answer stays; a note line of rules goes whole. */
	plan("【記入欄】\n必要冊数：30冊 10冊まで:無料郵送 11~49冊:来所または着払い\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.copies == 30, "the answer beside the printed rules (%d)", mr.copies);
	plan("【記入欄】\n必要冊数：10冊まで:無料郵送 11~49冊:来所または着払い\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.copies == -1, "no answer beside the printed rules (%d)", mr.copies);
	plan("※送付の対象: 都内の中小企業 大企業は対象外\n", &mr);
	CHECK(mr.tokyo == TRI_UNKNOWN, "a note of rules says nothing of the sender (%d)", mr.tokyo);
	/* A labelled employee count may be the bare number; a count in a sentence needs its unit. */
	plan("[業種] 製造業\n[資本金] 5億円\n[従業員数] 280\n", &mr);
	CHECK(mr.sme == TRI_YES, "[従業員数] 280 (%d)", mr.sme);
	plan("製造業です。資本金は5億円、従業員は2026年に増えました。\n", &mr);
	CHECK(mr.sme != TRI_YES, "a year is no employee count (%d)", mr.sme);
	/* A fax form's answers are in its fields: the OCR's noise of the text printed above
	 * them asserts no use, and a ticked いいえ under a misread label still answers. */
	plan("FAXをお持ちでない方は中京都潮了申請を有料届ください\n【記入欄】\n"
	     "必要部数：50冊\n堂利目的での・利用：□はい ☑いいえ\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.for_profit == TRI_NO, "the ticked answer decides (%d)", mr.for_profit);
	plan("FAXをお持ちでない方は中京都潮了申請を有料届ください\n【記入欄】\n"
	     "必要部数：50冊\n営利目的での利用：□はい □いいえ\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.for_profit == TRI_UNKNOWN, "noise around the fields asserts nothing (%d)",
	      mr.for_profit);
	/* Free hand-outs said the other way round. */
	plan("顧問先の皆さまにお渡ししたいと考えています。お渡しは無料で、顧問料とは関係ありません。\n", &mr);
	CHECK(mr.for_profit == TRI_NO, "お渡しは無料 (%d)", mr.for_profit);
	/* The desk's own numbers, split by the OCR, are no requester's postal code. */
	plan("東京都中小企業サイバーセキュリティ相談窓口 TEL 03-9\n4\n320-4773 FAX 03-5388-1461\n"
	     "所在地：世田谷区代沢9-9\n",
	     &mr);
	CHECK(mr.tokyo == TRI_YES && strcmp(mr.postal_code.value, "320-4773") != 0,
	      "the desk's number split across lines (%d, %s)", mr.tokyo, mr.postal_code.value);
	/* A table layout's answer after a bar. */
	plan("営利目的での利用 | いいえ\n", &mr);
	CHECK(mr.for_profit == TRI_NO, "営利目的での利用 | いいえ (%d)", mr.for_profit);
	/* Mail keeps CRLF: a denial on the line after the request still denies. */
	plan("店に置いて見てもらうのに使いたいので、冊子を二十冊いただけますか。\r\n"
	     "売ったりはしません。\r\n取りにうかがえます。\r\n",
	     &mr);
	CHECK(mr.for_profit == TRI_NO, "a denial after CRLF (%d)", mr.for_profit);
	/* Full-width digits the OCR spaced out, one by one. */
	plan("弊社はゴム製品製造業で、資本金は 1 億円、従業員は 2 8 0名でございます。\n", &mr);
	CHECK(mr.sme == TRI_YES, "2 8 0名 is 280 employees (%d)", mr.sme);
	plan("小売業です。資本金 1 億円、従業員は 1 2 0名。\n", &mr);
	CHECK(mr.sme == TRI_NO, "1 2 0名 is 120 employees of a retailer (%d)", mr.sme);
	/* A misread postal code does not move a Tokyo address out of Tokyo. */
	plan("所在地:〒750-0043 渋谷区道玄坂9-9\n", &mr);
	CHECK(mr.tokyo == TRI_YES, "the place beats the postal code (%d)", mr.tokyo);
	/* No postal code read: the address field's answer, and a misread last character of
	 * a Tokyo city (町田市 read as 町田刻) still names it; another suffix does not. */
	plan("【記入欄】\n事業者名:町田機械工業株式会社\n郵便番号:Ja0o5\nご住所 ':町田刻恩生9-X-X\n"
	     "従業員数:60名\n希望部数:250 冊\n営利目的での利用:□はい ☑いいえ\n【記入欄ここまで】\n",
	     &mr);
	CHECK_STR(mr.address.value, "町田刻恩生9-X-X", "the labelled address");
	CHECK(mr.tokyo == TRI_YES, "a misread 町田市 (%d)", mr.tokyo);
	CHECK_STR(ship_method_name(mr.method), "deferred", "a form without a readable postal code");
	plan("【記入欄】\nご住所:大田市大田町9-9\n【記入欄ここまで】\n", &mr);
	CHECK(mr.tokyo != TRI_YES, "大田市 is not 大田区 (%d)", mr.tokyo);
	plan("【記入欄】\nご住所:日野町9-9\n【記入欄ここまで】\n", &mr);
	CHECK(mr.tokyo != TRI_YES, "日野町 is not 日野市 (%d)", mr.tokyo);
	plan("住所が変わりました。\n", &mr);
	CHECK(mr.address.value[0] == '\0', "no field, no address: %s", mr.address.value);
	/* Printed notes over two lines, and the desk's own number, say nothing of the sender. */
	plan("【ガイドブック】送付依頼書\n・本サービスは中小企業の方を対象としています。大企業、個人の方からのお申込みは\n"
	     "お受けできません。\n・転売、有料セミナーの教材など、営利を目的とするご利用はお断りしています。\n"
	     "東京都中小企業サイバーセキュリティ相談窓口 TEL 03-0000-0000\n"
	     "【記入欄】\n事業者名:みどり文具店\n所在地:〒116-0003 荒川区南千住9-9\n希望部数:4 冊\n"
	     "利用目的:店で読みます\n【記入欄ここまで】\n",
	     &mr);
	CHECK(mr.sme == TRI_YES && mr.for_profit == TRI_NO, "notes blanked: sme %d profit %d", mr.sme,
	      mr.for_profit);
	CHECK(mr.phone.value[0] == '\0', "the desk's number is not the sender's: %s", mr.phone.value);
	CHECK_STR(ship_method_name(mr.method), "mail_free", "form with notes");
}

int main(void)
{
	shipping_policy_default(&policy);
	policy.pdf_url = "https://example.jp/guidebook.pdf";
	test_numbers();
	test_copies();
	test_thresholds();
	test_form_block();
	test_fields();
	test_eligibility();
	test_needs_info();
	test_ocr_text();
	test_business_size();
	test_labelled_entries();
	test_paid_use();
	test_head_office();
	test_other_forms();
	return check_done();
}
