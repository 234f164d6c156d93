-- CreateTable
CREATE TABLE "resource_exposure" (
    "analysis_id" INTEGER NOT NULL,
    "arn" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "exposure" TEXT NOT NULL,
    "policy_public" BOOLEAN NOT NULL,
    "identity_access" BOOLEAN NOT NULL,
    "denied_levels" TEXT[],
    "principals_by_level" JSONB NOT NULL,
    "external_accounts" TEXT[],
    "org_accounts" TEXT[],
    "grant_count" INTEGER NOT NULL,
    "details" JSONB NOT NULL,
    "policy_hash" TEXT,

    CONSTRAINT "resource_exposure_pkey" PRIMARY KEY ("analysis_id","arn")
);

-- CreateTable
CREATE TABLE "resource_grant" (
    "id" BIGSERIAL NOT NULL,
    "analysis_id" INTEGER NOT NULL,
    "resource_arn" TEXT NOT NULL,
    "resource_account_id" TEXT NOT NULL,
    "party_kind" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "account_id" TEXT,
    "scope" TEXT NOT NULL,
    "reach" TEXT NOT NULL,
    "vendor" TEXT,
    "levels" TEXT[],
    "source" TEXT NOT NULL,
    "statement" JSONB NOT NULL,
    "condition_keys" TEXT[],
    "restricted_by" TEXT[],
    "blocked_by" TEXT,

    CONSTRAINT "resource_grant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "resource_exposure_analysis_id_account_id_type_idx" ON "resource_exposure"("analysis_id", "account_id", "type");

-- CreateIndex
CREATE INDEX "resource_exposure_analysis_id_exposure_type_idx" ON "resource_exposure"("analysis_id", "exposure", "type");

-- CreateIndex
CREATE INDEX "resource_exposure_analysis_id_type_name_idx" ON "resource_exposure"("analysis_id", "type", "name");

-- CreateIndex
CREATE INDEX "resource_exposure_analysis_id_name_idx" ON "resource_exposure"("analysis_id", "name");

-- CreateIndex
CREATE INDEX "resource_grant_analysis_id_resource_arn_idx" ON "resource_grant"("analysis_id", "resource_arn");

-- CreateIndex
CREATE INDEX "resource_grant_analysis_id_account_id_idx" ON "resource_grant"("analysis_id", "account_id");

-- CreateIndex
CREATE INDEX "resource_grant_analysis_id_principal_idx" ON "resource_grant"("analysis_id", "principal");

-- CreateIndex
CREATE INDEX "principal_access_analysis_id_arn_idx" ON "principal_access"("analysis_id", "arn");

