import type pg from "pg";
import { findLatestAnalysis } from "../console/find-latest-analysis";
import type { TNotifyEnv } from "./notify-env";
import type { TPlannedNotification } from "./notification-types";
import { webhookChannels } from "./plan-campaign-notifications";

const SHOWN = 20;

/**
 * After an analysis: its new critical findings by mail to the admins and auditors, its new
 * critical and high findings to the webhooks. "New" is first seen in the analysed run, so
 * analysing the same run again sends nothing twice (the key is the run).
 */
export async function planFindingNotifications(options: { pool: pg.Pool; env: TNotifyEnv }): Promise<TPlannedNotification[]> {
  const { pool, env } = options;
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) return [];
  const { rows: findings } = await pool.query(
    `SELECT f.id, f.rule, f.title, f.severity, f.account_id AS "accountId", f.resource_name AS "resourceName"
     FROM finding f WHERE f.status = 'open' AND f.first_seen_run = $1 AND f.severity IN ('critical', 'high')
     ORDER BY f.severity = 'critical' DESC, f.id`,
    [analysis.collectionRunId],
  );
  if (findings.length === 0) return [];
  const run = analysis.collectionRunId;
  const link = `${env.NEXTAUTH_URL}/findings?severity=critical`;
  const line = (f: { severity: string; title: string; resourceName: string; accountId: string | null }) => `- [${f.severity}] ${f.title}: ${f.resourceName}${f.accountId ? ` (${f.accountId})` : ""}`;
  const planned: TPlannedNotification[] = [];
  const critical = findings.filter((f) => f.severity === "critical");
  const recipients = await securityRecipients({ pool, env });
  if (env.SMTP_HOST && critical.length > 0 && recipients.length > 0) {
    const more = critical.length > SHOWN ? `\n… and ${critical.length - SHOWN} more` : "";
    planned.push({
      channel: "email", event: "findings.new", dedupeKey: `findings.new:${run}:email`, recipients,
      subject: `${critical.length} new critical finding(s) in collection run ${run}`,
      payload: { text: `The analysis of collection run ${run} opened ${critical.length} new critical finding(s):\n\n${critical.slice(0, SHOWN).map(line).join("\n")}${more}\n\n${link}\n` },
    });
  }
  const counts = { critical: critical.length, high: findings.length - critical.length };
  for (const hook of webhookChannels(env)) {
    planned.push({
      channel: hook.channel, event: "findings.new", dedupeKey: `findings.new:${run}:${hook.channel}`, recipients: [hook.url],
      subject: `${counts.critical} critical and ${counts.high} high new finding(s) in collection run ${run}`,
      payload: {
        text: `Access Atlas: ${counts.critical} critical and ${counts.high} high new finding(s) in collection run ${run}\n${findings.slice(0, SHOWN).map(line).join("\n")}\n<${env.NEXTAUTH_URL}/findings>`,
        json: { event: "findings.new", collectionRunId: run, analysisId: analysis.analysisId, counts, findings: findings.slice(0, 200), url: `${env.NEXTAUTH_URL}/findings` },
      },
    });
  }
  return planned;
}

/** NOTIFY_SECURITY_EMAILS, and admins and auditors who signed in during the last 90 days (the IdP holds no list we could read). */
export async function securityRecipients(options: { pool: pg.Pool; env: TNotifyEnv }): Promise<string[]> {
  const { rows } = await options.pool.query(
    `SELECT DISTINCT lower(actor_email) AS email FROM audit_event
     WHERE action = 'auth.sign-in' AND at > now() - interval '90 days' AND actor_email IS NOT NULL AND actor_roles && ARRAY['admin', 'auditor']`,
  );
  return [...new Set([...options.env.NOTIFY_SECURITY_EMAILS.map((e) => e.toLowerCase()), ...rows.map((r) => r.email as string)])].sort();
}
