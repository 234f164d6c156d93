import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type TDb } from "../lib/db/client";
import { withDatabaseName } from "../lib/db/ensure-database";

const TEMPLATE_DATABASE = "atlas_test_template";

/** A fresh, migrated database of this test file's own, cloned from the suite's template. */
export async function createTestDatabase(): Promise<TDb & { url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("pgServerUrl");
  const name = `atlas_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
      break;
    } catch (error) {
      if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = withDatabaseName({ url: serverUrl, name });
  const db = createDb({ url, max: 20 });
  return {
    ...db,
    url,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
