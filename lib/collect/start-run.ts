import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import type pg from "pg";
import type { TEnv } from "../config/env";
import { clientConfig, countCalls } from "../aws/client-config";
import { describeAwsError } from "../aws/aws-error";
import { newCallStats, type TCallStats } from "../aws/call-stats";
import { sharedRateGovernor } from "../aws/rate-governor";
import { createCredentialSource, type TCredentialSource } from "../aws/credential-source";
import { storePolicyDocuments, storeRecords } from "../snapshot/store-records";
import type { TRecordBatch } from "../snapshot/types";
import { addOrganizationTags, collectOrganizationStructure, type TDiscoveredAccount, type TOrganizationSnapshot } from "./org/organization-structure";
import { collectIdentityCenter } from "./org/identity-center";
import { findIdentityCenterRegion, type TIdentityCenterRegion } from "./org/identity-center-region";
import { checkIamOperations, checkIdentityCenterOperations, describeMissing, type TMissingOperation } from "./check-endpoint";
import { ListInstancesCommand } from "@aws-sdk/client-sso-admin";
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

/**
 * Organizations in AWS_REGION; SSO Admin and Identity Store per region on demand, since
 * Identity Center answers only in its home region. Every call counts in `stats`.
 */
function orgClients(options: { env: TEnv; credentials: TCredentialSource; stats: TCallStats }) {
  const { env, stats } = options;
  const credentials = options.credentials.orgReader(stats);
  const config = (region: string) => clientConfig({ region, credentials, stats, timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: env.COLLECT_MAX_ATTEMPTS, maxTimeoutRetries: env.COLLECT_TIMEOUT_RETRIES });
  const pacing = { governor: sharedRateGovernor(), scope: "organization" };
  const all: Array<{ destroy: () => void }> = [];
  const made = <T extends { destroy: () => void }>(client: T): T => { all.push(client); return client; };
  const ssoAdmin = new Map<string, SSOAdminClient>();
  const identityStore = new Map<string, IdentitystoreClient>();
  return {
    organizations: made(countCalls(new OrganizationsClient(config(env.AWS_REGION)), stats, pacing)),
    ssoAdmin: (region: string) => ssoAdmin.get(region) ?? ssoAdmin.set(region, made(countCalls(new SSOAdminClient(config(region)), stats, pacing))).get(region)!,
    identityStore: (region: string) => identityStore.get(region) ?? identityStore.set(region, made(countCalls(new IdentitystoreClient(config(region)), stats, pacing))).get(region)!,
    destroy: () => all.forEach((c) => c.destroy()),
  };
}

const CHECK_REUSE_MS = 24 * 3_600_000;

/**
 * An endpoint check (`field` of a run's summary) that a finished run made in the last
 * 24 hours for the same endpoint and found nothing missing: endpoints do not lose
 * operations between daily sweeps, so it is reused instead of probed again.
 */
async function recentCleanCheck(options: { pool: pg.Pool; field: "endpointCheck" | "identityCenterCheck"; endpoint: string }): Promise<{ runId: number; checkedAt: string } | null> {
  const { rows } = await options.pool.query<{ id: number; check: { endpoint?: string; checkedAt?: string; missing?: unknown[] } }>(
    `SELECT id, summary->$1 AS check FROM collection_run
     WHERE status IN ('succeeded', 'partial') AND summary->$1->>'checkedAt' IS NOT NULL ORDER BY id DESC LIMIT 1`,
    [options.field],
  );
  const check = rows[0]?.check;
  if (!check?.checkedAt || check.endpoint !== options.endpoint || (check.missing?.length ?? 1) > 0) return null;
  if (Date.now() - Date.parse(check.checkedAt) > CHECK_REUSE_MS) return null;
  return { runId: rows[0].id, checkedAt: check.checkedAt };
}

/** The Identity Center region the previous run found, tried first (one call when unchanged). */
async function previousIdentityCenterRegion(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query(
    "SELECT summary->'identityCenter'->>'region' AS region FROM collection_run WHERE summary->'identityCenter'->>'region' IS NOT NULL ORDER BY id DESC LIMIT 1",
  );
  return rows[0]?.region ?? null;
}

/** Finds the home region, checks Identity Center's operations there, then collects it. */
async function collectIdentityCenterInHomeRegion(options: {
  pool: pg.Pool; env: TEnv; clients: ReturnType<typeof orgClients>; documents: Map<string, unknown>; unavailable: TUnavailable[];
}): Promise<{ batches: TRecordBatch[]; region: TIdentityCenterRegion; missing: TMissingOperation[]; check?: Record<string, unknown> }> {
  const { env, clients } = options;
  const region = await findIdentityCenterRegion({
    configured: env.IDENTITY_CENTER_REGION, awsRegion: env.AWS_REGION, clientFor: clients.ssoAdmin,
    preferred: [await previousIdentityCenterRegion(options.pool), env.SSO_REGION],
  });
  // No instance in any region answered: an organization without Identity Center (its earlier records end), unless regions failed.
  if (!region.region) {
    const batches = region.failures.length ? [] : await collectIdentityCenter({ ssoAdmin: clients.ssoAdmin(env.AWS_REGION), identityStore: clients.identityStore(env.AWS_REGION), documents: options.documents, unavailable: options.unavailable });
    return { batches, region, missing: [] };
  }
  const ssoAdmin = clients.ssoAdmin(region.region);
  const identityStore = clients.identityStore(region.region);
  const endpoint = `${process.env.AWS_ENDPOINT_URL_SSO_ADMIN ?? process.env.AWS_ENDPOINT_URL ?? "AWS"} (${region.region})`;
  const reused = await recentCleanCheck({ pool: options.pool, field: "identityCenterCheck", endpoint });
  let missing: TMissingOperation[] = [];
  if (!reused) {
    const first = (await ssoAdmin.send(new ListInstancesCommand({ MaxResults: 1 }))).Instances?.[0];
    if (first?.InstanceArn && first.IdentityStoreId) {
      missing = await checkIdentityCenterOperations({ ssoAdmin, identityStore, instanceArn: first.InstanceArn, identityStoreId: first.IdentityStoreId });
    }
  }
  const check = reused ? { endpoint, missing, checkedAt: reused.checkedAt, reusedFromRun: reused.runId } : { endpoint, missing, checkedAt: new Date().toISOString() };
  const required = missing.filter((m) => m.required);
  if (required.length) throw Object.assign(new Error(`the endpoint does not implement ${describeMissing(required)}`), { name: "UnsupportedOperation" });
  const batches = await collectIdentityCenter({ ssoAdmin, identityStore, documents: options.documents, unavailable: options.unavailable });
  return { batches, region, missing, check };
}

/** Tags and Identity Center: a failure is recorded as unavailable data, never thrown. */
async function collectBackground(options: {
  pool: pg.Pool; env: TEnv; runId: number; org: TOrganizationSnapshot; clients?: ReturnType<typeof orgClients>; stats: TCallStats;
}): Promise<void> {
  const { pool, env, runId, org, clients } = options;
  const documents = new Map<string, unknown>();
  const unavailable: TUnavailable[] = [];
  const report: Record<string, unknown> = {};
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
          const center = await collectIdentityCenterInHomeRegion({ pool, env, clients, documents, unavailable });
          batches.push(...center.batches);
          // Which region answered, and how it was found, for the run's record.
          report.identityCenter = { region: center.region.region, source: center.region.source, regionsTried: center.region.regionsTried.length, failures: center.region.failures };
          if (center.missing.length) report.identityCenterMissingOperations = center.missing;
          if (center.check) report.identityCenterCheck = center.check;
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
      `UPDATE collection_run SET summary = coalesce(summary, '{}') || $3::jsonb || jsonb_build_object('backgroundPending', false,
         'orgUnavailable', coalesce(summary->'orgUnavailable', '[]'::jsonb) || $2::jsonb) WHERE id = $1`,
      [runId, JSON.stringify(unavailable), JSON.stringify({ ...report, organizationApiCalls: options.stats.apiCalls })],
    );
  }
}

/**
 * Checks once, in the first account to collect, that the endpoint speaks each IAM
 * operation the collectors use, instead of every account failing deep in the run.
 * Credentials refused for that account are that account's problem, not the endpoint's.
 */
async function checkAccountOperations(options: { pool: pg.Pool; env: TEnv; credentials: TCredentialSource; accountId?: string; stats: TCallStats }) {
  const { env, accountId } = options;
  const endpoint = process.env.AWS_ENDPOINT_URL_IAM ?? process.env.AWS_ENDPOINT_URL ?? `AWS (${env.AWS_REGION})`;
  if (!accountId) return { endpoint, account: null, missing: [] as TMissingOperation[] };
  const reused = await recentCleanCheck({ pool: options.pool, field: "endpointCheck", endpoint });
  if (reused) return { endpoint, account: null, missing: [] as TMissingOperation[], checkedAt: reused.checkedAt, reusedFromRun: reused.runId };
  const credentials = options.credentials.forAccount(accountId, options.stats);
  try {
    await credentials();
  } catch {
    return { endpoint, account: null, missing: [] as TMissingOperation[] };
  }
  const iam = countCalls(new IAMClient(clientConfig({
    region: env.AWS_REGION, credentials, stats: options.stats,
    timeoutMs: env.COLLECT_CALL_TIMEOUT_MS, maxAttempts: 2, maxTimeoutRetries: 0,
  })), options.stats, { governor: sharedRateGovernor(), scope: accountId });
  try {
    return { endpoint, account: accountId, missing: await checkIamOperations(iam), checkedAt: new Date().toISOString() };
  } catch {
    return { endpoint, account: null, missing: [] as TMissingOperation[] };
  } finally {
    iam.destroy();
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
  const orgStats = newCallStats();
  try {
    if (env.ACCOUNTS_FILE) {
      org = loadStaticAccounts(env.ACCOUNTS_FILE);
    } else {
      clients = orgClients({ env, credentials, stats: orgStats });
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
  const endpointCheck = await checkAccountOperations({ pool, env, credentials, accountId: pending[0], stats: orgStats });
  await pool.query("UPDATE collection_run SET summary = $2 WHERE id = $1", [runId, JSON.stringify({
    orgUnavailable: org.unavailable, backgroundPending: true, accountsDiscovered: accounts.length, endpointCheck,
  })]);
  const required = endpointCheck.missing.filter((m) => m.required);
  if (required.length) {
    clients?.destroy();
    const message = `the endpoint ${endpointCheck.endpoint} does not implement what ${env.COLLECT_MODE} mode needs: ${describeMissing(required)}`;
    await pool.query("UPDATE account_run SET status = 'failed', error_code = 'UnsupportedOperation', error = $2, finished_at = now() WHERE run_id = $1 AND status = 'pending'", [runId, message]);
    await failRun({ pool, runId, error: message });
    throw new Error(`run ${runId}: ${message}`);
  }
  const background = collectBackground({ pool, env, runId, org, clients, stats: orgStats });
  return { runId, accounts, pending, credentials, background };
}
