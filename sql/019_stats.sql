-- 019_stats: madoctl stats asks what was open when a period began and
-- ended, what closed in it, and who did what in it; on a desk of a million
-- cases none of that may read the whole table.
CREATE INDEX cases_open_received ON cases (received_at) WHERE closed_at IS NULL;
CREATE INDEX cases_closed_at ON cases (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX case_messages_replies ON case_messages (created_at) WHERE kind = 'reply';
