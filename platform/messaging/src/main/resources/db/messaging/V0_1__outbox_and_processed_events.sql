-- Messaging tables every data-owning service has in its own schema (Flyway runs this with the service's schema
-- as the default, from the shared location db/messaging, before the service's own V1).

-- Transactional outbox: rows are written in the same transaction as the state change and relayed to Kafka after
-- the commit, in id order. payload NULL is a tombstone for a compacted topic.
CREATE TABLE outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL CHECK (length(topic) BETWEEN 1 AND 249),
    message_key  TEXT        NOT NULL,
    event_type   TEXT,
    payload      TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    CHECK ((payload IS NULL) = (event_type IS NULL))
);

-- the relay's scan: only unsent rows, in id order
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE published_at IS NULL;
-- the purge of sent rows past the retention
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumers: the CloudEvents id of every applied event, claimed in the transaction of its effect.
CREATE TABLE processed_events (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
