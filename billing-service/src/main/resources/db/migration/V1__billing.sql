-- billing-service's own tables (the outbox and processed_events come first, from db/messaging).

-- One billing account per organization, opened with its trial when tenant-service reports the organization created.
-- The Stripe customer is created lazily, at the first checkout.
CREATE TABLE accounts (
    organization_id    UUID        PRIMARY KEY,
    stripe_customer_id TEXT        UNIQUE CHECK (stripe_customer_id ~ '^cus_[A-Za-z0-9_]+$'),
    trial_ends_at      TIMESTAMPTZ NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The entitlement the gateway enforces; every change bumps version and is published through the outbox.
CREATE TABLE entitlements (
    organization_id      UUID        PRIMARY KEY REFERENCES accounts (organization_id),
    state                TEXT        NOT NULL CHECK (state IN ('TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELED')),
    mcp_access           BOOLEAN     NOT NULL,
    reason               TEXT        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    valid_until          TIMESTAMPTZ,
    version              BIGINT      NOT NULL CHECK (version >= 1),
    changed_at           TIMESTAMPTZ NOT NULL,
    -- 'created' (epoch seconds) of the newest Stripe event that decided the state: an older event decides nothing
    stripe_event_created BIGINT
);

-- the deadline job's scan: trials and grace periods that may have run out
CREATE INDEX entitlements_deadline_idx ON entitlements (valid_until) WHERE state IN ('TRIAL', 'PAST_DUE', 'ACTIVE');

-- Stripe subscriptions as last reported by Stripe (webhooks, or our own API calls' answers).
CREATE TABLE subscriptions (
    subscription_id      TEXT        PRIMARY KEY CHECK (subscription_id ~ '^sub_[A-Za-z0-9_]+$'),
    organization_id      UUID        NOT NULL REFERENCES accounts (organization_id),
    customer_id          TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    item_id              TEXT,
    price_id             TEXT,
    quantity             BIGINT      NOT NULL CHECK (quantity >= 0),
    cancel_at_period_end BOOLEAN     NOT NULL,
    current_period_end   TIMESTAMPTZ,
    canceled_at          TIMESTAMPTZ,
    stripe_created       TIMESTAMPTZ NOT NULL,
    -- 'created' (epoch seconds) of the Stripe event this row reflects; older events are not applied
    state_as_of          BIGINT      NOT NULL,
    started_published    BOOLEAN     NOT NULL DEFAULT false,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX subscriptions_organization_idx ON subscriptions (organization_id, stripe_created DESC);

-- The latest listing count of each organization (sync.listing-counts.v1). No foreign key: a count may arrive before
-- the organization's account is opened.
CREATE TABLE listing_counts (
    organization_id  UUID        PRIMARY KEY,
    run_id           UUID        NOT NULL,
    active_listings  INTEGER     NOT NULL CHECK (active_listings >= 0),
    total_listings   INTEGER     NOT NULL CHECK (total_listings >= 0),
    synced_at        TIMESTAMPTZ NOT NULL,
    -- what the count did to the subscription quantity: PENDING until decided
    quantity_outcome TEXT        NOT NULL CHECK (quantity_outcome IN ('PENDING', 'UNCHANGED', 'UPDATED', 'NO_SUBSCRIPTION')),
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every quantity change billing-service made in Stripe.
CREATE TABLE quantity_changes (
    id                BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id   UUID        NOT NULL REFERENCES accounts (organization_id),
    subscription_id   TEXT        NOT NULL,
    previous_quantity BIGINT      NOT NULL,
    quantity          BIGINT      NOT NULL,
    sync_run_id       UUID,
    changed_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX quantity_changes_organization_idx ON quantity_changes (organization_id, id);

-- Billing history, from Stripe's invoice webhooks.
CREATE TABLE invoices (
    invoice_id         TEXT        PRIMARY KEY CHECK (invoice_id ~ '^in_[A-Za-z0-9_]+$'),
    organization_id    UUID        NOT NULL REFERENCES accounts (organization_id),
    subscription_id    TEXT,
    number             TEXT,
    status             TEXT        NOT NULL,
    currency           TEXT        NOT NULL,
    amount_due         BIGINT      NOT NULL,
    amount_paid        BIGINT      NOT NULL,
    total              BIGINT      NOT NULL,
    quantity           BIGINT,
    period_start       TIMESTAMPTZ,
    period_end         TIMESTAMPTZ,
    hosted_invoice_url TEXT,
    invoice_pdf_url    TEXT,
    stripe_created     TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX invoices_organization_idx ON invoices (organization_id, stripe_created DESC, invoice_id DESC);

-- Stripe webhook events, claimed first in the transaction of their effect: each event id is processed once.
CREATE TABLE stripe_events (
    event_id       TEXT        PRIMARY KEY,
    type           TEXT        NOT NULL,
    stripe_created TIMESTAMPTZ NOT NULL,
    outcome        TEXT        NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
