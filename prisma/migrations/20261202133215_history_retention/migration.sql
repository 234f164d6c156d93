-- AlterTable
ALTER TABLE "collection_run" ADD COLUMN     "pruned_at" TIMESTAMP(3);

