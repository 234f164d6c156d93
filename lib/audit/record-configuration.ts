import { createHash } from "node:crypto";
import os from "node:os";
import type pg from "pg";
import { recordAuditEvent } from "./record-audit-event";

// Configuration lives in the environment, so "configuration changes" are seen where a
// process starts: each component records its settings when they differ from the last
// ones it recorded. Secrets are never written, only a short fingerprint that changes
// when they do.

export const CONFIGURATION_KEYS = {
  console: {
    plain: ["NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_PROVIDER_NAME", "OIDC_SCOPES", "OIDC_GROUPS_CLAIM", "ROLE_MAP", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "TRUSTED_PROXIES"],
    secret: ["NEXTAUTH_SECRET", "OIDC_CLIENT_SECRET"],
  },
  collector: {
    plain: ["COLLECT_MODE", "AUDIT_ROLE_NAME", "AUDIT_ROLE_PATH", "ORG_READER_ROLE_ARN", "ORG_READER_ACCOUNT_ID", "IDENTITY_CENTER_ROLE_NAME", "ACCOUNTS_FILE",
      "COLLECT_SKIP_ACCOUNTS", "COLLECT_SCHEDULE", "COLLECT_IDENTITY_CENTER", "AWS_ENDPOINT_URL", "ANALYSIS_UNUSED_DAYS", "ANALYSIS_KEY_MAX_AGE_DAYS", "KNOWN_VENDORS"],
    secret: ["AUDIT_ROLE_EXTERNAL_ID"],
  },
} as const;
export type TConfigurationComponent = keyof typeof CONFIGURATION_KEYS;

/** The settings as recorded: plain values as they are, secrets as "set (fingerprint …)". */
export function describeConfiguration(options: { component: TConfigurationComponent; env: Record<string, string | undefined> }): Record<string, string | null> {
  const keys = CONFIGURATION_KEYS[options.component];
  const value = (key: string) => (options.env[key] ? options.env[key]! : null);
  const settings: Record<string, string | null> = {};
  for (const key of keys.plain) settings[key] = value(key);
  for (const key of keys.secret) {
    const secret = value(key);
    settings[key] = secret === null ? null : `set (fingerprint ${createHash("sha256").update(secret).digest("hex").slice(0, 8)})`;
  }
  return settings;
}

/** Appends a config.change event when `component`'s settings differ from the last recorded ones; returns the changed keys. */
export async function recordConfigurationIfChanged(options: { pool: pg.Pool; component: TConfigurationComponent; env?: Record<string, string | undefined> }): Promise<string[]> {
  const settings = describeConfiguration({ component: options.component, env: options.env ?? process.env });
  const { rows } = await options.pool.query(
    "SELECT details->'settings' AS settings FROM audit_event WHERE action = 'config.change' AND target_type = 'configuration' AND target_id = $1 ORDER BY id DESC LIMIT 1",
    [options.component],
  );
  const previous: Record<string, string | null> | null = rows[0]?.settings ?? null;
  const changed = Object.keys(settings).filter((key) => !previous || (previous[key] ?? null) !== settings[key]);
  if (changed.length === 0) return [];
  await recordAuditEvent({
    db: options.pool,
    event: {
      actor: { id: "system", email: null, roles: [] }, action: "config.change", targetType: "configuration", targetId: options.component,
      details: { settings, changed, previous: previous && Object.fromEntries(changed.map((key) => [key, previous[key] ?? null])), host: os.hostname(), pid: process.pid },
    },
  });
  return changed;
}
