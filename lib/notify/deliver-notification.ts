import nodemailer from "nodemailer";
import type { TNotifyEnv } from "./notify-env";
import type { TNotificationChannel, TNotificationPayload } from "./notification-types";
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "./sign-webhook";

export type TAttachment = { filename: string; content: Buffer; contentType: string };

const WEBHOOK_TIMEOUT_MS = 10_000;

function mailTransport(env: TNotifyEnv) {
  return nodemailer.createTransport({
    host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE, requireTLS: env.SMTP_REQUIRE_TLS,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? "" } : undefined,
    tls: { rejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED },
    // A hung server must fail the attempt (and the job retry), not hold a worker.
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000,
  });
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "user-agent": "access-atlas-notifier", ...headers }, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`webhook answered ${response.status} ${(await response.text()).slice(0, 200)}`);
}

/** Sends one notification over its channel; throws when the server refuses, so the job retries. */
export async function deliverNotification(options: {
  env: TNotifyEnv; channel: TNotificationChannel; recipients: string[]; subject: string; payload: TNotificationPayload; attachments?: TAttachment[]; id: number;
}): Promise<string> {
  const { env, payload } = options;
  if (options.channel === "email") {
    if (!env.SMTP_HOST) throw new Error("SMTP_HOST is not set");
    const info = await mailTransport(env).sendMail({
      from: env.SMTP_FROM, to: options.recipients, subject: options.subject, text: payload.text, attachments: options.attachments,
      headers: { "X-Access-Atlas-Notification": String(options.id) },
    });
    return `accepted by ${env.SMTP_HOST}: ${info.messageId}`;
  }
  if (options.channel === "slack") {
    if (!env.NOTIFY_SLACK_WEBHOOK_URL) throw new Error("NOTIFY_SLACK_WEBHOOK_URL is not set");
    // Slack's incoming webhooks take {"text": …} (mrkdwn); compatible receivers (Mattermost, Rocket.Chat) too.
    await post(env.NOTIFY_SLACK_WEBHOOK_URL, JSON.stringify({ text: payload.text }), {});
    return "posted to the Slack webhook";
  }
  if (!env.NOTIFY_WEBHOOK_URL || !env.NOTIFY_WEBHOOK_SECRET) throw new Error("NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET must be set");
  const body = JSON.stringify({ id: options.id, subject: options.subject, ...payload.json, sentAt: new Date().toISOString() });
  const timestamp = Math.floor(Date.now() / 1000);
  await post(env.NOTIFY_WEBHOOK_URL, body, {
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp), [WEBHOOK_SIGNATURE_HEADER]: signWebhook({ secret: env.NOTIFY_WEBHOOK_SECRET, timestamp, body }),
  });
  return "posted to the webhook";
}
