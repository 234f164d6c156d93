import { createHmac, timingSafeEqual } from "node:crypto";

export const WEBHOOK_TIMESTAMP_HEADER = "x-atlas-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "x-atlas-signature";

/**
 * HMAC-SHA256 over `<unix seconds>.<raw body>`, sent as `v1=<hex>` next to the timestamp
 * (Stripe's and Slack's scheme): the receiver recomputes it with the shared secret and
 * rejects old timestamps, so a captured request cannot be replayed later.
 */
export function signWebhook(options: { secret: string; timestamp: number; body: string }): string {
  return `v1=${createHmac("sha256", options.secret).update(`${options.timestamp}.${options.body}`).digest("hex")}`;
}

/** What a receiver does (documented in the README, used by the tests). */
export function verifyWebhook(options: { secret: string; timestamp: string | null; signature: string | null; body: string; now?: number; toleranceSeconds?: number }): boolean {
  if (!options.timestamp || !options.signature || !/^\d+$/.test(options.timestamp)) return false;
  const age = Math.abs((options.now ?? Date.now()) / 1000 - Number(options.timestamp));
  if (age > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook({ secret: options.secret, timestamp: Number(options.timestamp), body: options.body }));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
