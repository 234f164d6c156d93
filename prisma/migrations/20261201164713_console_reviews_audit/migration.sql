-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "actor_email" TEXT,
    "actor_roles" TEXT[],
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "scope" JSONB NOT NULL,
    "reviewer_config" JSONB NOT NULL,
    "analysis_id" INTEGER NOT NULL,
    "collection_run_id" INTEGER NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_off_by" TEXT,
    "signed_off_at" TIMESTAMP(3),
    "sign_off_comment" TEXT,
    "schedule_id" INTEGER,

    CONSTRAINT "review_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_item" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "principal_key" TEXT NOT NULL,
    "principal_kind" TEXT NOT NULL,
    "principal_name" TEXT NOT NULL,
    "principal_arn" TEXT,
    "account_id" TEXT NOT NULL,
    "access_kind" TEXT NOT NULL,
    "target_key" TEXT,
    "identities" TEXT[],
    "reviewer_email" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "decision" TEXT,
    "decision_comment" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMP(3),
    "remediation" JSONB,
    "remediation_status" TEXT,
    "remediation_checked_run" INTEGER,

    CONSTRAINT "review_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_decision" (
    "id" BIGSERIAL NOT NULL,
    "item_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT,
    "decided_by" TEXT NOT NULL,
    "decided_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_schedule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "reviewer_config" JSONB NOT NULL,
    "every_months" INTEGER NOT NULL,
    "due_days" INTEGER NOT NULL,
    "next_run_at" TIMESTAMP(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_action_at_idx" ON "audit_event"("action", "at");

-- CreateIndex
CREATE INDEX "review_campaign_status_idx" ON "review_campaign"("status");

-- CreateIndex
CREATE INDEX "review_item_campaign_id_reviewer_email_idx" ON "review_item"("campaign_id", "reviewer_email");

-- CreateIndex
CREATE INDEX "review_item_campaign_id_decision_idx" ON "review_item"("campaign_id", "decision");

-- CreateIndex
CREATE INDEX "review_decision_item_id_idx" ON "review_decision"("item_id");

-- AddForeignKey
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "review_campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Append-only audit trail: no statement may change or remove an entry.
-- The migration runner splits the script at every semicolon, quoted or not, so the body's
-- semicolons are written as the E-string escape \073.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''% is append-only: % is not allowed'', TG_TABLE_NAME, TG_OP USING ERRCODE = ''insufficient_privilege''\073 END\073';
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Decision history is append-only as well.
CREATE TRIGGER review_decision_no_update BEFORE UPDATE OR DELETE ON "review_decision" FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- Console speed: full-text-ish search over names/ARNs, and sorted, filtered principal lists.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "principal_access_search_idx" ON "principal_access" USING gin ((name || ' ' || coalesce(arn, '')) gin_trgm_ops);
CREATE INDEX "principal_access_name_idx" ON "principal_access" ("analysis_id", "name");
CREATE INDEX "principal_access_kind_idx" ON "principal_access" ("analysis_id", "kind", "name");
CREATE INDEX "principal_reach_target_idx" ON "principal_reach" ("analysis_id", "target_key");
