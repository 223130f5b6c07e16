-- The audit log for volume: one row per tool call (ToolInvoked and UsageRecorded of one call share the row, keyed by
-- the invocationId) or per domain event (keyed by its CloudEvents id), range-partitioned by month of the event's own
-- time, so that retention drops whole partitions instead of deleting rows. Usage rollups are maintained in the same
-- statement as the rows they count (see AuditLogRepository), percentiles are refreshed from the raw log.

ALTER TABLE audit_log RENAME TO audit_log_v1;
ALTER INDEX audit_log_org_time_idx RENAME TO audit_log_v1_org_time_idx;

CREATE TABLE audit_log (
    -- the idempotency key: invocationId of a tool call, CloudEvents id of a domain event. Keys and names compare
    -- byte-wise (COLLATE "C"): several times cheaper in every index than the database's linguistic collation, and the
    -- order of the search cursor is then the plain code-point order
    entry_id        TEXT COLLATE "C" NOT NULL,
    -- the event's own time (a call's start); the partition key, so part of every unique key
    occurred_at     TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    organization_id UUID        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('TOOL_CALL', 'DOMAIN_EVENT')),
    -- the tool's name or the event's type
    action          TEXT COLLATE "C" NOT NULL,
    actor_type      TEXT,
    actor_id        TEXT,
    key_id          UUID,
    outcome         TEXT CHECK (outcome IN ('SUCCESS', 'ERROR', 'REFUSED')),
    error_type      TEXT,
    error_message   TEXT,
    latency_ms      INTEGER,
    source          TEXT        NOT NULL,
    -- CloudEvents id of the record that wrote the row (for a tool call: the ToolInvoked once it has arrived)
    event_id        TEXT        NOT NULL,
    correlation_id  TEXT,
    causation_id    TEXT,
    trace_id        TEXT,
    mcp_session_id  TEXT,
    -- tool calls: redacted arguments and transport details; domain events: the event's data. json, not jsonb: the
    -- log is written at volume and read a page at a time, never queried inside details, and json only validates
    details         JSON,
    -- false while a tool call is known only from its metering record (UsageRecorded); its ToolInvoked completes it
    complete        BOOLEAN     NOT NULL,
    PRIMARY KEY (entry_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- search: one organization, newest first, cursor on (occurred_at, entry_id); with a tool/action or a key filter
CREATE INDEX audit_log_org_time_idx ON audit_log (organization_id, occurred_at DESC, entry_id DESC);
CREATE INDEX audit_log_org_action_time_idx ON audit_log (organization_id, action, occurred_at DESC, entry_id DESC);
CREATE INDEX audit_log_org_key_time_idx ON audit_log (organization_id, key_id, occurred_at DESC, entry_id DESC)
    WHERE key_id IS NOT NULL;

-- One month's partition, created if missing (start-up, the daily maintenance, and on demand for an event of a month
-- that has none yet). Bounds are UTC months whatever the session's time zone.
CREATE FUNCTION ensure_audit_log_partition(month_start DATE) RETURNS TEXT
    LANGUAGE plpgsql AS $$
DECLARE
    first_day DATE := date_trunc('month', month_start)::date;
    name      TEXT := 'audit_log_p' || to_char(first_day, 'YYYY_MM');
BEGIN
    -- replicas may run this at the same time; CREATE ... IF NOT EXISTS alone is not safe against that
    PERFORM pg_advisory_xact_lock(hashtext('audit.audit_log partitions'));
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.audit_log FOR VALUES FROM (%L) TO (%L)',
                   '${flyway:defaultSchema}', name, '${flyway:defaultSchema}',
                   first_day::text || ' 00:00:00+00', (first_day + interval '1 month')::date::text || ' 00:00:00+00');
    RETURN name;
END
$$;
REVOKE ALL ON FUNCTION ensure_audit_log_partition(DATE) FROM PUBLIC;

-- the months of the rows kept from V1, then the rows themselves
SELECT ensure_audit_log_partition(m)
FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS m FROM audit_log_v1) months;

INSERT INTO audit_log (entry_id, occurred_at, received_at, organization_id, kind, action, actor_type, actor_id, source,
                       event_id, details, complete)
SELECT event_id, occurred_at, received_at, organization_id, 'DOMAIN_EVENT', action, actor_type, actor_id, source,
       event_id, details::json, true
FROM audit_log_v1
ON CONFLICT DO NOTHING;

DROP TABLE audit_log_v1;
-- duplicates of domain events are now refused by the log's own key; the old claims are not needed any more
DELETE FROM processed_events WHERE consumer = 'audit-log';

-- Usage per organization, UTC day and tool; tool '*' is the organization's day over all tools. Counts are exact
-- (incremented only for rows newly inserted into the log); p50/p95 come from the raw log (percentile_cont) and are
-- recomputed when latency_stale is set.
CREATE TABLE usage_daily (
    organization_id UUID    NOT NULL,
    day             DATE    NOT NULL,
    tool            TEXT COLLATE "C" NOT NULL,
    requests        BIGINT  NOT NULL,
    errors          BIGINT  NOT NULL,
    refused         BIGINT  NOT NULL,
    latency_sum_ms  BIGINT  NOT NULL,
    p50_ms          DOUBLE PRECISION,
    p95_ms          DOUBLE PRECISION,
    latency_stale   BOOLEAN NOT NULL DEFAULT true,
    PRIMARY KEY (organization_id, day, tool)
);
CREATE INDEX usage_daily_stale_idx ON usage_daily (day DESC) WHERE latency_stale;

-- The latest listing count of each organization (from ListingCountSynced).
CREATE TABLE listing_counts (
    organization_id UUID        PRIMARY KEY,
    active_listings INTEGER     NOT NULL,
    total_listings  INTEGER     NOT NULL,
    run_id          UUID        NOT NULL,
    synced_at       TIMESTAMPTZ NOT NULL
);

-- Row-level security for the internal API: its transactions switch to audit_reader (SET LOCAL ROLE) and set
-- app.organization_id; audit_reader reads through the parent tables only (partitions are not granted) and cannot
-- bypass the policies. Ingestion and maintenance keep the service's own role, which owns the tables.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'audit_reader') THEN
        CREATE ROLE audit_reader NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    END IF;
END
$$;
GRANT audit_reader TO CURRENT_USER;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO audit_reader;
GRANT SELECT ON audit_log, usage_daily, listing_counts TO audit_reader;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE listing_counts ENABLE ROW LEVEL SECURITY;

CREATE POLICY organization_isolation ON audit_log TO audit_reader
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
CREATE POLICY organization_isolation ON usage_daily TO audit_reader
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
CREATE POLICY organization_isolation ON listing_counts TO audit_reader
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
