-- 002_intake: what trustworthy intake needs.
--
-- * Content identity: the SHA-256 of the raw bytes, so a message seen again
--   (a changed UIDVALIDITY, the same mail in two mailboxes, a resend by a
--   broken client) is recorded once; later copies point at the first.
-- * Per-mailbox UIDVALIDITY, to notice and log a resync.
-- * Quarantine: raw bytes kept with the reason they were not filed.
-- * Faxes: documents that arrive from the spool rather than IMAP.

ALTER TABLE inbound_messages
    ADD COLUMN channel      text    NOT NULL DEFAULT 'mail' CHECK (channel IN ('mail', 'fax')),
    ADD COLUMN raw_sha256   bytea,
    ADD COLUMN duplicate_of bigint  REFERENCES inbound_messages (id),
    ADD COLUMN truncated    boolean NOT NULL DEFAULT false,
    ADD COLUMN spool_name   text,
    ADD COLUMN content_type text    NOT NULL DEFAULT 'message/rfc822',
    ADD COLUMN meta         jsonb   NOT NULL DEFAULT '{}'::jsonb,
    ALTER COLUMN uidvalidity DROP NOT NULL,
    ALTER COLUMN uid DROP NOT NULL;
UPDATE inbound_messages SET raw_sha256 = sha256(raw) WHERE raw_sha256 IS NULL;
ALTER TABLE inbound_messages ALTER COLUMN raw_sha256 SET NOT NULL;
CREATE INDEX inbound_messages_sha256 ON inbound_messages (raw_sha256) WHERE duplicate_of IS NULL;
-- A spooled fax is identified by its file name (and the time the fax server
-- wrote it) within its spool, as a mail is by its UID within its mailbox.
CREATE UNIQUE INDEX inbound_messages_spool ON inbound_messages (mailbox, spool_name)
    WHERE spool_name IS NOT NULL;
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_origin
    CHECK ((uid IS NOT NULL AND uidvalidity IS NOT NULL) OR spool_name IS NOT NULL);

CREATE TABLE mailbox_state (
    mailbox      text PRIMARY KEY,
    uidvalidity  bigint      NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    resyncs      integer     NOT NULL DEFAULT 0
);

CREATE TABLE quarantine (
    id           bigserial PRIMARY KEY,
    inbound_id   bigint      NOT NULL UNIQUE REFERENCES inbound_messages (id),
    reason       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    released_at  timestamptz,
    released_by  text
);

-- Jobs are also made for faxes; 'dead' jobs keep their last error for madoctl jobs.
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('ingest', 'ingest_fax'));
CREATE INDEX jobs_dead ON jobs (id) WHERE state = 'dead';

-- Fax facts kept with the case: sender number and CSID from the fax server,
-- and whether OCR could read it (else staff read the image).
ALTER TABLE cases
    ADD COLUMN fax_number   text,
    ADD COLUMN fax_csid     text,
    ADD COLUMN needs_manual_reading boolean NOT NULL DEFAULT false;

CREATE TABLE case_documents (
    id            bigserial PRIMARY KEY,
    case_id       bigint      NOT NULL REFERENCES cases (id),
    inbound_id    bigint      REFERENCES inbound_messages (id),
    kind          text        NOT NULL CHECK (kind IN ('fax_image', 'attachment')),
    content_type  text        NOT NULL,
    filename      text,
    size          integer     NOT NULL,
    sha256        bytea       NOT NULL,
    pages         integer,
    ocr_text      text,
    ocr_confidence integer,
    ocr_error     text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_documents_case ON case_documents (case_id);
