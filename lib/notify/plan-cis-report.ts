import type { TNotifyEnv } from "./notify-env";
import type { TPlannedNotification } from "./notification-types";

/** The month's CIS report mail (rendered as PDF when it is sent), once per month. */
export function planCisReport(options: { env: TNotifyEnv; now: Date }): TPlannedNotification[] {
  const { env } = options;
  if (!env.SMTP_HOST || env.NOTIFY_CIS_REPORT_TO.length === 0) return [];
  const month = options.now.toISOString().slice(0, 7);
  return [{
    channel: "email", event: "cis.monthly", dedupeKey: `cis.monthly:${month}`, recipients: env.NOTIFY_CIS_REPORT_TO,
    subject: `CIS AWS Foundations v5 IAM report, ${month}`,
    payload: { text: `Attached: the CIS AWS Foundations Benchmark v5 IAM section for the organization, from the latest analysis.\n\nThe live report: ${env.NEXTAUTH_URL}/reports\n`, attachCisReport: { scope: "org" } },
  }];
}
