// Notifications: a planning job finds what is due (after each analysis, every few minutes,
// and monthly for the CIS report) and queues one send job per new notification; the send
// job retries with exponential backoff. Nothing else waits on them: a dead mail server
// delays mail, never a collection, an analysis or a review.
import type PgBoss from "pg-boss";
import type pg from "pg";
import { z } from "zod";
import { getLogger } from "../lib/log/logger";
import { processMetrics } from "../lib/metrics/http-metrics";
import { loadNotifyEnv, type TNotifyEnv } from "../lib/notify/notify-env";
import { planCampaignNotifications } from "../lib/notify/plan-campaign-notifications";
import { planCisReport } from "../lib/notify/plan-cis-report";
import { planFindingNotifications } from "../lib/notify/plan-finding-notifications";
import { queueNotifications } from "../lib/notify/queue-notifications";
import { sendNotification } from "../lib/notify/send-notification";
import { onCampaignStarted } from "../lib/reviews/campaign-started";
import { PLAN_NOTIFICATIONS_QUEUE } from "./notify-queue";

export const ZPlanNotificationsPayload = z.object({ cis: z.boolean().default(false), now: z.coerce.date().optional() }).default({ cis: false });
export const ZSendNotificationPayload = z.object({ notificationId: z.number().int().positive() });

export const NOTIFY_JOBS = {
  planNotifications: { name: PLAN_NOTIFICATIONS_QUEUE.name, schema: ZPlanNotificationsPayload, cron: "*/5 * * * *" },
  /** pg-boss keeps one schedule per queue: the monthly report plans on a queue of its own (cron NOTIFY_CIS_REPORT_CRON). */
  planCisReport: { name: "plan-cis-report", schema: ZPlanNotificationsPayload },
  sendNotification: { name: "send-notification", schema: ZSendNotificationPayload },
} as const;

export async function handlePlanNotifications(options: { boss: PgBoss; pool: pg.Pool; env: TNotifyEnv; data: unknown }): Promise<number[]> {
  const payload = ZPlanNotificationsPayload.parse(options.data ?? {});
  const now = payload.now ?? new Date();
  const planned = [
    ...(await planFindingNotifications({ pool: options.pool, env: options.env })),
    ...(await planCampaignNotifications({ pool: options.pool, env: options.env, now })),
    ...(payload.cis ? planCisReport({ env: options.env, now }) : []),
  ];
  const ids = await queueNotifications({ pool: options.pool, planned });
  for (const notificationId of ids) await options.boss.send(NOTIFY_JOBS.sendNotification.name, ZSendNotificationPayload.parse({ notificationId }));
  if (ids.length > 0) getLogger().info({ queued: ids.length }, "notifications queued");
  return ids;
}

/**
 * After an analysis, or when a campaign starts: plan at once rather than at the next 5-minute
 * tick (the planning is idempotent: what the periodic run finds again is not sent twice).
 * Never throws (a notification must not fail the analysis or the campaign).
 */
export async function requestNotificationPlanning(options: { boss: PgBoss }): Promise<void> {
  await options.boss.send(NOTIFY_JOBS.planNotifications.name, { cis: false }).catch((error: Error) => getLogger().warn({ err: error.message }, "could not queue notification planning"));
}

/**
 * Queues, workers and schedules. `env` defaults to the process environment; an invalid
 * notification setting fails here, at start-up, naming the variable.
 */
export async function registerNotifyJobs(options: { boss: PgBoss; pool: pg.Pool; env?: TNotifyEnv }): Promise<void> {
  const { boss, pool } = options;
  const env = options.env ?? loadNotifyEnv();
  const plan = NOTIFY_JOBS.planNotifications;
  const send = NOTIFY_JOBS.sendNotification;
  const monthly = NOTIFY_JOBS.planCisReport;
  for (const queue of [plan.name, monthly.name]) await boss.createQueue(queue, { ...PLAN_NOTIFICATIONS_QUEUE.options, name: queue });
  await boss.createQueue(send.name, { name: send.name, retryLimit: env.NOTIFY_RETRY_LIMIT, retryDelay: env.NOTIFY_RETRY_DELAY_SECONDS, retryBackoff: true, expireInSeconds: 300 });
  await boss.work(plan.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]: PgBoss.Job<unknown>[]) => handlePlanNotifications({ boss, pool, env, data: job.data }));
  await boss.work(monthly.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async ([job]: PgBoss.Job<unknown>[]) =>
    handlePlanNotifications({ boss, pool, env, data: { ...(job.data as object), cis: true } }));
  await boss.work(send.name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    const { notificationId } = ZSendNotificationPayload.parse(job.data);
    try {
      return await sendNotification({ pool, env, notificationId, finalAttempt: job.retryCount >= job.retryLimit });
    } catch (error) {
      processMetrics().jobFailures.inc({ queue: send.name });
      getLogger().warn({ notificationId, attempt: job.retryCount + 1, of: job.retryLimit + 1, err: (error as Error).message }, "notification not delivered");
      throw error;
    }
  });
  // A campaign started in this process (the review schedules) mails its reviewers now.
  const stopListening = onCampaignStarted(() => requestNotificationPlanning({ boss }));
  boss.once("stopped", stopListening);
  await boss.schedule(plan.name, plan.cron, { cis: false });
  if (env.NOTIFY_CIS_REPORT_TO.length > 0) await boss.schedule(monthly.name, env.NOTIFY_CIS_REPORT_CRON, { cis: true });
  else await boss.unschedule(monthly.name);
}
