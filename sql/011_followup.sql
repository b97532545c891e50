-- 011_followup: follow-ups joined without threading headers.
--
-- A mail with no In-Reply-To, References or case tag may still join a case
-- of the same sender with the same subject (the worker decides); the
-- message carries the mark, so staff see it and can split it out again.
ALTER TABLE case_messages
    ADD COLUMN joined_heuristically boolean NOT NULL DEFAULT false;
CREATE INDEX cases_requester_address ON cases (lower(requester_address));
