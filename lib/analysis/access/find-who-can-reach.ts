import { accessLevelOfAction, type ActionCatalogue, type ActionStatus } from "../../policy";
import type { TOrgModel, TPrincipal } from "../model";
import type { TAccessLevel, THop, TPrincipalAccess, TReach } from "../results";
import { accessIndexKey, buildAccessIndex, levelsAtLeast, strongerGrant, type TAccessIndex, type TGrant } from "./build-access-index";

export type TWhoCanReachQuery = {
  // One of the two: a single account, or every account anywhere under an OU (or the root).
  accountId?: string;
  ouId?: string;
  // Either a service with a minimum access level (List < Read < Write = Tagging <
  // Permissions management), or one specific action.
  service?: string;
  minLevel?: TAccessLevel;
  action?: string;
};

export type TReachPath = {
  kind: "direct" | "via-role" | "via-sso-assignment";
  // The identity whose permissions count: the principal itself or the role it reaches.
  actingAs: string;
  accountId: string;
  // "unknown": an Identity Center assignment whose role was not collected.
  grant: TGrant | "unknown";
  levels: TAccessLevel[];
  hops: THop[];
  conditional: boolean;
};

export type TWhoCanReachEntry = {
  principalKey: string;
  name: string;
  principalKind: TPrincipal["kind"] | "unknown";
  // People: Identity Center users and IAM users with a console password; the rest run code.
  identityType: "human" | "workload";
  // Direct first, then shortest, unconditional before conditional.
  paths: TReachPath[];
};

export type TFindWhoCanReachOptions = {
  model: TOrgModel;
  access: TPrincipalAccess[];
  reach: TReach[];
  query: TWhoCanReachQuery;
  // Built for the queried accounts when absent.
  index?: TAccessIndex;
  // Action queries: the catalogue names the action's service and level, and the lookup
  // confirms the action itself for each candidate (summaries only count per level).
  catalogue?: ActionCatalogue;
  actionStatusOf?: (options: { principalKey: string; action: string }) => ActionStatus;
};

type TQualifying = { grant: TGrant; levels: TAccessLevel[] };

export function findWhoCanReach(options: TFindWhoCanReachOptions): TWhoCanReachEntry[] {
  const { model, query } = options;
  const accountIds = new Set(model.accounts
    .filter((account) => account.id === query.accountId || (query.ouId !== undefined && account.ouPath.includes(query.ouId)))
    .map((account) => account.id));
  const index = options.index ?? buildAccessIndex({ access: options.access, accountIds });
  const qualifying = findQualifying({ ...options, accountIds, index });
  const principals = new Map(model.principals.map((principal) => [principal.key, principal]));
  const passwordByArn = new Map(model.credentialReport.map((row) => [row.arn, row.passwordEnabled]));
  const entries = new Map<string, TWhoCanReachEntry>();
  const addPath = (principalKey: string, path: TReachPath) => {
    let entry = entries.get(principalKey);
    if (!entry) {
      entry = describePrincipal({ principal: principals.get(principalKey), principalKey, passwordByArn });
      entries.set(principalKey, entry);
    }
    entry.paths.push(path);
  };
  for (const [principalKey, found] of qualifying) {
    addPath(principalKey, { kind: "direct", actingAs: principalKey, accountId: principals.get(principalKey)?.accountId ?? "", ...found, hops: [], conditional: found.grant === "conditional" });
  }
  for (const reach of options.reach) {
    if (!accountIds.has(reach.targetAccountId)) continue;
    const found = qualifying.get(reach.targetKey);
    if (found) {
      addPath(reach.sourceKey, { kind: "via-role", actingAs: reach.targetKey, accountId: reach.targetAccountId, ...found, hops: reach.hops, conditional: reach.conditional || found.grant === "conditional" });
    } else if (reach.targetKey === reach.targetAccountId) {
      // The assignment exists but its role was not collected: it cannot be ruled out.
      addPath(reach.sourceKey, { kind: "via-sso-assignment", actingAs: reach.targetKey, accountId: reach.targetAccountId, grant: "unknown", levels: [], hops: reach.hops, conditional: reach.conditional });
    }
  }
  const order = { direct: 0, "via-role": 1, "via-sso-assignment": 2 };
  for (const entry of entries.values()) {
    entry.paths.sort((a, b) => order[a.kind] - order[b.kind] || Number(a.conditional) - Number(b.conditional) || a.hops.length - b.hops.length || a.actingAs.localeCompare(b.actingAs));
  }
  return [...entries.values()].sort((a, b) => a.principalKey.localeCompare(b.principalKey));
}

// Principals of the queried accounts whose own access meets the query.
function findQualifying(options: TFindWhoCanReachOptions & { accountIds: Set<string>; index: TAccessIndex }): Map<string, TQualifying> {
  const { query, index } = options;
  let service = query.service;
  let levels: TAccessLevel[];
  if (query.action) {
    if (!options.catalogue || !options.actionStatusOf) throw new Error("findWhoCanReach: an action query needs catalogue and actionStatusOf");
    const level = accessLevelOfAction({ catalogue: options.catalogue, action: query.action });
    if (!level) throw new Error(`findWhoCanReach: unknown action "${query.action}"`);
    service = query.action.split(":")[0];
    levels = [level];
  } else {
    if (!service) throw new Error("findWhoCanReach: give a service (with minLevel) or an action");
    levels = levelsAtLeast(query.minLevel ?? "List");
  }
  const qualifying = new Map<string, TQualifying>();
  for (const accountId of options.accountIds) {
    for (const level of levels) {
      for (const { principalKey, grant } of index.get(accessIndexKey({ accountId, service, level })) ?? []) {
        const found = qualifying.get(principalKey);
        if (found) {
          found.grant = strongerGrant(found.grant, grant);
          found.levels.push(level);
        } else qualifying.set(principalKey, { grant, levels: [level] });
      }
    }
  }
  if (query.action) {
    for (const [principalKey, found] of qualifying) {
      const status = options.actionStatusOf!({ principalKey, action: query.action });
      if (status === "allowed" || status === "partial" || status === "conditional") found.grant = status;
      else qualifying.delete(principalKey);
    }
  }
  return qualifying;
}

function describePrincipal(options: { principal: TPrincipal | undefined; principalKey: string; passwordByArn: Map<string, boolean | null> }): TWhoCanReachEntry {
  const { principal } = options;
  // An IAM user counts as a person unless the credential report shows it has no password.
  const human = principal?.kind === "sso-user" || (principal?.kind === "iam-user" && options.passwordByArn.get(principal.arn ?? "") !== false);
  return {
    principalKey: options.principalKey,
    name: principal?.name ?? options.principalKey,
    principalKind: principal?.kind ?? "unknown",
    identityType: human ? "human" : "workload",
    paths: [],
  };
}
