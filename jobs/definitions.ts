import { z } from "zod";

/** Every background job: name, payload schema. Triggering goes through `enqueue` so payloads are typed. */
export const ZCollectOrganizationPayload = z.object({
  trigger: z.string().default("schedule"),
  accounts: z.array(z.string().regex(/^\d{12}$/)).optional(),
});
export const ZCollectAccountPayload = z.object({
  runId: z.number().int().positive(),
  accountId: z.string().regex(/^\d{12}$/),
});

export const ZAnalyzeSnapshotPayload = z.object({
  collectionRunId: z.number().int().positive(),
  /** Analyse everything afresh instead of only what changed since the previous analysis. */
  full: z.boolean().optional(),
});

export const JOBS = {
  collectOrganization: { name: "collect-organization", schema: ZCollectOrganizationPayload },
  collectAccount: { name: "collect-account", schema: ZCollectAccountPayload },
  analyzeSnapshot: { name: "analyze-snapshot", schema: ZAnalyzeSnapshotPayload },
} as const;

export type TJobName = keyof typeof JOBS;
export type TJobPayload<N extends TJobName> = z.input<(typeof JOBS)[N]["schema"]>;
