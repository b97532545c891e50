-- 006_triage: what classification decided, and whether staff confirmed it.
ALTER TABLE cases ADD COLUMN category_confirmed boolean NOT NULL DEFAULT false;
-- The classifier's whole answer (kind, confidence, alternatives, referrals,
-- answers), as madoctl classify --json prints it, kept with the case.
ALTER TABLE cases ADD COLUMN triage jsonb;
-- Training: madoctl train records a model version; workers rebuild their
-- classifier when the newest one changes (or the knowledge base does).
CREATE TABLE model_versions (
    id          serial PRIMARY KEY,
    trained_by  text        NOT NULL,
    trained_at  timestamptz NOT NULL DEFAULT now(),
    cases_used  integer     NOT NULL
);
