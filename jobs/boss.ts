import PgBoss from "pg-boss";
import { JOBS, type TJobName, type TJobPayload } from "./definitions";

/** A started pg-boss on the app's database (its own `pgboss` schema) with every queue created. */
export async function startBoss(options: { url: string; max?: number }): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: options.url, max: options.max ?? 4, application_name: "access-atlas-jobs" });
  boss.on("error", (error) => process.stderr.write(`[pg-boss] ${error.message}\n`));
  await boss.start();
  for (const job of Object.values(JOBS)) {
    // An account job outliving the account timeout is a lost worker: pg-boss retries it.
    await boss.createQueue(job.name, { name: job.name, retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3 * 3600 });
  }
  return boss;
}

export async function enqueue<N extends TJobName>(boss: PgBoss, name: N, payload: TJobPayload<N>, options: PgBoss.SendOptions = {}) {
  const data = JOBS[name].schema.parse(payload);
  return boss.send(JOBS[name].name, data, options);
}
