import { z } from "zod";

const zBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const zCsv = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));

/** Every variable the project reads; `.env.example` documents each one. */
export const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),

  AWS_REGION: z.string().default("us-east-1"),
  COLLECT_MODE: z.enum(["jump-account", "identity-center"]).default("jump-account"),
  AUDIT_ROLE_NAME: z.string().min(1).default("GovernanceAuditRole"),
  AUDIT_ROLE_EXTERNAL_ID: z.string().min(2).optional(),
  AUDIT_ROLE_PATH: z.string().startsWith("/").endsWith("/").default("/"),
  ORG_READER_ROLE_ARN: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN").optional(),
  ORG_READER_ACCOUNT_ID: z.string().regex(/^\d{12}$/, "must be a 12-digit account id").optional(),
  ACCOUNTS_FILE: z.string().optional(),
  IDENTITY_CENTER_ROLE_NAME: z.string().default("AccessAtlasAudit"),
  SSO_PROFILE: z.string().optional(),
  SSO_ACCESS_TOKEN: z.string().optional(),
  SSO_REGION: z.string().optional(),
  // Identity Center's home region; discovered (AWS_REGION first, then the others) when unset.
  IDENTITY_CENTER_REGION: z.string().optional(),

  COLLECT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  COLLECT_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  COLLECT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  COLLECT_ACCOUNT_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(30 * 60_000),
  // Circuit breaker: an account with no answered call for this long is stopped and failed.
  COLLECT_NO_PROGRESS_MS: z.coerce.number().int().min(1_000).default(120_000),
  // Retries of a timed-out call (the server may still be working on it): few, and spaced out.
  COLLECT_TIMEOUT_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  COLLECT_SKIP_ACCOUNTS: zCsv.default([]),
  COLLECT_SCHEDULE: z.string().default("0 3 * * *"),
  COLLECT_IDENTITY_CENTER: zBool.default(true),
  /** Data resources (S3, KMS, SQS, …) in every enabled region of each account. */
  COLLECT_RESOURCES: zBool.default(true),
  /** Only these regions (each still only where the account has it enabled); empty = every enabled region. */
  COLLECT_REGIONS: zCsv.pipe(z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be region names like eu-west-1"))).default([]),
  ACCESS_ADVISOR_MAX_AGE_HOURS: z.coerce.number().min(0).default(24),
  ACCESS_ADVISOR_BUDGET: z.coerce.number().int().min(0).default(2_000),
  ACCESS_ADVISOR_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  ACCESS_ADVISOR_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(4),
  CREDENTIAL_REPORT_MAX_AGE_HOURS: z.coerce.number().min(0).max(24).default(4),
  RUN_STALE_AFTER_SECONDS: z.coerce.number().int().min(10).default(120),
  /** Snapshots older than this are pruned daily (runs pinned by a review campaign stay); 0 keeps everything. */
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(0).default(400),
  HISTORY_PRUNE_SCHEDULE: z.string().default("30 4 * * *"),

  ANALYSIS_UNUSED_DAYS: z.coerce.number().int().min(1).default(90),
  ANALYSIS_KEY_MAX_AGE_DAYS: z.coerce.number().int().min(1).default(90),
  /** Known third parties: "464622532012=Datadog,352813966189=CloudCheckr". */
  KNOWN_VENDORS: z.string().default("").transform((value, ctx) => {
    const vendors: Record<string, string> = {};
    for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
      const [account, name] = entry.split("=").map((s) => s.trim());
      if (!/^\d{12}$/.test(account ?? "") || !name) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not <12-digit account id>=<name>` });
        return z.NEVER;
      }
      vendors[account] = name;
    }
    return vendors;
  }),
});
export type TEnv = z.infer<typeof ZEnv>;

/**
 * Validates the environment; a bad value fails with the variable's name. Not cached: it is
 * cheap, and a process that adjusts its own environment (the demo) must see the change.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = ZEnv.safeParse(blanksRemoved);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee .env.example for every variable.`);
  }
  return parsed.data;
}
