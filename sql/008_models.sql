-- 008_models: trained classifiers, so that a worker or madoctl classify
-- loads one instead of training it again.
--
-- A model belongs to the knowledge base version and the model version
-- (madoctl train) it was trained under; whoever first needs one that is
-- missing trains and stores it.
CREATE TABLE classifier_models (
    kb_version     integer     NOT NULL,
    model_version  integer     NOT NULL,
    documents      integer     NOT NULL,
    features       integer     NOT NULL,
    data           bytea       NOT NULL,
    trained_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kb_version, model_version)
);
