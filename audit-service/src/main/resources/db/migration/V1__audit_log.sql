-- Append-only audit trail of domain events (tool invocations and rollups come with their own migrations).
CREATE TABLE audit_log (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        TEXT        NOT NULL,
    organization_id UUID        NOT NULL,
    action          TEXT        NOT NULL,
    actor_type      TEXT,
    actor_id        TEXT,
    source          TEXT        NOT NULL,
    details         JSONB       NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_org_time_idx ON audit_log (organization_id, occurred_at DESC);
