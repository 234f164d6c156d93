-- The resource list's text search ("name or ARN, anywhere in the text") as a trigram index,
-- like principal_access_search_idx: without it every search scanned the analysis's rows.
CREATE INDEX "resource_exposure_search_idx" ON "resource_exposure" USING gin ((name || ' ' || arn) gin_trgm_ops);
