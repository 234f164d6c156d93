import PgBoss from "pg-boss";
import { enqueue } from "./boss";
import { JOBS } from "./definitions";

// The console only sends jobs: one pg-boss per process, without maintenance or cron (the
// workers do those), kept on globalThis so dev reloads do not open a new pool each time.
const holder = globalThis as typeof globalThis & { __atlasJobSender?: Promise<PgBoss> };

async function startSender(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 2, supervise: false, schedule: false, application_name: "access-atlas-console" });
  boss.on("error", (error) => process.stderr.write(`[pg-boss sender] ${error.message}\n`));
  await boss.start();
  // Same queue settings as the workers' startBoss; a no-op when the queue exists.
  await boss.createQueue(JOBS.collectOrganization.name, { name: JOBS.collectOrganization.name, retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3 * 3600 });
  return boss;
}

/** Enqueues one organization sweep; a worker (npm run worker, or startWorkers in-process) opens the run. */
export async function enqueueSweep(options: { url: string; trigger: string }): Promise<string | null> {
  holder.__atlasJobSender ??= startSender(options.url).catch((error) => {
    holder.__atlasJobSender = undefined;
    throw error;
  });
  const boss = await holder.__atlasJobSender;
  return enqueue(boss, "collectOrganization", { trigger: options.trigger });
}
