-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'partial', 'failed', 'interrupted');

-- CreateEnum
CREATE TYPE "AccountRunStatus" AS ENUM ('pending', 'running', 'succeeded', 'partial', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "collection_run" (
    "id" SERIAL NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'running',
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "error" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "summary" JSONB,

    CONSTRAINT "collection_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_run" (
    "run_id" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "account_name" TEXT NOT NULL,
    "status" "AccountRunStatus" NOT NULL DEFAULT 'pending',
    "error_code" TEXT,
    "error" TEXT,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "api_calls" INTEGER NOT NULL DEFAULT 0,
    "throttles" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "unavailable" JSONB NOT NULL DEFAULT '[]',
    "timings" JSONB NOT NULL DEFAULT '{}',
    "counts" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "account_run_pkey" PRIMARY KEY ("run_id","account_id")
);

-- CreateTable
CREATE TABLE "snapshot_record" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "arn" TEXT,
    "hash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "valid_from" INTEGER NOT NULL,
    "valid_to" INTEGER,

    CONSTRAINT "snapshot_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_document" (
    "hash" TEXT NOT NULL,
    "document" JSONB NOT NULL,

    CONSTRAINT "policy_document_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "collection_run_status_idx" ON "collection_run"("status");

-- CreateIndex
CREATE INDEX "account_run_account_id_idx" ON "account_run"("account_id");

-- CreateIndex
CREATE INDEX "snapshot_record_scope_kind_key_idx" ON "snapshot_record"("scope", "kind", "key");

-- CreateIndex
CREATE INDEX "snapshot_record_kind_valid_from_idx" ON "snapshot_record"("kind", "valid_from");

-- AddForeignKey
ALTER TABLE "account_run" ADD CONSTRAINT "account_run_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "collection_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The collector diffs against current rows only, and a partial index keeps that lookup
-- small however long the history grows.
CREATE INDEX "snapshot_record_current_idx" ON "snapshot_record"("scope", "kind", "key") WHERE "valid_to" IS NULL;
