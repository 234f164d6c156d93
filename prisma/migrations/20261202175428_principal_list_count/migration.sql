-- CreateTable
CREATE TABLE "principal_list_count" (
    "analysis_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "admin_equivalent" BOOLEAN NOT NULL,
    "principals" INTEGER NOT NULL,

    CONSTRAINT "principal_list_count_pkey" PRIMARY KEY ("analysis_id","kind","account_id","admin_equivalent")
);

