-- 020_stats_columns: madoctl stats counts a year's cases by a dozen keys,
-- three of which live in the triage document. Read from the heap, a year of
-- a million-case desk is a fifth of the table (each case carries its texts'
-- bigrams), every report. The triage's keys are kept as generated columns,
-- and one index holds every key the report counts by, so that a period's
-- cases are read from the index alone.
ALTER TABLE cases
    ADD COLUMN triage_kind text GENERATED ALWAYS AS (triage->>'kind') STORED,
    ADD COLUMN triage_referrals jsonb GENERATED ALWAYS AS (
        CASE WHEN jsonb_typeof(triage->'referrals') = 'array' THEN triage->'referrals' END) STORED,
    -- The guidebook plan at a glance: waiting for information, or its method.
    ADD COLUMN triage_plan text GENERATED ALWAYS AS (
        CASE WHEN jsonb_typeof(triage->'material_request') = 'object' THEN
            CASE WHEN jsonb_typeof(triage->'material_request'->'needs_info') <> 'array'
                 THEN coalesce(triage->'material_request'->>'method', 'unknown')
                 WHEN jsonb_array_length(triage->'material_request'->'needs_info') > 0 THEN 'needs_info'
                 ELSE coalesce(triage->'material_request'->>'method', 'unknown') END END) STORED,
    ADD COLUMN triage_decline_reason text GENERATED ALWAYS AS (
        CASE WHEN triage->'material_request'->>'method' = 'decline'
             THEN coalesce(triage->'material_request'->>'reason', '') END) STORED;

CREATE INDEX cases_stats ON cases (received_at)
    INCLUDE (id, merged_into, channel, category, category_confirmed, urgent, closed_at, resolution,
             caller_role, source, consulted_elsewhere, triage_kind, triage_plan,
             triage_decline_reason, triage_referrals);

-- What was open when a period began or ended, and what closed in it, from
-- the indexes alone.
DROP INDEX cases_open_received;
CREATE INDEX cases_open_received ON cases (received_at) INCLUDE (merged_into) WHERE closed_at IS NULL;
DROP INDEX cases_closed_at;
CREATE INDEX cases_closed_at ON cases (closed_at) INCLUDE (received_at, merged_into)
    WHERE closed_at IS NOT NULL;

-- Each case's first reply, and each staff member's replies in a period.
CREATE INDEX case_messages_first_reply ON case_messages (case_id, created_at)
    WHERE direction = 'out' AND kind = 'reply';
DROP INDEX case_messages_replies;
CREATE INDEX case_messages_replies ON case_messages (created_at) INCLUDE (author) WHERE kind = 'reply';
