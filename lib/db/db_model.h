/*
 * db_model.h - model versions: each `madoctl train` records one, and
 * workers rebuild their classifier when the newest one changes.
 */
#ifndef MADOGUCHI_DB_MODEL_H
#define MADOGUCHI_DB_MODEL_H

#include <libpq-fe.h>
#include <stdint.h>

/*
 * Records a new model version trained by TRAINED_BY on every case whose
 * category staff confirmed. Sets *ID to the new version and *CASES_USED
 * to how many cases it counts. 0 or -1.
 */
int model_version_add(PGconn *conn, const char *trained_by, int64_t *id, int64_t *cases_used)
    __attribute__((warn_unused_result));

#endif
