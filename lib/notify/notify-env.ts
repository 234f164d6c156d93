import { z } from "zod";

const zBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const zEmails = z.string().transform((v, ctx) => {
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const address of list) {
    if (!z.email().safeParse(address).success) {
      ctx.addIssue({ code: "custom", message: `"${address}" is not an email address` });
      return z.NEVER;
    }
  }
  return list;
});

/**
 * Notification settings (.env.example, "Notifications"). Without SMTP_HOST no mail is
 * sent; without a webhook URL that channel is off. Validated when the workers start.
 */
export const ZNotifyEnv = z.object({
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: zBool.default(false),
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  SMTP_REQUIRE_TLS: zBool.default(false),
  SMTP_TLS_REJECT_UNAUTHORIZED: zBool.default(true),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).default("Access Atlas <access-atlas@localhost>"),
  /** Admins and auditors to tell about new critical findings (and the default for the CIS report). */
  NOTIFY_SECURITY_EMAILS: zEmails.default([]),
  NOTIFY_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  NOTIFY_SLACK_WEBHOOK_URL: z.url().optional(),
  NOTIFY_WEBHOOK_URL: z.url().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  /** Monthly CIS report (PDF) to these addresses; empty: not sent. */
  NOTIFY_CIS_REPORT_TO: zEmails.default([]),
  NOTIFY_CIS_REPORT_CRON: z.string().default("0 6 1 * *"),
  NOTIFY_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  NOTIFY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Links in messages point here. */
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
}).superRefine((env, ctx) => {
  if (env.NOTIFY_WEBHOOK_URL && !env.NOTIFY_WEBHOOK_SECRET) ctx.addIssue({ code: "custom", path: ["NOTIFY_WEBHOOK_SECRET"], message: "required with NOTIFY_WEBHOOK_URL: receivers check the HMAC signature" });
});
export type TNotifyEnv = z.infer<typeof ZNotifyEnv>;

export function loadNotifyEnv(source: Record<string, string | undefined> = process.env): TNotifyEnv {
  const parsed = ZNotifyEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    throw new Error(`Invalid notification configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
}
