import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type TDb = { pool: pg.Pool; prisma: PrismaClient; close: () => Promise<void> };

// Postgres returns int8 as text by default; our int8 columns (ids, sizes) fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

/**
 * One pool serves both Prisma (typed queries) and the collector's bulk SQL, so a process
 * never holds two sets of connections to the same database.
 */
export function createDb(options: { url: string; max?: number }): TDb {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
  pool.on("error", (error) => process.stderr.write(`[db] idle client error: ${error.message}\n`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

let shared: TDb | undefined;

/** The process-wide database handle, from DATABASE_URL (set by ensureDatabase). */
export function getDb(): TDb {
  if (!shared) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: call ensureDatabase() first or set it in the environment");
    shared = createDb({ url });
  }
  return shared;
}
