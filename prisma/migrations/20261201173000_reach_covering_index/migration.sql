-- Who-can-reach probes principal_reach by (analysis_id, target_key) once per qualifying
-- identity. Covering the columns it reads makes those probes index-only, so the wide hops
-- column is read only for the rows a page shows.
DROP INDEX IF EXISTS "principal_reach_target_idx";
CREATE INDEX "principal_reach_target_cover_idx" ON "principal_reach" ("analysis_id", "target_key") INCLUDE ("source_key", "target_account_id", "hop_count", "conditional", "id");
