// The moment a campaign starts (its items assigned to reviewers): whoever must act on it at
// once registers here, so every way of starting one (the console, the review schedules,
// scripts) tells them without knowing of them. The job queue registers the notification
// planning (jobs/notify-jobs.ts in the worker, instrumentation.ts in the console), so the
// reviewers' mail goes out now rather than at the next periodic planning run.
// One list per process on globalThis: Next bundles instrumentation.ts and each route separately.

export type TStartedCampaign = { campaignId: number; items: number };
type TListener = (campaign: TStartedCampaign) => Promise<void> | void;
const KEY = Symbol.for("access-atlas.campaign-started-listeners");
type TGlobal = typeof globalThis & { [KEY]?: Set<TListener> };

function listeners(): Set<TListener> {
  const global = globalThis as TGlobal;
  global[KEY] ??= new Set();
  return global[KEY];
}

/** Registers a listener; returns its removal. */
export function onCampaignStarted(listener: TListener): () => void {
  listeners().add(listener);
  return () => void listeners().delete(listener);
}

/** Tells every listener, after the campaign is committed. A failing listener is reported, never fails the campaign. */
export async function campaignStarted(campaign: TStartedCampaign): Promise<void> {
  await Promise.all([...listeners()].map(async (listener) => {
    try {
      await listener(campaign);
    } catch (error) {
      process.stderr.write(`campaign ${campaign.campaignId} started, but a listener failed: ${(error as Error).message}\n`);
    }
  }));
}
