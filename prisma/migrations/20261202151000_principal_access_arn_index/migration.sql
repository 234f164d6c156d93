-- Resource policies name principals by ARN: look principal_access up by ARN within the
-- versioned rows (the per-analysis index of the resource migration lost its meaning when
-- analysis_id became valid_from).
DROP INDEX IF EXISTS "principal_access_analysis_id_arn_idx";

-- CreateIndex
CREATE INDEX "principal_access_arn_idx" ON "principal_access"("arn");
