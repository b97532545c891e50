-- 028_filing_lean: what filing a mail case paid for and did not need.
--
-- * A worker's batch (workers/ingest_batch.c) now sends the whole search
--   set, the subject's bigrams with the body's. The per-row trigger that
--   added the subject's was a third of the filing statement's time (a
--   PL/pgSQL call, a regular expression and a sort per case); it now runs
--   only for a row that comes without a set, which is every other way a
--   case is made (madoctl new, calls, faxes), so those are as before.
-- * search_bigrams_given() lower-cases the set in one call rather than
--   one per bigram: lower() maps character by character, and U+0001, the
--   separator, maps to itself.
-- * Three indexes were each the leading column of another that every
--   query reading them can use as well: cases_status (status comes first
--   in cases_status_list_order), cases_received (received_at comes first
--   in cases_stats) and case_messages_message_id (message_id comes first
--   in case_messages_dedup). Every case and message paid for an entry.
CREATE OR REPLACE FUNCTION search_bigrams_given(given text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT g COLLATE "C"), '{}')
    FROM unnest(string_to_array(lower(given), E'\x01')) g WHERE g <> ''
$$;

DROP TRIGGER cases_bigrams_insert ON cases;
CREATE TRIGGER cases_bigrams_insert BEFORE INSERT ON cases
    FOR EACH ROW WHEN (cardinality(NEW.bigrams) = 0)
    EXECUTE FUNCTION cases_bigrams_subject();

DROP INDEX cases_status;
DROP INDEX cases_received;
DROP INDEX case_messages_message_id;
