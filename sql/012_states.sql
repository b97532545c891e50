-- 012_states: who works on a case, and until when it waits for the requester.
--
-- new -> open (someone took it) -> waiting (the requester was asked, with a
-- reminder date) -> closed; reopen brings a closed case back. The owner is
-- a staff member's name as madoctl knows it (the OS user, or --as).
ALTER TABLE cases
    ADD COLUMN owner      text,
    ADD COLUMN wait_until date;
CREATE INDEX cases_owner ON cases (owner) WHERE owner IS NOT NULL;
