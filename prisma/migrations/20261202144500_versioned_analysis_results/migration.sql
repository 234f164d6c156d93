-- Analysis results are versioned like snapshot_record: a row holds for every analysis id in
-- [valid_from, valid_to), valid_to null while it is current, so an unchanged re-analysis
-- carries rows forward instead of rewriting them. row_hash is the digest of a row's content
-- the store compares against (null for rows written before this migration: the first new
-- analysis rewrites them once).
--
-- Existing analyses stay readable: analysis_id becomes valid_from, and each succeeded (or
-- pruned) analysis's rows hold until the next succeeded analysis that has rows: the last
-- one's are current. Rows of analyses that did not succeed (failed, or interrupted) hold
-- for their own id only, so they are never taken for current rows.

ALTER TABLE "principal_access" RENAME COLUMN "analysis_id" TO "valid_from";
ALTER TABLE "principal_reach" RENAME COLUMN "analysis_id" TO "valid_from";
ALTER TABLE "external_trust" RENAME COLUMN "analysis_id" TO "valid_from";
ALTER TABLE "principal_access" ADD COLUMN "valid_to" INTEGER, ADD COLUMN "row_hash" TEXT;
ALTER TABLE "principal_reach" ADD COLUMN "valid_to" INTEGER, ADD COLUMN "row_hash" TEXT;
ALTER TABLE "external_trust" ADD COLUMN "valid_to" INTEGER, ADD COLUMN "row_hash" TEXT;

CREATE TEMP TABLE stored_analysis AS
  SELECT a.id, a.status = 'succeeded' AS good FROM analysis_run a
  WHERE EXISTS (SELECT 1 FROM principal_access p WHERE p.valid_from = a.id)
     OR EXISTS (SELECT 1 FROM principal_reach r WHERE r.valid_from = a.id)
     OR EXISTS (SELECT 1 FROM external_trust t WHERE t.valid_from = a.id);
CREATE TEMP TABLE analysis_interval AS
  SELECT s.id, CASE WHEN s.good THEN (SELECT min(n.id) FROM stored_analysis n WHERE n.good AND n.id > s.id) ELSE s.id + 1 END AS valid_to
  FROM stored_analysis s;
UPDATE "principal_access" p SET "valid_to" = i.valid_to FROM analysis_interval i WHERE i.id = p."valid_from";
UPDATE "principal_reach" r SET "valid_to" = i.valid_to FROM analysis_interval i WHERE i.id = r."valid_from";
UPDATE "external_trust" t SET "valid_to" = i.valid_to FROM analysis_interval i WHERE i.id = t."valid_from";
ALTER TABLE "analysis_run" ADD COLUMN "results_stored_at" TIMESTAMP(3);
UPDATE "analysis_run" a SET "results_stored_at" = coalesce(a.finished_at, a.started_at) FROM stored_analysis s WHERE s.id = a.id;
DROP TABLE analysis_interval;
DROP TABLE stored_analysis;

-- Lookups lead with what a query looks for: the interval is checked on the index entries.
ALTER TABLE "principal_access" DROP CONSTRAINT "principal_access_pkey";
ALTER TABLE "principal_access" ADD CONSTRAINT "principal_access_pkey" PRIMARY KEY ("principal_key", "valid_from");
DROP INDEX IF EXISTS "principal_access_analysis_id_account_id_idx";
DROP INDEX IF EXISTS "principal_access_name_idx";
DROP INDEX IF EXISTS "principal_access_kind_idx";
CREATE INDEX "principal_access_account_id_idx" ON "principal_access"("account_id");
CREATE INDEX "principal_access_name_idx" ON "principal_access" ("name", "valid_from", "valid_to");
CREATE INDEX "principal_access_kind_idx" ON "principal_access" ("kind", "name", "valid_from", "valid_to");

DROP INDEX IF EXISTS "principal_reach_analysis_id_target_account_id_idx";
DROP INDEX IF EXISTS "principal_reach_analysis_id_source_key_idx";
DROP INDEX IF EXISTS "principal_reach_target_cover_idx";
CREATE INDEX "principal_reach_target_account_id_idx" ON "principal_reach"("target_account_id");
CREATE INDEX "principal_reach_source_key_idx" ON "principal_reach"("source_key");
CREATE INDEX "principal_reach_target_cover_idx" ON "principal_reach" ("target_key")
  INCLUDE ("source_key", "target_account_id", "hop_count", "conditional", "id", "valid_from", "valid_to");

DROP INDEX IF EXISTS "external_trust_analysis_id_account_id_idx";
CREATE INDEX "external_trust_account_id_idx" ON "external_trust"("account_id");
CREATE INDEX "external_trust_role_key_idx" ON "external_trust"("role_key");
