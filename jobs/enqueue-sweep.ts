import PgBoss from "pg-boss";
import { enqueue } from "./boss";
import { JOBS } from "./definitions";
import { PLAN_NOTIFICATIONS_QUEUE } from "./notify-queue";

// The console only sends jobs: one pg-boss per process, without maintenance or cron (the
// workers do those), kept on globalThis so dev reloads do not open a new pool each time.
const holder = globalThis as typeof globalThis & { __atlasJobSender?: Promise<PgBoss> };

async function startSender(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 2, supervise: false, schedule: false, application_name: "access-atlas-console" });
  boss.on("error", (error) => process.stderr.write(`[pg-boss sender] ${error.message}\n`));
  await boss.start();
  // Same queue settings as the workers' startBoss; a no-op when the queue exists.
  await boss.createQueue(JOBS.collectOrganization.name, { name: JOBS.collectOrganization.name, retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3 * 3600 });
  await boss.createQueue(PLAN_NOTIFICATIONS_QUEUE.name, { ...PLAN_NOTIFICATIONS_QUEUE.options, name: PLAN_NOTIFICATIONS_QUEUE.name });
  return boss;
}

function sender(url: string): Promise<PgBoss> {
  holder.__atlasJobSender ??= startSender(url).catch((error) => {
    holder.__atlasJobSender = undefined;
    throw error;
  });
  return holder.__atlasJobSender;
}

/** Enqueues one organization sweep; a worker (npm run worker, or startWorkers in-process) opens the run. */
export async function enqueueSweep(options: { url: string; trigger: string }): Promise<string | null> {
  return enqueue(await sender(options.url), "collectOrganization", { trigger: options.trigger });
}

/** Asks the workers to plan notifications now (a campaign started from the console: its reviewers' mail). */
export async function enqueueNotificationPlanning(options: { url: string }): Promise<string | null> {
  return (await sender(options.url)).send(PLAN_NOTIFICATIONS_QUEUE.name, { cis: false });
}
