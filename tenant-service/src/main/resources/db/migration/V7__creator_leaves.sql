-- owner_subject only makes the creator's first login idempotent; when the creator leaves the organization it is
-- cleared, so that a later login of that user creates an organization of their own.
ALTER TABLE organizations ALTER COLUMN owner_subject DROP NOT NULL;
