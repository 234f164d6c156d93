export const NOTIFICATION_CHANNELS = ["email", "slack", "webhook"] as const;
export type TNotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_EVENTS = ["campaign.assigned", "campaign.reminder", "campaign.overdue", "campaign.created", "campaign.signed-off", "findings.new", "cis.monthly"] as const;
export type TNotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** What a notification carries: mail text, the webhook's JSON, or a report to render at send time. */
export type TNotificationPayload = { text: string; json?: Record<string, unknown>; attachCisReport?: { scope: string } };

export type TPlannedNotification = {
  channel: TNotificationChannel; event: TNotificationEvent; dedupeKey: string; recipients: string[]; subject: string; payload: TNotificationPayload;
};
