/*
 * shipment.c - the checklists of the manual's 資料送付 procedure.
 */
#include "shipment.h"

static const struct shipment_step deferred[] = {
    {"destination", "送り先確認"},
    {"label", "送り状作成"},
    {"request_form", "郵送依頼票(数量・サイズを備考に、単価なし)"},
    {"deferred_slip", "料金後納郵便物差出票(2部作成・押印)"},
    {"bizcard", "郵便ビズカード借用(管理)"},
    {"post_office", "郵便局へ差出(差出票1部返却)"},
    {"receipt", "後納郵便物等取扱表受領"},
    {"admin", "管理へ提出(依頼票・差出票・取扱表)"},
    {"keep", "控え保管(依頼者FAX・送り状控え)"},
};

/* Free mail: no deferred slip, no business card, no handling list. */
static const struct shipment_step mail_free[] = {
    {"destination", "送り先確認(FAX)"},
    {"label", "送り状作成"},
    {"request_form", "郵送依頼票(数量・サイズを備考に、単価なし)"},
    {"post_office", "郵便局へ差出"},
    {"admin", "管理へ提出(依頼票)"},
    {"keep", "控え保管(依頼者FAX・送り状控え)"},
};

/* Pick-up at the desk, or a parcel paid on delivery when the requester cannot come. */
static const struct shipment_step pickup_or_cod[] = {
    {"destination", "受取方法・送り先確認(来所または着払い)"},
    {"label", "着払い送り状作成(来所の場合は受領書)"},
    {"post_office", "郵便局へ差出または窓口で手渡し"},
    {"keep", "控え保管"},
};

const struct shipment_step *shipment_steps(enum ship_method method, size_t *n)
{
	switch (method) {
	case SHIP_DEFERRED:
		*n = sizeof(deferred) / sizeof(deferred[0]);
		return deferred;
	case SHIP_MAIL_FREE:
		*n = sizeof(mail_free) / sizeof(mail_free[0]);
		return mail_free;
	case SHIP_PICKUP_OR_COD:
		*n = sizeof(pickup_or_cod) / sizeof(pickup_or_cod[0]);
		return pickup_or_cod;
	case SHIP_UNKNOWN:
	case SHIP_NEEDS_INFO:
	case SHIP_DECLINE:
		break;
	}
	*n = 0;
	return NULL;
}
