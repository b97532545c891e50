-- 027_intake_lean: what the intake's statement maintained for every mail
-- and nothing reads.
--
-- * jobs_inbound: no statement finds a job by its inbound message (the
--   workers claim by id and state, madoctl lists by state); each stored
--   mail paid for an entry in it.
-- * inbound_messages_message_id: the intake looks for a stored copy by the
--   bytes' SHA-256 (inbound_messages_sha256) and checks the Message-ID on
--   the rows that finds; threading reads case_messages' Message-IDs.
-- * The foreign key of duplicate_of: the intake sets it in the statement
--   that finds the original, and inbound rows are never deleted (purge
--   empties them in place), so it could never fail; it cost a trigger
--   call for every stored mail.
DROP INDEX jobs_inbound;
DROP INDEX inbound_messages_message_id;
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_duplicate_of_fkey;
