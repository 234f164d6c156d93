-- Review integrity: an item that is its reviewer's own access goes to another reviewer at
-- campaign start (reassigned_from names the one it left), and an admin's change of a decided
-- item is a separate, flagged decision row: the reviewer's row stays as recorded.
-- Both columns are additive, and review_decision stays append-only (no row trigger fires on ADD COLUMN).

-- AlterTable
ALTER TABLE "review_item" ADD COLUMN     "reassigned_from" TEXT;

-- AlterTable
ALTER TABLE "review_decision" ADD COLUMN     "override" BOOLEAN NOT NULL DEFAULT false;
