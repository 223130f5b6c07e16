-- Row-level security. User-facing transactions switch to the role tenant_user (SET LOCAL ROLE) and set
-- app.organization_id (set_config(..., true)); tenant_user cannot bypass RLS, so it sees and changes the rows of
-- that organization only, whatever the SQL says. System paths (outbox relay, consumers, first login) keep the
-- service's own login role, which owns the tables and is not subject to these policies.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_user') THEN
        CREATE ROLE tenant_user NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    END IF;
END
$$;
-- the service's login role may switch to tenant_user
GRANT tenant_user TO CURRENT_USER;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO tenant_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, members, hostaway_credentials, api_keys TO tenant_user;
-- user-facing changes publish their events in the same transaction
GRANT INSERT ON outbox TO tenant_user;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE hostaway_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;

CREATE POLICY organization_isolation ON organizations TO tenant_user
    USING (id = nullif(current_setting('app.organization_id', true), '')::uuid);
CREATE POLICY organization_isolation ON members TO tenant_user
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
CREATE POLICY organization_isolation ON hostaway_credentials TO tenant_user
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
CREATE POLICY organization_isolation ON api_keys TO tenant_user
    USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
