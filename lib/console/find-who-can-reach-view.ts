import "server-only";
import { findReachConditionKeys } from "./find-reach-condition-keys";
import { findReachPaths, type TReachRoute } from "../access/find-reach-paths";
import { levelsAtLeast } from "../analysis/access/build-access-index";
import type { TAccessLevel } from "../analysis/results";
import { RESOURCE_SERVICE } from "../policy/resource-action-levels";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis, type TLatestAnalysis } from "./find-latest-analysis";
import { listAccounts } from "./list-accounts";
import { loadServiceNames, lookupCatalogueAction } from "./who-can-reach-catalogue";
import { describeReachPath, type TPathStep } from "./who-can-reach-path";
import type { TWhoCanReachQuery } from "./who-can-reach-query";

export type TWhoCanReachRow = {
  principalKey: string;
  principalName: string;
  principalKind: string;
  principalAccountName: string | null;
  route: TReachRoute;
  targetAccountId: string;
  targetAccountName: string;
  actingKey: string | null;
  actingName: string | null;
  grant: string;
  conditional: boolean;
  adminEquivalent: boolean;
  steps: TPathStep[];
  pathText: string;
  /** Conditional paths: the condition keys that make them so (trust policies of conditional hops, the acting principal's granting statements). */
  conditionKeys: string[];
};

export type TWhoCanReachView = {
  analysis: TLatestAnalysis;
  scopeLabel: string;
  accountCount: number;
  service: string;
  levels: TAccessLevel[];
  /** Set for action queries: the catalogue's spelling and its access level. */
  action: { name: string; level: TAccessLevel } | null;
  rows: TWhoCanReachRow[];
  principalCount: number;
  totalPaths: number;
};

/**
 * Who can reach an account (or every account under an OU) with at least a level of access
 * on a service, or with one action, and by which path. Bad input is a ConsoleError
 * ("invalid") naming the field, never a crash.
 */
export async function findWhoCanReachView(options: { user: TSessionUser; query: TWhoCanReachQuery; limit?: number }): Promise<TWhoCanReachView> {
  assertCan(options.user, "inventory.read");
  const { query } = options;
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const { accounts, organizationalUnits } = await listAccounts({ user: options.user });
  if (query.account && query.ou) throw new ConsoleError("invalid", "choose an account or an OU, not both");
  let scopeLabel: string;
  let accountIds: string[];
  if (query.account) {
    const account = accounts.find((candidate) => candidate.id === query.account);
    if (!account) throw new ConsoleError("invalid", `account "${query.account}" is not in the organization`);
    scopeLabel = `${account.name} (${account.id})`;
    accountIds = [account.id];
  } else if (query.ou) {
    const ou = organizationalUnits.find((candidate) => candidate.id === query.ou);
    if (!ou) throw new ConsoleError("invalid", `OU "${query.ou}" is not in the organization`);
    scopeLabel = ou.isRoot ? "the whole organization" : `OU ${ou.path.join(" / ")}`;
    accountIds = accounts.filter((account) => ou.isRoot || account.ouPath.includes(ou.id)).map((account) => account.id);
  } else throw new ConsoleError("invalid", "pick an account or an OU");

  const target = await resolveTarget(query);
  const found = await findReachPaths({ pool, analysisId: analysis.analysisId, accountIds, service: target.service, levels: target.levels, action: target.action !== null, limit: options.limit ?? 1_000 });
  const accountNames = new Map(accounts.map((account) => [account.id, account.name]));
  const accountName = (accountId: string | null) => (accountId ? accountNames.get(accountId) : undefined);
  const rows = found.rows.map((row): TWhoCanReachRow => {
    const path = describeReachPath({ principal: { key: row.principalKey, name: row.name, accountId: row.accountId }, hops: row.hops, names: found.names, accountName });
    return {
      principalKey: row.principalKey, principalName: row.name, principalKind: row.kind, principalAccountName: accountName(row.accountId) ?? row.accountId,
      route: row.route, targetAccountId: row.targetAccountId, targetAccountName: accountName(row.targetAccountId) ?? row.targetAccountId,
      actingKey: row.actingKey, actingName: row.actingName, grant: row.grant, conditional: row.conditional, adminEquivalent: row.adminEquivalent,
      steps: path.steps, pathText: path.text, conditionKeys: [],
    };
  });
  const conditionalRows = rows.filter((row) => row.conditional);
  if (conditionalRows.length > 0) {
    const keys = await findReachConditionKeys({
      pool, runId: analysis.collectionRunId, service: target.service,
      assumedRoles: conditionalRows.flatMap((row) => row.steps.filter((step) => step.conditional && step.principalKey).map((step) => step.principalKey!)),
      actingKeys: conditionalRows.filter((row) => row.grant === "conditional" && row.actingKey).map((row) => row.actingKey!),
      accountIds: conditionalRows.map((row) => row.targetAccountId),
    });
    for (const row of conditionalRows) {
      const fromTrust = row.steps.flatMap((step) => (step.conditional && step.principalKey ? keys.trust.get(step.principalKey) ?? [] : []));
      const fromGrant = row.grant === "conditional" ? [...(row.actingKey ? keys.grant.get(row.actingKey) ?? [] : []), ...(keys.guardrail.get(row.targetAccountId) ?? [])] : [];
      row.conditionKeys = [...new Set([...fromTrust, ...fromGrant])].sort();
    }
  }
  return {
    analysis, scopeLabel, accountCount: accountIds.length, ...target, rows,
    principalCount: new Set(rows.map((row) => row.principalKey)).size, totalPaths: found.total,
  };
}

async function resolveTarget(query: TWhoCanReachQuery): Promise<{ service: string; levels: TAccessLevel[]; action: TWhoCanReachView["action"] }> {
  if (query.service && query.action) throw new ConsoleError("invalid", "give a service or an action, not both");
  if (query.resourceType && !query.service && !query.action) {
    const service = RESOURCE_SERVICE[query.resourceType];
    if (!service) throw new ConsoleError("invalid", `unknown resource type "${query.resourceType}": use one of ${Object.keys(RESOURCE_SERVICE).join(", ")}`);
    return { service, levels: levelsAtLeast(query.level), action: null };
  }
  if (query.action) {
    if (!/^[a-z0-9-]+:[a-z0-9]+$/i.test(query.action)) throw new ConsoleError("invalid", `action "${query.action}" is not of the form service:Action (e.g. iam:PassRole, without wildcards)`);
    const found = await lookupCatalogueAction({ action: query.action });
    if (!found) throw new ConsoleError("invalid", `unknown action "${query.action}": it is not in the IAM action catalogue`);
    return { service: found.service, levels: [found.level], action: { name: found.name, level: found.level } };
  }
  if (!query.service) throw new ConsoleError("invalid", "give a service (e.g. s3) or an action (e.g. iam:PassRole)");
  const service = query.service.toLowerCase();
  if (!(service in (await loadServiceNames()))) throw new ConsoleError("invalid", `unknown service "${query.service}": use a service namespace such as s3, iam or ec2`);
  return { service, levels: levelsAtLeast(query.level), action: null };
}

/** Service namespaces of the action catalogue, for the form's suggestions. */
export async function listServiceNamespaces(): Promise<string[]> {
  return Object.keys(await loadServiceNames());
}
