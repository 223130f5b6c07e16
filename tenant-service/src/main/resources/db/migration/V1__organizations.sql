-- Organizations (tenants). The owner's OIDC subject makes "create or get my organization" idempotent; members and
-- credentials get their own tables.
CREATE TABLE organizations (
    id            UUID        PRIMARY KEY,
    name          TEXT        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    owner_subject TEXT        NOT NULL UNIQUE CHECK (length(owner_subject) BETWEEN 1 AND 255),
    -- increases with every change of the organization's published state, so consumers can drop stale snapshots
    version       BIGINT      NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
