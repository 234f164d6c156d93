-- Server-side sessions (checked on every request) and a hash chain over the audit trail.
-- The migration runner splits the script at every semicolon, quoted or not, so function
-- bodies write their semicolons as the E-string escape \073.

-- AlterTable: nullable first, so the rows already there can be chained below.
ALTER TABLE "audit_event" ADD COLUMN "hash" TEXT, ADD COLUMN "prev_hash" TEXT;

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_id" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_single_row" CHECK ("id" = 1)
);

-- CreateTable
CREATE TABLE "auth_session" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_email" TEXT,
    "user_name" TEXT,
    "roles" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),
    "end_reason" TEXT,
    "ended_by" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "auth_session_user_id_ended_at_idx" ON "auth_session"("user_id", "ended_at");

-- CreateIndex
CREATE INDEX "auth_session_expires_at_idx" ON "auth_session"("expires_at");

-- The canonical serialisation (lib/audit/audit-chain.ts computes the same): every field as
-- "<UTF-8 byte length>:<text>," and NULL as "-,", in a fixed order. The texts are exactly
-- what the audit-log export writes, so an auditor can recompute each hash offline.
CREATE FUNCTION audit_chain_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS
  'SELECT CASE WHEN value IS NULL THEN ''-,'' ELSE octet_length(convert_to(value, ''UTF8''))::text || '':'' || value || '','' END';

CREATE FUNCTION audit_event_hash(e audit_event, prev text) RETURNS text LANGUAGE sql STABLE AS
  'SELECT encode(sha256(convert_to(
     audit_chain_field(prev) || audit_chain_field(e.id::text) || audit_chain_field(to_char(e.at, ''YYYY-MM-DD"T"HH24:MI:SS.MS"Z"''))
     || audit_chain_field(e.actor_id) || audit_chain_field(e.actor_email) || audit_chain_field(array_to_json(e.actor_roles)::text)
     || audit_chain_field(e.action) || audit_chain_field(e.target_type) || audit_chain_field(e.target_id)
     || audit_chain_field(e.details::text) || audit_chain_field(e.ip) || audit_chain_field(e.user_agent), ''UTF8'')), ''hex'')';

-- Chain the events already stored, in id order (the append-only trigger is lifted for this only).
INSERT INTO "audit_chain_head" ("id", "last_id", "last_hash") VALUES (1, 0, repeat('0', 64));
ALTER TABLE "audit_event" DISABLE TRIGGER audit_event_no_update;
DO E'DECLARE e audit_event\073 prev text := repeat(''0'', 64)\073 BEGIN FOR e IN SELECT * FROM audit_event ORDER BY id LOOP UPDATE audit_event SET prev_hash = prev, hash = audit_event_hash(e, prev) WHERE id = e.id RETURNING hash INTO prev\073 UPDATE audit_chain_head SET last_id = e.id, last_hash = prev WHERE id = 1\073 END LOOP\073 END';
ALTER TABLE "audit_event" ENABLE TRIGGER audit_event_no_update;
ALTER TABLE "audit_event" ALTER COLUMN "hash" SET NOT NULL, ALTER COLUMN "prev_hash" SET NOT NULL;

-- Every insert links to the head under its row lock, so concurrent inserts chain one after
-- another, and the id is drawn after the lock, so id order is chain order (ids may have gaps).
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS E'DECLARE prev text\073 BEGIN SELECT last_hash INTO prev FROM audit_chain_head WHERE id = 1 FOR UPDATE\073 NEW.id := nextval(pg_get_serial_sequence(''audit_event'', ''id''))\073 NEW.prev_hash := prev\073 NEW.hash := audit_event_hash(NEW, prev)\073 UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1\073 RETURN NEW\073 END';
CREATE TRIGGER audit_event_chain BEFORE INSERT ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
