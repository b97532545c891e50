-- 025_search_given: a batch of new cases brings its messages' bigrams.
--
-- Keeping the search set (016_search) cost a new mail case more than all
-- else the database does for it: search_bigrams() runs two regular
-- expressions over the body and sorts every pair. A worker filing a batch
-- (workers/ingest_batch.c) counts the distinct pairs of each body in C
-- (lib/core/bigram.c) and sends them; here each is lower-cased, which
-- gives exactly the pairs of the lower-cased text, since lower() maps one
-- character at a time. Such messages are marked in_search_set, and the
-- statement trigger leaves them out. Everything else is as before.
ALTER TABLE case_messages ADD COLUMN in_search_set boolean NOT NULL DEFAULT false;

-- The lower-cased, distinct set of the bigrams GIVEN (separated by U+0001).
CREATE FUNCTION search_bigrams_given(given text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT lower(g) COLLATE "C"), '{}')
    FROM unnest(string_to_array(given, E'\x01')) g WHERE g <> ''
$$;

-- A new case's set: its subject's bigrams, and any it was given.
CREATE OR REPLACE FUNCTION cases_bigrams_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.bigrams := ARRAY(SELECT DISTINCT g COLLATE "C"
                             FROM unnest(search_bigrams(lower(NEW.subject)) || NEW.bigrams) g);
    ELSE
        NEW.bigrams := case_bigrams(NEW.id, NEW.subject);
    END IF;
    RETURN NEW;
END $$;

-- TG_ARGV[1], when given, names a boolean column: rows where it is true
-- are in their case's set already.
CREATE OR REPLACE FUNCTION case_texts_bigrams_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'UPDATE cases c SET bigrams = (SELECT array_agg(DISTINCT g COLLATE "C")'
        ' FROM (SELECT unnest(c.bigrams) AS g UNION ALL SELECT unnest(n.grams)) x)'
        ' FROM (SELECT case_id, array_agg(DISTINCT g COLLATE "C") AS grams'
        '  FROM (SELECT case_id, unnest(search_bigrams(lower(%I))) AS g FROM new_texts'
        '   WHERE %s) t'
        '  GROUP BY case_id) n'
        ' WHERE c.id = n.case_id', TG_ARGV[0],
        CASE WHEN TG_NARGS > 1 THEN format('NOT %I', TG_ARGV[1]) ELSE 'true' END);
    RETURN NULL;
END $$;

DROP TRIGGER case_messages_bigrams_insert ON case_messages;
CREATE TRIGGER case_messages_bigrams_insert AFTER INSERT ON case_messages
    REFERENCING NEW TABLE AS new_texts
    FOR EACH STATEMENT EXECUTE FUNCTION case_texts_bigrams_add('body_text', 'in_search_set');

-- A mail's texts are written once and read often: lz4 compresses them in a
-- fraction of pglz's time (pglz was a tenth of the database's work filing).
ALTER TABLE case_messages ALTER COLUMN body_text SET COMPRESSION lz4,
    ALTER COLUMN own_words SET COMPRESSION lz4;
