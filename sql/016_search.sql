-- 016_search: madoctl list --search on a million cases.
--
-- PostgreSQL has no bigram text search and pg_trgm needs three characters,
-- but the desk searches for two-character words (詐欺, 感染). Each case keeps
-- the set of character bigrams of its lower-cased texts (subject, every
-- message's text, every fax's OCR text), with a GIN index. A bigram is found
-- in the set exactly when a text holds it, so a two-character search needs
-- nothing else; a longer one is a prefilter that strpos on the texts
-- confirms; one character is a scan. tools/bench-cases measures it on a
-- million cases against the scan of every text it replaces.
--
-- The set lives on cases, not in a table of its own, so that the planner
-- sees one table and chooses between walking cases in list order (a common
-- word fills the first page at once) and the index (a rare one).

-- The bigrams of T, with repeats: two regular-expression passes over T, at
-- even and at odd offsets, cut it into pairs, and everything stays in C,
-- which is what makes a million cases take minutes rather than hours. U+0001
-- separates the pairs, so it is read as a space in T: a bigram with it
-- becomes one with a space on both sides of the comparison, never a missed
-- one. One expression, so that the planner inlines it.
CREATE FUNCTION search_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT array_remove(string_to_array(
        regexp_replace(substr(translate(t, E'\x01', ' '), 1, length(t) - length(t) % 2),
                       '(..)', E'\\1\x01', 'g') || E'\x01' ||
        regexp_replace(substr(translate(t, E'\x01', ' '), 2, (length(t) - 1) - (length(t) - 1) % 2),
                       '(..)', E'\\1\x01', 'g'),
        E'\x01'), '')
$$;

-- The distinct bigrams of a case's texts as they are now: SUBJ (passed in,
-- as a trigger may be changing it), every message's and every document's.
-- Sorted bytewise (COLLATE "C"): the order is never read, and strcoll would
-- be most of the cost.
CREATE FUNCTION case_bigrams(cid bigint, subj text) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT g COLLATE "C"), '{}')
    FROM (SELECT lower(subj) AS t
          UNION ALL SELECT lower(body_text) FROM case_messages WHERE case_id = cid
          UNION ALL SELECT lower(ocr_text) FROM case_documents
              WHERE case_id = cid AND ocr_text IS NOT NULL) x,
         unnest(search_bigrams(t)) g
$$;

ALTER TABLE cases ADD COLUMN bigrams text[] NOT NULL DEFAULT '{}';
-- lz4: a set is written with every new message, and pglz is slow at it.
ALTER TABLE cases ALTER COLUMN bigrams SET COMPRESSION lz4;
UPDATE cases SET bigrams = case_bigrams(id, subject);
CREATE INDEX cases_bigrams ON cases USING gin (bigrams);

-- Staff list cases urgent first, then the oldest: the whole list and each
-- status in that order, so a first page reads 50 index entries.
CREATE INDEX cases_list_order ON cases (urgent DESC, received_at, number);
CREATE INDEX cases_status_list_order ON cases (status, urgent DESC, received_at, number);

-- A case's own subject, before the row is written. A new subject is
-- recomputed with the rest: the old one's bigrams may be the messages' too.
CREATE FUNCTION cases_bigrams_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.bigrams := ARRAY(SELECT DISTINCT g COLLATE "C" FROM unnest(search_bigrams(lower(NEW.subject))) g);
    ELSE
        NEW.bigrams := case_bigrams(NEW.id, NEW.subject);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_bigrams_insert BEFORE INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_bigrams_subject();
CREATE TRIGGER cases_bigrams_subject BEFORE UPDATE OF subject ON cases
    FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject)
    EXECUTE FUNCTION cases_bigrams_subject();

-- New texts only add bigrams: merged into their cases' sets once per
-- statement (a bulk load is one UPDATE, not one per row). TG_ARGV[0] names
-- the text column of the table the trigger is on.
CREATE FUNCTION case_texts_bigrams_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'UPDATE cases c SET bigrams = (SELECT array_agg(DISTINCT g COLLATE "C")'
        ' FROM (SELECT unnest(c.bigrams) AS g UNION ALL SELECT unnest(n.grams)) x)'
        ' FROM (SELECT case_id, array_agg(DISTINCT g COLLATE "C") AS grams'
        '  FROM (SELECT case_id, unnest(search_bigrams(lower(%I))) AS g FROM new_texts) t'
        '  GROUP BY case_id) n'
        ' WHERE c.id = n.case_id', TG_ARGV[0]);
    RETURN NULL;
END $$;

-- A changed, moved (madoctl split) or deleted text may take bigrams away:
-- its cases are recomputed. Their rows are locked first, so that the
-- recomputation (a later statement, a later snapshot) sees every text
-- committed before it.
CREATE FUNCTION case_texts_bigrams_redo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT case_id) INTO ids FROM old_texts;
    ELSE
        EXECUTE format(
            'SELECT array_agg(DISTINCT x.id) FROM old_texts o JOIN new_texts n ON n.id = o.id,'
            ' LATERAL (VALUES (o.case_id), (n.case_id)) x (id)'
            ' WHERE o.case_id <> n.case_id OR o.%1$I IS DISTINCT FROM n.%1$I', TG_ARGV[0])
            INTO ids;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM 1 FROM cases WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
        UPDATE cases SET bigrams = case_bigrams(id, subject) WHERE id = ANY (ids);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER case_messages_bigrams_insert AFTER INSERT ON case_messages
    REFERENCING NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_add('body_text');
CREATE TRIGGER case_messages_bigrams_update AFTER UPDATE ON case_messages
    REFERENCING OLD TABLE AS old_texts NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_redo('body_text');
CREATE TRIGGER case_messages_bigrams_delete AFTER DELETE ON case_messages
    REFERENCING OLD TABLE AS old_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_redo('body_text');
CREATE TRIGGER case_documents_bigrams_insert AFTER INSERT ON case_documents
    REFERENCING NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_add('ocr_text');
CREATE TRIGGER case_documents_bigrams_update AFTER UPDATE ON case_documents
    REFERENCING OLD TABLE AS old_texts NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_redo('ocr_text');
CREATE TRIGGER case_documents_bigrams_delete AFTER DELETE ON case_documents
    REFERENCING OLD TABLE AS old_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_redo('ocr_text');
