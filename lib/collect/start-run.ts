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
import type { TRecordBatch } from "../snapshot/types";
import { addOrganizationTags, collectOrganizationStructure, type TDiscoveredAccount, type TOrganizationSnapshot } from "./org/organization-structure";
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
  /**
   * Account and OU tags and Identity Center, collected while the accounts are: settles
   * (never rejects) once stored; the run cannot finish before it.
   */
  background: Promise<void>;
};

/** Kinds stored once the background part has tagged them (stored twice, they would churn). */
const TAGGED_KINDS = new Set(["org.account", "org.ou"]);

function skipReason(options: { account: TDiscoveredAccount; env: TEnv; only?: string[] }): string | null {
  const { account, env, only } = options;
  if (account.status !== "ACTIVE" || (account.state && account.state !== "ACTIVE")) return `account is ${account.state ?? account.status}`;
  if (env.COLLECT_SKIP_ACCOUNTS.includes(account.id)) return "listed in COLLECT_SKIP_ACCOUNTS";
  if (only && !only.includes(account.id)) return "not in this run's account selection";
  return null;
}

function orgClients(options: { env: TEnv; credentials: TCredentialSource }) {
  const { env } = options;
  const stats = newCallStats();
  const config = clientConfig({ region: env.AWS_REGION, credentials: options.credentials.orgReader(stats), stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS });
  const pacing = { governor: sharedRateGovernor(), scope: "organization" };
  const clients = {
    organizations: countCalls(new OrganizationsClient(config), stats, pacing),
    ssoAdmin: countCalls(new SSOAdminClient(config), stats, pacing),
    identityStore: countCalls(new IdentitystoreClient(config), stats, pacing),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

/** Tags and Identity Center: a failure is recorded as unavailable data, never thrown. */
async function collectBackground(options: {
  pool: pg.Pool; env: TEnv; runId: number; org: TOrganizationSnapshot; clients?: ReturnType<typeof orgClients>;
}): Promise<void> {
  const { pool, env, runId, org, clients } = options;
  const documents = new Map<string, unknown>();
  const unavailable: TUnavailable[] = [];
  let batches: TRecordBatch[] = org.batches.filter((b) => TAGGED_KINDS.has(b.kind));
  try {
    if (clients) {
      try {
        batches = await addOrganizationTags({ client: clients.organizations, snapshot: org });
      } catch (error) {
        const info = describeAwsError(error);
        unavailable.push({ kind: "org.tags", collector: "organization", code: info.code, message: info.message });
      }
      if (env.COLLECT_IDENTITY_CENTER) {
        try {
          batches.push(...(await collectIdentityCenter({ ssoAdmin: clients.ssoAdmin, identityStore: clients.identityStore, documents })));
        } catch (error) {
          const info = describeAwsError(error);
          unavailable.push({ kind: "sso.*", collector: "identity-center", code: info.code, message: info.message });
        }
      }
    }
    await storePolicyDocuments({ pool, documents });
    await storeRecords({ pool, runId, scope: "org", batches });
  } catch (error) {
    unavailable.push({ kind: "org.*", collector: "organization", code: "StoreFailed", message: (error as Error).message });
  } finally {
    clients?.destroy();
    await pool.query(
      `UPDATE collection_run SET summary = coalesce(summary, '{}') || jsonb_build_object('backgroundPending', false,
         'orgUnavailable', coalesce(summary->'orgUnavailable', '[]'::jsonb) || $2::jsonb) WHERE id = $1`,
      [runId, JSON.stringify(unavailable)],
    );
  }
}

/**
 * Opens a run: marks abandoned runs interrupted, discovers the accounts (Organizations or
 * ACCOUNTS_FILE), lists each account's status, and starts the background part (tags,
 * Identity Center). A discovery failure fails the run and writes no snapshot data.
 */
export async function startRun(options: { pool: pg.Pool; env: TEnv; trigger: string; accounts?: string[] }): Promise<TStartedRun> {
  const { pool, env } = options;
  await markInterruptedRuns({ pool, staleAfterSeconds: env.RUN_STALE_AFTER_SECONDS });
  const runId = await createRun({ pool, trigger: options.trigger, mode: env.ACCOUNTS_FILE ? `${env.COLLECT_MODE}+static` : env.COLLECT_MODE, runOptions: { accounts: options.accounts ?? null } });
  const credentials = createCredentialSource({ env, runId });
  const documents = new Map<string, unknown>();
  let org: TOrganizationSnapshot;
  let clients: ReturnType<typeof orgClients> | undefined;
  try {
    if (env.ACCOUNTS_FILE) {
      org = loadStaticAccounts(env.ACCOUNTS_FILE);
    } else {
      clients = orgClients({ env, credentials });
      org = await collectOrganizationStructure({ client: clients.organizations, documents });
    }
    await storePolicyDocuments({ pool, documents });
    await storeRecords({ pool, runId, scope: "org", batches: org.batches.filter((b) => !TAGGED_KINDS.has(b.kind)) });
  } catch (error) {
    clients?.destroy();
    const info = describeAwsError(error);
    await failRun({ pool, runId, error: `account discovery failed: ${info.code}: ${info.message}` });
    throw new Error(`run ${runId}: account discovery failed: ${info.code}: ${info.message}`);
  }
  const accounts = org.accounts;
  const reasons = accounts.map((account) => skipReason({ account, env, only: options.accounts }));
  const pending = accounts.filter((_, i) => !reasons[i]).map((a) => a.id);
  await pool.query(
    `INSERT INTO account_run (run_id, account_id, account_name, status, error)
     SELECT $1, id, name, status::"AccountRunStatus", reason FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, status, reason)`,
    [runId, accounts.map((a) => a.id), accounts.map((a) => a.name), reasons.map((r) => (r ? "skipped" : "pending")), reasons],
  );
  await pool.query("UPDATE collection_run SET summary = $2 WHERE id = $1", [runId, JSON.stringify({ orgUnavailable: org.unavailable, backgroundPending: true })]);
  const background = collectBackground({ pool, env, runId, org, clients });
  return { runId, accounts, pending, credentials, background };
}
