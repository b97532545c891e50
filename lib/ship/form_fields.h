/*
 * form_fields.h - what a filled-in request form answers, as the fax OCR
 * writes a form's rows (lib/fax/form_read.c): a block of "label：value"
 * lines between 【記入欄】 and 【記入欄ここまで】, options as
 * "□はい ☑いいえ" with ☑ on the option marked in ink.
 *
 * Internal to lib/ship: material_extract() calls it after reading the
 * whole text, so that the form's own answers decide what they answer.
 */
#ifndef MADOGUCHI_FORM_FIELDS_H
#define MADOGUCHI_FORM_FIELDS_H

#include "material.h"

/*
 * Blanks in T (normalised text) what the labels of the form block say
 * about what to write, such as the (屋号) of 事業者名（屋号）: printed by
 * the form, never the sender's words about themselves.
 */
void material_form_labels(char *t);

/*
 * Applies the answers of the form block in T (normalised text) to MR: the
 * quantity field alone gives the copies (an empty field: none, whatever
 * numbers the rest of the page prints), a marked option of the for-profit
 * question gives for_profit, a marked way of receiving gives the pick-up
 * wish. Nothing changes when T holds no block.
 */
void material_form_fields(const char *t, const struct shipping_policy *policy,
			  struct material_request *mr);

#endif
