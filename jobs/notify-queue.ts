// The notification planning queue, as both its senders create it: the workers
// (notify-jobs.ts) and the console (enqueue-sweep.ts, when a campaign starts there).
// pg-boss keeps the options of whichever creates the queue first, so they are one constant.
export const PLAN_NOTIFICATIONS_QUEUE = {
  name: "plan-notifications",
  options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
} as const;
