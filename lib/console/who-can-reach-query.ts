import { z } from "zod";
import { ConsoleError } from "./console-error";
import { firstValues, toQueryString, type TRawSearchParams } from "./search-params";

export const ACCESS_LEVEL_OPTIONS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;

/**
 * The who-can-reach form's URL state. Values are kept as typed (strict checks happen in
 * findWhoCanReachView), so a bad value is reported by name instead of silently replaced.
 */
export const ZWhoCanReachQuery = z.object({
  account: z.string().trim().max(40, "account: at most 40 characters (account ids are 12 digits)").optional(),
  ou: z.string().trim().max(80, "ou: at most 80 characters").optional(),
  service: z.string().trim().max(80, "service: at most 80 characters").optional(),
  action: z.string().trim().max(200, "action: at most 200 characters (e.g. iam:PassRole)").optional(),
  /** One resource (its ARN): who reaches it at exactly `level`, through identity and resource policies. */
  resource: z.string().trim().max(2048).optional(),
  /** A resource type (s3-bucket, kms-key, …): stands for its service in the account/OU question. */
  resourceType: z.string().trim().max(40).optional(),
  level: z.enum(ACCESS_LEVEL_OPTIONS).catch("Write"),
});
export type TWhoCanReachQuery = z.infer<typeof ZWhoCanReachQuery>;

const DEFAULTS = { level: "Write" };

/** The query, or a ConsoleError "invalid" naming the field (400 from a route, a message on the page). */
export function parseWhoCanReachQuery(raw: TRawSearchParams | URLSearchParams): TWhoCanReachQuery {
  const parsed = ZWhoCanReachQuery.safeParse(firstValues(raw));
  if (!parsed.success) throw new ConsoleError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "));
  return parsed.data;
}

/** The query string (with leading "?") for a who-can-reach state; shared by the page and its CSV link. */
export function whoCanReachQueryString(query: Partial<TWhoCanReachQuery>): string {
  return toQueryString({ values: query, defaults: DEFAULTS });
}

/** True when nothing has been asked yet (the page shows the empty form). */
export function isBlankWhoCanReachQuery(query: TWhoCanReachQuery): boolean {
  return !query.account && !query.ou && !query.service && !query.action && !query.resource && !query.resourceType;
}
