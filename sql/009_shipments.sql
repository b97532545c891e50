-- 009_shipments: guidebook shipments and their checklists.
--
-- A shipment is planned from a case's guidebook request (the triage's
-- material_request) or by staff overriding it with a reason. Its steps are
-- the manual's checklist for the method, done in order, each with who and
-- when. At most one shipment per case is in force; a cancelled one stays
-- for the record.
CREATE TABLE shipments (
    id               bigserial   PRIMARY KEY,
    case_id          bigint      NOT NULL REFERENCES cases (id),
    method           text        NOT NULL CHECK (method IN ('mail_free', 'pickup_or_cod', 'deferred')),
    copies           integer     NOT NULL CHECK (copies > 0),
    packages         jsonb       NOT NULL,
    request          jsonb       NOT NULL,  -- the material_request it was planned from
    override_reason  text,                  -- set when staff changed method or copies
    state            text        NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    closed_by        text,
    closed_at        timestamptz,
    cancel_reason    text
);
CREATE UNIQUE INDEX shipments_in_force ON shipments (case_id) WHERE state <> 'cancelled';

CREATE TABLE shipment_steps (
    shipment_id  bigint      NOT NULL REFERENCES shipments (id),
    seq          integer     NOT NULL,
    step         text        NOT NULL,
    label_ja     text        NOT NULL,
    done_by      text,
    done_at      timestamptz,
    note         text,
    PRIMARY KEY (shipment_id, seq)
);
