-- 021_status: madoctl status says whether the desk runs: when each mailbox
-- was last in step with its server (or why not), and which of the desk's
-- programs are alive, by the heartbeat each writes every few seconds.
CREATE TABLE mailbox_health (
    mailbox    text PRIMARY KEY,          -- the intake's key, as mailbox_state's
    name       text        NOT NULL,      -- as the configuration names it
    synced_at  timestamptz,               -- last time everything on the server was stored
    error      text,
    error_at   timestamptz
);

CREATE TABLE service_heartbeats (
    name        text PRIMARY KEY,         -- host:pid
    program     text        NOT NULL CHECK (program IN ('madoguchid', 'madoguchi-worker')),
    started_at  timestamptz NOT NULL DEFAULT now(),
    beat_at     timestamptz NOT NULL DEFAULT now(),
    stopped_at  timestamptz               -- a clean stop; a crash leaves it NULL and the beat old
);
