-- 022_purge: madoctl purge keeps the desk's numbers and lets go of what
-- identifies people, once cases have been closed long enough. A requester
-- becomes a pseudonym: the same person, the same pseudonym, in every case,
-- and not to be guessed from their address (a secret of this database
-- goes into it).
CREATE TABLE purge_secret (secret bytea NOT NULL);
INSERT INTO purge_secret
SELECT decode(md5(random()::text || clock_timestamp()::text), 'hex')
       || decode(md5(random()::text || pg_backend_pid()::text), 'hex');

CREATE FUNCTION pseudonym(who text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN who IS NULL OR who = '' THEN who
                ELSE 'p-' || left(encode(sha256((SELECT secret FROM purge_secret)
                                                || convert_to(lower(who), 'UTF8')), 'hex'), 12) END
$$;

ALTER TABLE cases ADD COLUMN purged_at timestamptz;
CREATE INDEX cases_closed_unpurged ON cases (closed_at) WHERE purged_at IS NULL AND closed_at IS NOT NULL;
