-- 017_watch: madoctl watch asks every few seconds for the cases changed
-- lately, newest first; without this index each poll reads every case.
CREATE INDEX cases_updated ON cases (updated_at);
