-- 004_outbox: machine-made outbound mail (acknowledgements, notices).
--
-- A mail to send is written here in the transaction that decides it, and
-- sent afterwards: a crash between the two delays a mail, never loses it,
-- and a re-run job finds it queued already and queues nothing new.
CREATE TABLE outbox (
    id               bigserial PRIMARY KEY,
    case_id          bigint      NOT NULL REFERENCES cases (id),
    kind             text        NOT NULL CHECK (kind IN ('ack', 'notice', 'reply')),
    rcpt             text        NOT NULL,
    message_id       text        NOT NULL UNIQUE,
    raw              bytea       NOT NULL,
    state            text        NOT NULL DEFAULT 'queued'
                                 CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_ack_rate ON outbox (rcpt, created_at) WHERE kind = 'ack';
