-- The principal list cuts its page from principal_access read in the order of an index
-- (name, kind + name, last use, service count, kind), the principal key breaking ties as the
-- list's ORDER BY does, so a page costs its own rows instead of a sort of every principal.
-- The validity interval trails each key: it is checked on the index entries.
DROP INDEX IF EXISTS "principal_access_name_idx";
DROP INDEX IF EXISTS "principal_access_kind_idx";
CREATE INDEX "principal_access_name_idx" ON "principal_access" ("name", "principal_key", "valid_from", "valid_to");
CREATE INDEX "principal_access_kind_idx" ON "principal_access" ("kind", "name", "principal_key", "valid_from", "valid_to");
CREATE INDEX "principal_access_kind_key_idx" ON "principal_access" ("kind", "principal_key", "valid_from", "valid_to");
-- "Last used" ascending lists never-used principals first: NULLS FIRST forward, and read
-- backward it is the descending order (NULLS LAST).
CREATE INDEX "principal_access_last_used_idx" ON "principal_access" ("last_used" ASC NULLS FIRST, "principal_key", "valid_from", "valid_to");
CREATE INDEX "principal_access_granted_services_idx" ON "principal_access" ("granted_services", "principal_key", "valid_from", "valid_to");

-- A page's open-finding counts look findings up by owner: the principal itself, or the user
-- of the access key a finding is about.
CREATE INDEX "finding_open_resource_key_idx" ON "finding" ("resource_key") WHERE status = 'open';
CREATE INDEX "finding_open_user_key_idx" ON "finding" ((evidence->>'userKey')) WHERE status = 'open';
