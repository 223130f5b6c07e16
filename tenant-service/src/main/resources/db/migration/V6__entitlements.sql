-- tenant-service's own copy of each organization's last known entitlement (from billing.entitlements.v1), so that it
-- can tell a real state change from a redelivery or a stale snapshot. Only consumers write it (system role, no RLS);
-- no foreign key, because billing may know an organization before this service does.
CREATE TABLE organization_entitlements (
    organization_id UUID        PRIMARY KEY,
    state           TEXT        NOT NULL CHECK (state IN ('TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELED')),
    version         BIGINT      NOT NULL CHECK (version >= 0),
    changed_at      TIMESTAMPTZ NOT NULL
);
