-- 013_notes: staff's internal notes on a case. They live apart from the
-- case's messages so that nothing that mails a case's thread can ever
-- send one.
CREATE TABLE case_notes (
    id          bigserial   PRIMARY KEY,
    case_id     bigint      NOT NULL REFERENCES cases (id),
    author      text        NOT NULL,
    body        text        NOT NULL CHECK (body <> ''),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);
