-- CreateTable
CREATE TABLE "analysis_run" (
    "id" SERIAL NOT NULL,
    "collection_run_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "error" TEXT,
    "stats" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "analysis_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "principal_access" (
    "analysis_id" INTEGER NOT NULL,
    "principal_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "account_id" TEXT,
    "name" TEXT NOT NULL,
    "arn" TEXT,
    "admin_equivalent" BOOLEAN NOT NULL,
    "admin_definite" BOOLEAN NOT NULL,
    "list_services" TEXT[],
    "read_services" TEXT[],
    "write_services" TEXT[],
    "permissions_services" TEXT[],
    "tagging_services" TEXT[],
    "granted_services" INTEGER NOT NULL,
    "used_services" INTEGER,
    "last_used" TIMESTAMP(3),
    "summary" JSONB NOT NULL,
    "admin_paths" JSONB NOT NULL,

    CONSTRAINT "principal_access_pkey" PRIMARY KEY ("analysis_id","principal_key")
);

-- CreateTable
CREATE TABLE "principal_reach" (
    "id" BIGSERIAL NOT NULL,
    "analysis_id" INTEGER NOT NULL,
    "source_key" TEXT NOT NULL,
    "target_key" TEXT NOT NULL,
    "target_account_id" TEXT NOT NULL,
    "hop_count" INTEGER NOT NULL,
    "conditional" BOOLEAN NOT NULL,
    "hops" JSONB NOT NULL,

    CONSTRAINT "principal_reach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_trust" (
    "id" BIGSERIAL NOT NULL,
    "analysis_id" INTEGER NOT NULL,
    "role_key" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "party_kind" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "condition_keys" TEXT[],
    "known_vendor" TEXT,

    CONSTRAINT "external_trust_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "cis_control" TEXT,
    "account_id" TEXT,
    "resource_key" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "first_seen_run" INTEGER NOT NULL,
    "last_seen_run" INTEGER NOT NULL,
    "first_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolved_run" INTEGER,
    "accepted_reason" TEXT,
    "accepted_until" TIMESTAMP(3),
    "accepted_by" TEXT,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analysis_run_collection_run_id_idx" ON "analysis_run"("collection_run_id");

-- CreateIndex
CREATE INDEX "principal_access_analysis_id_account_id_idx" ON "principal_access"("analysis_id", "account_id");

-- CreateIndex
CREATE INDEX "principal_reach_analysis_id_target_account_id_idx" ON "principal_reach"("analysis_id", "target_account_id");

-- CreateIndex
CREATE INDEX "principal_reach_analysis_id_source_key_idx" ON "principal_reach"("analysis_id", "source_key");

-- CreateIndex
CREATE INDEX "external_trust_analysis_id_account_id_idx" ON "external_trust"("analysis_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "finding_fingerprint_key" ON "finding"("fingerprint");

-- CreateIndex
CREATE INDEX "finding_status_severity_idx" ON "finding"("status", "severity");

-- CreateIndex
CREATE INDEX "finding_account_id_idx" ON "finding"("account_id");

-- CreateIndex
CREATE INDEX "finding_rule_idx" ON "finding"("rule");


-- "Who can reach account X with Write on service S" filters on these arrays.
CREATE INDEX "principal_access_write_services_idx" ON "principal_access" USING GIN ("write_services");
CREATE INDEX "principal_access_read_services_idx" ON "principal_access" USING GIN ("read_services");
CREATE INDEX "principal_access_permissions_services_idx" ON "principal_access" USING GIN ("permissions_services");
