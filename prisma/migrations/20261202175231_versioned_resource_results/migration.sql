-- The resource results are versioned like principal_access, see 20261202144500: a row holds
-- for every analysis id in [valid_from, valid_to), valid_to null while current, so an
-- unchanged re-analysis carries them forward instead of writing every resource and grant again.
--
-- Existing analyses stay readable: analysis_id becomes valid_from, and the rows of each
-- succeeded analysis hold until the next succeeded analysis that stored results, with or
-- without resources, since one that found none must read as none and not as the one before.
-- The rows of the last one are current. Rows of analyses that did not succeed hold for their
-- own id only. Comments here carry no semicolons or apostrophes: the migration runner splits
-- the script into statements by them.

ALTER TABLE "resource_exposure" RENAME COLUMN "analysis_id" TO "valid_from";
ALTER TABLE "resource_grant" RENAME COLUMN "analysis_id" TO "valid_from";
ALTER TABLE "resource_exposure" ADD COLUMN "valid_to" INTEGER, ADD COLUMN "row_hash" TEXT;
ALTER TABLE "resource_grant" ADD COLUMN "valid_to" INTEGER, ADD COLUMN "row_hash" TEXT;

CREATE TEMP TABLE stored_resource_analysis AS
  SELECT a.id, a.status = 'succeeded' AS good FROM analysis_run a
  WHERE EXISTS (SELECT 1 FROM resource_exposure e WHERE e.valid_from = a.id)
     OR EXISTS (SELECT 1 FROM resource_grant g WHERE g.valid_from = a.id);
CREATE TEMP TABLE resource_interval AS
  SELECT s.id, CASE WHEN s.good
    THEN (SELECT min(n.id) FROM analysis_run n WHERE n.status = 'succeeded' AND n.results_stored_at IS NOT NULL AND n.id > s.id)
    ELSE s.id + 1 END AS valid_to
  FROM stored_resource_analysis s;
UPDATE "resource_exposure" e SET "valid_to" = i.valid_to FROM resource_interval i WHERE i.id = e."valid_from";
UPDATE "resource_grant" g SET "valid_to" = i.valid_to FROM resource_interval i WHERE i.id = g."valid_from";
DROP TABLE resource_interval;
DROP TABLE stored_resource_analysis;

-- Lookups lead with what a query looks for, the interval is checked on the index entries.
ALTER TABLE "resource_exposure" DROP CONSTRAINT "resource_exposure_pkey";
ALTER TABLE "resource_exposure" ADD CONSTRAINT "resource_exposure_pkey" PRIMARY KEY ("arn", "valid_from");
DROP INDEX IF EXISTS "resource_exposure_analysis_id_account_id_type_idx";
DROP INDEX IF EXISTS "resource_exposure_analysis_id_exposure_type_idx";
DROP INDEX IF EXISTS "resource_exposure_analysis_id_type_name_idx";
DROP INDEX IF EXISTS "resource_exposure_analysis_id_name_idx";
CREATE INDEX "resource_exposure_account_id_type_idx" ON "resource_exposure"("account_id", "type");
CREATE INDEX "resource_exposure_exposure_type_idx" ON "resource_exposure"("exposure", "type");
CREATE INDEX "resource_exposure_type_name_valid_from_valid_to_idx" ON "resource_exposure"("type", "name", "valid_from", "valid_to");
CREATE INDEX "resource_exposure_name_valid_from_valid_to_idx" ON "resource_exposure"("name", "valid_from", "valid_to");

DROP INDEX IF EXISTS "resource_grant_analysis_id_resource_arn_idx";
DROP INDEX IF EXISTS "resource_grant_analysis_id_account_id_idx";
DROP INDEX IF EXISTS "resource_grant_analysis_id_principal_idx";
CREATE INDEX "resource_grant_resource_arn_idx" ON "resource_grant"("resource_arn");
CREATE INDEX "resource_grant_account_id_idx" ON "resource_grant"("account_id");
CREATE INDEX "resource_grant_principal_idx" ON "resource_grant"("principal");
