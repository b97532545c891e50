-- 006_triage: what classification decided, and whether staff confirmed it.
ALTER TABLE cases ADD COLUMN category_confirmed boolean NOT NULL DEFAULT false;
