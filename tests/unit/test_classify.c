/*
 * test_classify.c - the classifier's parts without a database: n-gram
 * features of Japanese text, and the softmax model's training, scoring,
 * explanation and storage.
 */
#include "buf.h"
#include "check.h"
#include "linmodel.h"
#include "textfeat.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t ngrams(const char *text, uint64_t **keys)
{
	return textfeat_ngrams(text, keys);
}

static int same_features(const char *a, const char *b)
{
	uint64_t *ka, *kb;
	size_t na = ngrams(a, &ka), nb = ngrams(b, &kb);
	int same = na == nb && (na == 0 || memcmp(ka, kb, na * sizeof(*ka)) == 0);

	free(ka);
	free(kb);
	return same;
}

static void test_features(void)
{
	uint32_t cps[64];
	uint64_t *keys;
	size_t n;
	char text[32];

	/* Blanks and punctuation carry no topic; full-width ASCII folds; case folds. */
	n = textfeat_codepoints("ＵＳＢ、 メモリ。", cps, 64);
	CHECK(n == 6 && cps[0] == 'u' && cps[1] == 's' && cps[2] == 'b' && cps[3] == 0x30E1,
	      "codepoints: %zu", n);
	CHECK(same_features("ＵＳＢメモリを紛失", "usbメモリを紛失"), "full width = ASCII");
	CHECK(same_features("ウイルス、感染！", "ウイルス感染"), "punctuation dropped");
	CHECK(!same_features("ウイルス感染", "ランサムウェア"), "different words differ");

	/* 4 characters: 4 unigrams, 3 bigrams, 2 trigrams, all different. */
	n = ngrams("ウイルス", &keys);
	CHECK(n == 9, "ウイルス: %zu n-grams", n);
	/* Keys are sorted and distinct. */
	for (size_t i = 1; i < n; i++)
		CHECK(keys[i - 1] < keys[i], "sorted and distinct at %zu", i);
	textfeat_key_text(keys[n - 1], text, sizeof(text));
	CHECK(strcmp(text, "ウイル") == 0, "the largest key is a trigram: %s", text);
	free(keys);

	/* A repeated word counts once. */
	n = ngrams("詐欺詐欺詐欺", &keys);
	CHECK(n == 6, "詐欺詐欺詐欺: %zu distinct n-grams (詐 欺 詐欺 欺詐 詐欺詐 欺詐欺)", n);
	free(keys);
	n = ngrams("詐欺", &keys);
	CHECK(n == 3, "詐欺: %zu", n);
	textfeat_key_text(keys[2], text, sizeof(text));
	CHECK(strcmp(text, "詐欺") == 0, "key text %s", text);
	free(keys);

	/* Nothing to read: no features, no allocation to free. */
	CHECK(ngrams("、。 \n", &keys) == 0 && keys == NULL, "only punctuation");
	/* Broken UTF-8 is skipped, not invented. */
	n = ngrams("\xE3\x81ウイルス\xFF", &keys);
	CHECK(n == 9, "broken bytes skipped: %zu", n);
	free(keys);
}

/* Three kinds of request, four examples each. */
static const struct {
	size_t label;
	const char *text;
} train_set[] = {
    {0, "パソコンがウイルスに感染したようです"},
    {0, "ウイルス対策ソフトが警告を出しています"},
    {0, "感染したパソコンをネットから外しました"},
    {0, "ウイルスに感染してファイルが開けません"},
    {1, "ガイドブックを五十冊送ってください"},
    {1, "冊子を社員研修用に送付してほしい"},
    {1, "ガイドブックの送付をお願いします"},
    {1, "冊子を十冊いただけますか"},
    {2, "取引先を名乗るメールで振込先が変わった"},
    {2, "請求書の振込先変更の連絡が来ました"},
    {2, "振込先が違う請求書のメールが届いた"},
    {2, "社長を名乗るメールで送金を指示された"},
};
#define NTRAIN (sizeof(train_set) / sizeof(train_set[0]))

static struct linmodel *train(uint64_t **keys)
{
	struct linmodel_doc docs[NTRAIN];
	struct linmodel_params p;

	for (size_t i = 0; i < NTRAIN; i++) {
		docs[i].nkeys = ngrams(train_set[i].text, &keys[i]);
		docs[i].keys = keys[i];
		docs[i].label = train_set[i].label;
		docs[i].weight = 1;
	}
	linmodel_params_default(&p);
	p.min_df = 1;
	return linmodel_train(docs, NTRAIN, 3, &p);
}

static size_t best(const struct linmodel *m, const char *text, double *scores)
{
	uint64_t *keys;
	size_t n = ngrams(text, &keys), top = 0;

	linmodel_scores(m, keys, n, scores);
	for (size_t c = 1; c < 3; c++)
		if (scores[c] > scores[top])
			top = c;
	free(keys);
	return top;
}

static void test_model(void)
{
	uint64_t *keys[NTRAIN], *k2[NTRAIN];
	struct linmodel *m = train(keys), *again = train(k2), *loaded;
	struct buf blob = BUF_INIT, blob2 = BUF_INIT;
	double s1[3], s2[3];
	size_t used = 0;

	CHECK(m != NULL && again != NULL, "trained");
	if (m == NULL || again == NULL)
		return;
	/* Unseen sentences land in the right class. */
	CHECK(best(m, "社内のパソコンがウイルスに感染", s1) == 0, "virus: %f %f %f", s1[0], s1[1], s1[2]);
	CHECK(best(m, "ガイドブックを送ってほしい", s1) == 1, "guidebook: %f %f %f", s1[0], s1[1], s1[2]);
	CHECK(best(m, "振込先が変わったという請求書", s1) == 2, "bec: %f %f %f", s1[0], s1[1], s1[2]);

	/* The same data trains the same model. */
	linmodel_save(m, &blob);
	linmodel_save(again, &blob2);
	CHECK(blob.len == blob2.len && memcmp(blob.data, blob2.data, blob.len) == 0, "deterministic");

	/* Stored and loaded, it scores identically. */
	loaded = linmodel_load((const unsigned char *)blob.data, blob.len, &used);
	CHECK(loaded != NULL && used == blob.len, "loaded %zu of %zu bytes", used, blob.len);
	if (loaded != NULL) {
		best(m, "ウイルスの警告", s1);
		best(loaded, "ウイルスの警告", s2);
		CHECK(memcmp(s1, s2, sizeof(s1)) == 0, "same scores after loading");
		CHECK(linmodel_features(loaded) == linmodel_features(m), "same features");
	}
	/* A cut or foreign blob is refused, not misread. */
	CHECK(linmodel_load((const unsigned char *)blob.data, blob.len / 2, NULL) == NULL, "cut blob");
	blob.data[0] ^= 1;
	CHECK(linmodel_load((const unsigned char *)blob.data, blob.len, NULL) == NULL, "bad magic");

	/* The explanation names what decided: 振込 speaks for class 2. */
	{
		uint64_t *k;
		size_t n = ngrams("振込先の変更", &k);
		struct linmodel_contrib top[5];
		size_t got = linmodel_explain(m, k, n, 2, top, 5);
		int found = 0;

		for (size_t i = 0; i < got; i++) {
			char text[16];

			textfeat_key_text(top[i].key, text, sizeof(text));
			found |= strstr("振込先", text) != NULL;
			CHECK(i == 0 || top[i - 1].value >= top[i].value, "best first");
		}
		CHECK(got > 0 && found, "explained by 振込先's n-grams (%zu)", got);
		free(k);
	}
	linmodel_free(m);
	linmodel_free(again);
	linmodel_free(loaded);
	for (size_t i = 0; i < NTRAIN; i++) {
		free(keys[i]);
		free(k2[i]);
	}
	buf_free(&blob);
	buf_free(&blob2);
}

int main(void)
{
	test_features();
	test_model();
	return check_done();
}
