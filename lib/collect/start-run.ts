import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import type pg from "pg";
import type { TEnv } from "../config/env";
import { clientConfig, countCalls } from "../aws/client-config";
import { describeAwsError } from "../aws/aws-error";
import { newCallStats } from "../aws/call-stats";
import { sharedRateGovernor } from "../aws/rate-governor";
import { createCredentialSource, type TCredentialSource } from "../aws/credential-source";
import { storePolicyDocuments, storeRecords } from "../snapshot/store-records";
import { collectOrganizationStructure, type TDiscoveredAccount, type TOrganizationSnapshot } from "./org/organization-structure";
import { collectIdentityCenter } from "./org/identity-center";
import { loadStaticAccounts } from "./org/static-accounts";
import { createRun, failRun, markInterruptedRuns } from "./run-records";
import type { TUnavailable } from "./types";

export type TStartedRun = {
  runId: number;
  accounts: TDiscoveredAccount[];
  /** Accounts this run collects (active, not skipped, within the requested subset). */
  pending: string[];
  credentials: TCredentialSource;
};

function skipReason(options: { account: TDiscoveredAccount; env: TEnv; only?: string[] }): string | null {
  const { account, env, only } = options;
  if (account.status !== "ACTIVE" || (account.state && account.state !== "ACTIVE")) return `account is ${account.state ?? account.status}`;
  if (env.COLLECT_SKIP_ACCOUNTS.includes(account.id)) return "listed in COLLECT_SKIP_ACCOUNTS";
  if (only && !only.includes(account.id)) return "not in this run's account selection";
  return null;
}

async function discover(options: { env: TEnv; credentials: TCredentialSource; documents: Map<string, unknown> }) {
  const { env, credentials, documents } = options;
  if (env.ACCOUNTS_FILE) return { org: loadStaticAccounts(env.ACCOUNTS_FILE), icBatches: [], icUnavailable: [] as TUnavailable[] };
  const stats = newCallStats();
  const config = clientConfig({ region: env.AWS_REGION, credentials: credentials.orgReader(stats), stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS });
  const pacing = { governor: sharedRateGovernor(), scope: "organization" };
  const organizations = countCalls(new OrganizationsClient(config), stats, pacing);
  const ssoAdmin = countCalls(new SSOAdminClient(config), stats, pacing);
  const identityStore = countCalls(new IdentitystoreClient(config), stats, pacing);
  try {
    const org: TOrganizationSnapshot = await collectOrganizationStructure({ client: organizations, documents });
    let icBatches: Awaited<ReturnType<typeof collectIdentityCenter>> = [];
    const icUnavailable: TUnavailable[] = [];
    if (env.COLLECT_IDENTITY_CENTER) {
      try {
        icBatches = await collectIdentityCenter({ ssoAdmin, identityStore, documents });
      } catch (error) {
        const info = describeAwsError(error);
        icUnavailable.push({ kind: "sso.*", collector: "identity-center", code: info.code, message: info.message });
      }
    }
    return { org, icBatches, icUnavailable, stats };
  } finally {
    organizations.destroy();
    ssoAdmin.destroy();
    identityStore.destroy();
  }
}

/**
 * Opens a run: marks abandoned runs interrupted, discovers the accounts (Organizations or
 * ACCOUNTS_FILE) and Identity Center, stores them, and lists each account's status. A
 * discovery failure fails the run with the error and writes no snapshot data.
 */
export async function startRun(options: { pool: pg.Pool; env: TEnv; trigger: string; accounts?: string[] }): Promise<TStartedRun> {
  const { pool, env } = options;
  await markInterruptedRuns({ pool, staleAfterSeconds: env.RUN_STALE_AFTER_SECONDS });
  const runId = await createRun({ pool, trigger: options.trigger, mode: env.ACCOUNTS_FILE ? `${env.COLLECT_MODE}+static` : env.COLLECT_MODE, runOptions: { accounts: options.accounts ?? null } });
  const credentials = createCredentialSource({ env, runId });
  const documents = new Map<string, unknown>();
  let found: Awaited<ReturnType<typeof discover>>;
  try {
    found = await discover({ env, credentials, documents });
  } catch (error) {
    const info = describeAwsError(error);
    await failRun({ pool, runId, error: `account discovery failed: ${info.code}: ${info.message}` });
    throw new Error(`run ${runId}: account discovery failed: ${info.code}: ${info.message}`);
  }
  await storePolicyDocuments({ pool, documents });
  await storeRecords({ pool, runId, scope: "org", batches: [...found.org.batches, ...found.icBatches] });
  const accounts = found.org.accounts;
  const pending: string[] = [];
  const reasons = accounts.map((account) => skipReason({ account, env, only: options.accounts }));
  accounts.forEach((account, i) => { if (!reasons[i]) pending.push(account.id); });
  await pool.query(
    `INSERT INTO account_run (run_id, account_id, account_name, status, error)
     SELECT $1, id, name, status::"AccountRunStatus", reason FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, status, reason)`,
    [runId, accounts.map((a) => a.id), accounts.map((a) => a.name), reasons.map((r) => (r ? "skipped" : "pending")), reasons],
  );
  const unavailable = [...found.org.unavailable, ...found.icUnavailable];
  await pool.query("UPDATE collection_run SET summary = $2 WHERE id = $1", [runId, JSON.stringify({ orgUnavailable: unavailable })]);
  return { runId, accounts, pending, credentials };
}
