-- Effective-access summaries stored once by content hash instead of once per principal,
-- at 100,000 principals the per-row copies were gigabytes of identical JSON.
CREATE TABLE "access_summary" (
    "hash" TEXT NOT NULL,
    "summary" JSONB NOT NULL,

    CONSTRAINT "access_summary_pkey" PRIMARY KEY ("hash")
);

ALTER TABLE "principal_access" ADD COLUMN "summary_hash" TEXT;

-- Existing analyses keep their summaries, keyed by md5 here (new ones by SHA-256, a key is only a key).
INSERT INTO "access_summary" ("hash", "summary")
  SELECT DISTINCT ON (md5("summary"::text)) 'md5:' || md5("summary"::text), "summary" FROM "principal_access" WHERE jsonb_typeof("summary") = 'object';
UPDATE "principal_access" SET "summary_hash" = 'md5:' || md5("summary"::text) WHERE jsonb_typeof("summary") = 'object';

ALTER TABLE "principal_access" DROP COLUMN "summary";
