import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { SSOClient, GetRoleCredentialsCommand } from "@aws-sdk/client-sso";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { fromSso } from "@aws-sdk/token-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { TEnv } from "../config/env";
import { clientConfig, countCalls } from "./client-config";
import type { TCallStats } from "./call-stats";

/** Where each account's read-only credentials come from, cached per account for a run. */
export type TCredentialSource = {
  mode: TEnv["COLLECT_MODE"];
  forAccount: (accountId: string, stats: TCallStats) => AwsCredentialIdentityProvider;
  /** Credentials for Organizations / Identity Center reads (management or delegated admin). */
  orgReader: (stats: TCallStats) => AwsCredentialIdentityProvider;
};

const REFRESH_MARGIN_MS = 5 * 60_000;

/** Caches one credential set until shortly before it expires; concurrent callers share the fetch. */
function cachedProvider(fetch: () => Promise<AwsCredentialIdentity>): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current) {
      const creds = await current.catch(() => undefined);
      if (creds && (!creds.expiration || creds.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return creds;
    }
    current = fetch();
    current.catch(() => (current = undefined));
    return current;
  };
}

function auditRoleArn(options: { env: TEnv; accountId: string }): string {
  const partition = options.env.AWS_REGION.startsWith("cn-") ? "aws-cn" : options.env.AWS_REGION.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return `arn:${partition}:iam::${options.accountId}:role${options.env.AUDIT_ROLE_PATH}${options.env.AUDIT_ROLE_NAME}`;
}

function jumpAccountSource(options: { env: TEnv; runId: number }): TCredentialSource {
  const { env } = options;
  // Never a key in code or in the database: environment, shared config/SSO profile,
  // or the instance/task role, as the SDK resolves them.
  const hub = fromNodeProviderChain();
  const cache = new Map<string, AwsCredentialIdentityProvider>();
  const sessionName = `access-atlas-run-${options.runId}`;
  const assume = (roleArn: string, stats: TCallStats, externalId?: string) =>
    cachedProvider(async () => {
      const sts = countCalls(
        new STSClient(clientConfig({ region: env.AWS_REGION, credentials: hub, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS })),
        stats,
      );
      try {
        const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ExternalId: externalId, DurationSeconds: 3600 }));
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
      } finally {
        sts.destroy();
      }
    });
  return {
    mode: "jump-account",
    forAccount: (accountId, stats) => {
      if (!cache.has(accountId)) cache.set(accountId, assume(auditRoleArn({ env, accountId }), stats, env.AUDIT_ROLE_EXTERNAL_ID));
      return cache.get(accountId)!;
    },
    orgReader: (stats) => {
      if (!env.ORG_READER_ROLE_ARN) return hub;
      if (!cache.has("org-reader")) cache.set("org-reader", assume(env.ORG_READER_ROLE_ARN, stats, env.AUDIT_ROLE_EXTERNAL_ID));
      return cache.get("org-reader")!;
    },
  };
}

function identityCenterSource(options: { env: TEnv }): TCredentialSource {
  const { env } = options;
  const readerAccount = env.ORG_READER_ACCOUNT_ID;
  const token = env.SSO_ACCESS_TOKEN
    ? async () => env.SSO_ACCESS_TOKEN!
    : async () => (await fromSso({ profile: env.SSO_PROFILE })()).token;
  const cache = new Map<string, AwsCredentialIdentityProvider>();
  const forAccount = (accountId: string, stats: TCallStats) => {
    if (!cache.has(accountId)) {
      cache.set(accountId, cachedProvider(async () => {
        const sso = countCalls(new SSOClient({ ...clientConfig({ region: env.SSO_REGION ?? env.AWS_REGION, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS }), credentials: undefined }), stats);
        try {
          const out = await sso.send(new GetRoleCredentialsCommand({ accountId, roleName: env.IDENTITY_CENTER_ROLE_NAME, accessToken: await token() }));
          const c = out.roleCredentials;
          if (!c?.accessKeyId || !c.secretAccessKey) throw new Error(`GetRoleCredentials for ${accountId} returned no credentials`);
          return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? new Date(c.expiration) : undefined };
        } finally {
          sso.destroy();
        }
      }));
    }
    return cache.get(accountId)!;
  };
  return {
    mode: "identity-center",
    forAccount,
    orgReader: (stats) => {
      if (!readerAccount) throw new Error("ORG_READER_ACCOUNT_ID must be set in identity-center mode (the management or delegated-admin account)");
      return forAccount(readerAccount, stats);
    },
  };
}

export function createCredentialSource(options: { env: TEnv; runId: number }): TCredentialSource {
  return options.env.COLLECT_MODE === "identity-center" ? identityCenterSource(options) : jumpAccountSource(options);
}
