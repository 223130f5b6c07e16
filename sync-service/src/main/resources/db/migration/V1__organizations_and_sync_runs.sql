-- Projection of tenant.organizations.v1: which organizations to sync and with which (encrypted) credentials, plus the
-- daily-schedule guard. Only the latest snapshot per organization is kept (highest version wins).
CREATE TABLE organizations (
    organization_id          UUID        PRIMARY KEY,
    version                  BIGINT      NOT NULL CHECK (version >= 0),
    deleted                  BOOLEAN     NOT NULL,
    hostaway_status          TEXT        NOT NULL CHECK (hostaway_status IN ('NOT_CONNECTED', 'CONNECTED', 'INVALID')),
    account_id               TEXT        CHECK (account_id ~ '^[0-9]{1,20}$'),
    -- base64 Tink ciphertext of the secret (organization id as associated data); kept only while CONNECTED
    encrypted_credentials    TEXT,
    connected_at             TIMESTAMPTZ,
    projected_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the UTC day of the last scheduled run planned for this organization: set in the same statement that claims the
    -- row (FOR UPDATE SKIP LOCKED), so concurrent planners (replicas) plan each organization at most once a day
    last_scheduled_sync_date DATE,
    CHECK (hostaway_status = 'CONNECTED' OR encrypted_credentials IS NULL),
    CHECK (deleted OR hostaway_status <> 'CONNECTED' OR (account_id IS NOT NULL AND encrypted_credentials IS NOT NULL))
);

-- the planner's scan: connected organizations not yet planned today
CREATE INDEX organizations_due_idx ON organizations (last_scheduled_sync_date)
    WHERE hostaway_status = 'CONNECTED' AND NOT deleted;

-- One row per sync run: queued (PENDING), claimed by a worker (RUNNING, with a lease), then FINISHED with an outcome.
CREATE TABLE sync_runs (
    run_id           UUID        PRIMARY KEY,
    organization_id  UUID        NOT NULL,
    trigger          TEXT        NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND', 'CREDENTIALS_CONNECTED')),
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'FINISHED')),
    -- 0 = someone is waiting (Sync Now, new credentials), 1 = the nightly batch; lower runs first
    priority         SMALLINT    NOT NULL CHECK (priority IN (0, 1)),
    requested_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Sync Now waits a moment so that several requests arriving together share one run
    not_before       TIMESTAMPTZ NOT NULL DEFAULT now(),
    planned_by       TEXT,
    claimed_by       TEXT,
    claimed_until    TIMESTAMPTZ,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    account_id       TEXT,
    outcome          TEXT        CHECK (outcome IN ('SUCCEEDED', 'CREDENTIALS_REJECTED', 'FAILED')),
    reason           TEXT        CHECK (length(reason) <= 1000),
    active_listings  INTEGER     CHECK (active_listings >= 0),
    total_listings   INTEGER     CHECK (total_listings >= 0),
    duration_ms      BIGINT      CHECK (duration_ms >= 0),
    CHECK ((status = 'FINISHED') = (outcome IS NOT NULL)),
    CHECK (status <> 'RUNNING' OR (claimed_by IS NOT NULL AND claimed_until IS NOT NULL AND started_at IS NOT NULL)),
    CHECK (outcome IS DISTINCT FROM 'SUCCEEDED' OR (active_listings IS NOT NULL AND total_listings IS NOT NULL
        AND active_listings <= total_listings))
);

-- at most one queued run per organization: later triggers join it (coalescing) instead of queueing another
CREATE UNIQUE INDEX sync_runs_one_pending_idx ON sync_runs (organization_id) WHERE status = 'PENDING';
-- at most one run per organization talks to Hostaway at a time
CREATE UNIQUE INDEX sync_runs_one_running_idx ON sync_runs (organization_id) WHERE status = 'RUNNING';
-- the workers' queue scan
CREATE INDEX sync_runs_queue_idx ON sync_runs (priority, not_before) WHERE status = 'PENDING';
-- the run history of an organization, newest first
CREATE INDEX sync_runs_history_idx ON sync_runs (organization_id, requested_at DESC);

-- Sync Now requests (SyncRequested.requestId) and the run that served them: a request id is recorded once, so a
-- request delivered again (even as a new event) joins nothing twice, and the dashboard finds its run by request id.
CREATE TABLE sync_requests (
    request_id      UUID        PRIMARY KEY,
    run_id          UUID        NOT NULL REFERENCES sync_runs (run_id),
    organization_id UUID        NOT NULL,
    requested_by    TEXT        NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 255),
    requested_at    TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX sync_requests_run_idx ON sync_requests (run_id);
