-- 003_mail: what reading every mail properly needs.
--
-- * What became of each inbound message (a case, a follow-up, a robot's
--   answer, a duplicate, quarantine), for staff and for re-runs.
-- * Follow-ups join cases; a closed case may be linked to its successor.
-- * Attachments: metadata only; the raw message stays the authoritative
--   copy, and the part index finds the bytes again.

ALTER TABLE inbound_messages ADD COLUMN disposition text
    CHECK (disposition IN ('case', 'followup', 'autoreply', 'bounce', 'list', 'duplicate',
                           'quarantine', 'rejected'));

ALTER TABLE case_messages
    ADD COLUMN kind text NOT NULL DEFAULT 'request'
        CHECK (kind IN ('request', 'followup', 'bounce', 'ack', 'reply')),
    ADD COLUMN own_words text,
    ADD COLUMN body_sha256 bytea,
    ADD COLUMN in_reply_to text;
CREATE INDEX case_messages_dedup ON case_messages (message_id, body_sha256);

ALTER TABLE cases
    ADD COLUMN linked_case_id bigint REFERENCES cases (id),
    ADD COLUMN mailbox text;

CREATE TABLE attachments (
    id               bigserial PRIMARY KEY,
    case_message_id  bigint  NOT NULL REFERENCES case_messages (id),
    part             integer NOT NULL,
    filename         text    NOT NULL,
    content_type     text    NOT NULL,
    declared_type    text    NOT NULL,
    size             integer NOT NULL,
    sha256           bytea   NOT NULL
);
CREATE INDEX attachments_message ON attachments (case_message_id);

ALTER TABLE quarantine ADD COLUMN release_note text;
