// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded Postgres).
import { ensureDatabase } from "../lib/db/ensure-database";

const database = await ensureDatabase({ migrate: true, quiet: false });
process.stderr.write(`database ready: ${database.embedded ? "embedded Postgres" : "DATABASE_URL"}\n`);
await database.stop();
