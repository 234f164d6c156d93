import { z } from "zod";

// The shapes stored in review_campaign.scope / reviewer_config (and review_schedule), and the
// inputs every review entry point validates before touching the database.

export const PRINCIPAL_KINDS = ["iam-user", "iam-role", "sso-user"] as const;
/** resource-shares: the resources shared outside the organization or public, one item per (resource, outside party). */
export const SCOPE_ONLY = ["all", "admin-equivalent", "external-trust", "resource-shares"] as const;
export const DECISIONS = ["keep", "revoke", "change"] as const;
export const ACCESS_KINDS = ["direct", "via-role", "sso-assignment", "resource-share"] as const;
export type TDecision = (typeof DECISIONS)[number];
export type TAccessKind = (typeof ACCESS_KINDS)[number];

const zEmail = z.string().trim().toLowerCase().email("not an email address");
const zAccountId = z.string().trim().regex(/^\d{12}$/, "account ids are 12 digits");

export const ZCampaignScope = z.object({
  /** Empty (with ouIds empty too) means every account. */
  accountIds: z.array(zAccountId).max(1000).default([]),
  ouIds: z.array(z.string().trim().regex(/^ou-[a-z0-9]+-[a-z0-9]+$|^r-[a-z0-9]+$/, "OU ids look like ou-xxxx-xxxxxxxx (or r-xxxx for the root)")).max(500).default([]),
  kinds: z.array(z.enum(PRINCIPAL_KINDS)).min(1, "choose at least one principal kind").default([...PRINCIPAL_KINDS]),
  only: z.enum(SCOPE_ONLY).default("all"),
});
export type TCampaignScope = z.infer<typeof ZCampaignScope>;

export const ZReviewerConfig = z.object({
  /** Account tag holding the owner's email (on the org.account snapshot row), e.g. "owner". */
  ownerTag: z.string().trim().max(128).optional().transform((v) => v || undefined),
  /** Explicit account → reviewer email; wins over the owner tag. */
  mapping: z.record(zAccountId, zEmail).default({}),
  fallback: zEmail,
});
export type TReviewerConfig = z.infer<typeof ZReviewerConfig>;

export const ZCreateCampaignInput = z.object({
  name: z.string().trim().min(3, "name: at least 3 characters").max(200, "name: at most 200 characters"),
  description: z.string().trim().max(4000).default(""),
  scope: ZCampaignScope,
  reviewers: ZReviewerConfig,
  dueAt: z.coerce.date({ message: "due date: not a date" }),
});
export type TCreateCampaignInput = z.input<typeof ZCreateCampaignInput>;

export const ZDecisionInput = z
  .object({
    decision: z.enum(DECISIONS, { message: "decision must be keep, revoke or change" }),
    comment: z.string().trim().max(4000, "comment: at most 4000 characters").optional().transform((v) => v || undefined),
  })
  .refine((d) => d.decision === "keep" || !!d.comment, { message: "a comment is required to revoke or change access", path: ["comment"] });

/** An admin's change of a decided item: the new decision and the reason, which is required. */
export const ZOverrideInput = z.object({
  decision: z.enum(DECISIONS, { message: "decision must be keep, revoke or change" }),
  reason: z.string({ message: "a reason is required to override a decision" }).trim()
    .min(1, "a reason is required to override a decision").max(4000, "reason: at most 4000 characters"),
});

/** Filters of a campaign's item list (URL state and bulk decisions share them). */
export const ZItemFilters = z.object({
  account: zAccountId.optional().catch(undefined),
  state: z.enum(["all", "open", "decided", "keep", "revoke", "change"]).catch("all").default("all"),
  kind: z.enum(PRINCIPAL_KINDS).optional().catch(undefined),
  adminOnly: z.enum(["1"]).optional().catch(undefined),
  reviewer: zEmail.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TItemFilters = z.infer<typeof ZItemFilters>;

export const ZScheduleInput = z.object({
  name: z.string().trim().min(3, "name: at least 3 characters").max(200),
  scope: ZCampaignScope,
  reviewers: ZReviewerConfig,
  everyMonths: z.coerce.number().int().min(1, "every: at least 1 month").max(36, "every: at most 36 months"),
  dueDays: z.coerce.number().int().min(1, "due in: at least 1 day").max(365, "due in: at most 365 days"),
  firstRunAt: z.coerce.date({ message: "first run: not a date" }),
});
export type TScheduleInput = z.input<typeof ZScheduleInput>;

/** zod's first issue as one readable sentence naming the field. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.join(".");
  return path && !issue.message.startsWith(path.split(".").pop()!) ? `${path}: ${issue.message}` : issue.message;
}
