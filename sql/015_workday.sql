-- 015_workday: what a staff member's day records on a case.
--
-- Referrals: triage suggests them (cases.triage->'referrals'); a row here
-- says what staff did with one: made (we told the requester), confirmed
-- (they reported back) or dismissed (it does not apply). A suggestion
-- without a row is still open, and closing waits for it.
CREATE TABLE case_referrals (
    case_id     bigint      NOT NULL REFERENCES cases (id),
    code        text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('made', 'confirmed', 'dismissed')),
    note        text,
    updated_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, code)
);

-- Merging: the same company often writes and faxes the same request. The
-- merged case keeps its number (which still resolves) and points here.
ALTER TABLE cases ADD COLUMN merged_into bigint REFERENCES cases (id);
ALTER TABLE cases ADD CONSTRAINT cases_no_self_merge CHECK (merged_into <> id);

-- Related cases, either way round (stored with a < b).
CREATE TABLE case_links (
    a           bigint      NOT NULL REFERENCES cases (id),
    b           bigint      NOT NULL REFERENCES cases (id),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX case_links_b ON case_links (b);

-- Staff replies: by mail through the outbox, or by fax as a printed
-- letter. A reply the SMTP server refused for good is 'failed' and shown
-- on the case; staff may cancel what is still queued.
ALTER TABLE outbox DROP CONSTRAINT outbox_state_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_state_check
    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled'));
ALTER TABLE outbox ADD COLUMN staff text;
CREATE INDEX outbox_failed ON outbox (case_id) WHERE state = 'failed';
ALTER TABLE case_messages ADD COLUMN via text CHECK (via IN ('mail', 'fax'));
ALTER TABLE case_messages ADD COLUMN author text;
