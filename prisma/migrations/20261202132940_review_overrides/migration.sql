-- Review integrity: an item that is its reviewer's own access goes to another reviewer at
-- campaign start (reassigned_from names the one it left), and an admin's change of a decided
-- item is a separate, flagged decision row: the reviewer's row stays as recorded.
-- Both columns are additive, and review_decision stays append-only (no row trigger fires on ADD COLUMN).

-- AlterTable
ALTER TABLE "review_item" ADD COLUMN     "reassigned_from" TEXT;

-- AlterTable
ALTER TABLE "review_decision" ADD COLUMN     "override" BOOLEAN NOT NULL DEFAULT false;

-- Campaigns already running: an undecided item held by the person behind it goes to the
-- campaign's fallback reviewer (when that is someone else), the old reviewer kept in reassigned_from.
UPDATE "review_item" AS i SET "reassigned_from" = i."reviewer_email", "reviewer_email" = lower(c."reviewer_config"->>'fallback')
FROM "review_campaign" AS c
WHERE c."id" = i."campaign_id" AND c."status" = 'active' AND i."decision" IS NULL
  AND i."reviewer_email" = ANY(i."identities") AND NOT (lower(c."reviewer_config"->>'fallback') = ANY(i."identities"));
