import { describe, expect, it } from "vitest";
import { loadNotifyEnv } from "./notify-env";
import { signWebhook, verifyWebhook } from "./sign-webhook";

describe("notification settings", () => {
  it("name the variable that is wrong", () => {
    expect(() => loadNotifyEnv({ NOTIFY_WEBHOOK_URL: "https://hooks.example/x" })).toThrow(/NOTIFY_WEBHOOK_SECRET: required with NOTIFY_WEBHOOK_URL/);
    expect(() => loadNotifyEnv({ NOTIFY_SECURITY_EMAILS: "ok@acme.example, not-an-address" })).toThrow(/NOTIFY_SECURITY_EMAILS: "not-an-address" is not an email address/);
    expect(() => loadNotifyEnv({ SMTP_PORT: "99999" })).toThrow(/SMTP_PORT/);
    expect(loadNotifyEnv({ SMTP_HOST: "mail.acme.example", SMTP_SECURE: "true", NOTIFY_CIS_REPORT_TO: "a@acme.example,b@acme.example" })).toMatchObject({
      SMTP_HOST: "mail.acme.example", SMTP_PORT: 587, SMTP_SECURE: true, NOTIFY_CIS_REPORT_TO: ["a@acme.example", "b@acme.example"], NOTIFY_RETRY_LIMIT: 5,
    });
  });
});

describe("webhook signatures", () => {
  const secret = "0123456789abcdef-secret";
  it("are HMAC-SHA256 of timestamp.body, and refuse old timestamps", () => {
    // The value from outside our code: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 0123456789abcdef-secret
    const signature = signWebhook({ secret, timestamp: 1_700_000_000, body: '{"a":1}' });
    expect(signature).toBe("v1=6948a2dc6985c92d09b9edade5c97dce2ba201452d91a72e4a20d35abe4d3420");
    expect(verifyWebhook({ secret, timestamp: "1700000000", signature, body: '{"a":1}', now: 1_700_000_100_000 })).toBe(true);
    expect(verifyWebhook({ secret, timestamp: "1700000000", signature, body: '{"a":1}', now: 1_700_001_000_000 })).toBe(false);
    expect(verifyWebhook({ secret, timestamp: null, signature, body: '{"a":1}' })).toBe(false);
  });
});
