-- Members, Hostaway credentials and API keys of an organization.

-- A user (OIDC subject) belongs to at most one organization; an invited member has an e-mail and gets a subject at
-- first login.
CREATE TABLE members (
    id              UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           TEXT        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    subject         TEXT        CHECK (length(subject) BETWEEN 1 AND 255),
    role            TEXT        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, email)
);
CREATE UNIQUE INDEX members_subject_uq ON members (subject) WHERE subject IS NOT NULL;
CREATE INDEX members_organization_idx ON members (organization_id);

-- The organization's Hostaway account. The secret is only ever stored as Tink AEAD ciphertext whose associated
-- data is the organization id, so a ciphertext copied to another organization does not decrypt.
CREATE TABLE hostaway_credentials (
    organization_id   UUID        PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    account_id        TEXT        NOT NULL CHECK (account_id ~ '^[0-9]{1,20}$'),
    secret_ciphertext BYTEA       NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('CONNECTED', 'INVALID')),
    invalid_reason    TEXT        CHECK (length(invalid_reason) <= 500),
    invalid_since     TIMESTAMPTZ,
    connected_at      TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((status = 'INVALID') = (invalid_since IS NOT NULL))
);

-- API keys: only the SHA-256 hash of a key is stored. Each active key holds one of its organization's five slots
-- (revoked keys hold none), so the database itself refuses a sixth active key, also under concurrent creates.
CREATE TABLE api_keys (
    id              UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT        CHECK (length(name) BETWEEN 1 AND 100),
    key_hash        TEXT        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    display_hint    TEXT        NOT NULL,
    slot            SMALLINT    CHECK (slot BETWEEN 1 AND 5),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    revoke_reason   TEXT        CHECK (revoke_reason IN ('REVOKED', 'REGENERATED')),
    CHECK ((revoked_at IS NULL) = (slot IS NOT NULL)),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE UNIQUE INDEX api_keys_active_slot_uq ON api_keys (organization_id, slot);
CREATE INDEX api_keys_organization_idx ON api_keys (organization_id, created_at DESC);
