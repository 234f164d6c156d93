import "server-only";
import type { THop } from "../analysis/results";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis, type TLatestAnalysis } from "./find-latest-analysis";
import { listAccounts } from "./list-accounts";
import { loadPrincipalDocuments } from "./load-principal-documents";
import { assumeGrantingStatements, trustStatementsFor } from "./statements-granting";

export type TAccessGraphNode = { id: string; label: string; kind: "iam-user" | "iam-role" | "sso-user" | "account"; title: string; href: string };
export type TAccessGraphEdge = {
  id: string; source: string; target: string; label: string; kind: "default" | "sso" | "conditional" | "member"; dashed: boolean;
  evidence?: { summary: string; parts: Array<{ heading: string; text: string }> };
};
export type TAccessGraph = {
  analysis: TLatestAnalysis; from: { kind: "principal" | "account"; id: string; label: string };
  nodes: TAccessGraphNode[]; edges: TAccessGraphEdge[]; paths: number; truncated: boolean;
};

const PATH_LIMIT = 300;
const ACCOUNT_ID = /^\d{12}$/;
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The access graph explorer's data: from a principal, the roles it can assume (hop by
 * hop) and the accounts they live in; from an account, everyone who reaches a role in it.
 * Every assumption edge carries its evidence: the trust statement that admits the caller
 * and the caller's statements allowing sts:AssumeRole (or the Identity Center assignment).
 */
export async function getAccessGraph(options: { user: TSessionUser; principal?: string; account?: string }): Promise<TAccessGraph> {
  assertCan(options.user, "inventory.read");
  if (!options.principal === !options.account) throw new ConsoleError("invalid", "give a principal or an account, not both");
  if (options.principal && !/^(\d{12}|sso)\/[\w-]{1,128}$/.test(options.principal)) throw new ConsoleError("invalid", `principal "${options.principal}" is not a principal key (<account id>/<unique id> or sso/<user id>)`);
  if (options.account && !ACCOUNT_ID.test(options.account)) throw new ConsoleError("invalid", `account "${options.account}" is not a 12-digit account id`);
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const { accounts } = await listAccounts({ user: options.user });
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  if (options.account && !accountName.has(options.account)) throw new ConsoleError("not-found", `account ${options.account} is not in the organization`);

  const { rows } = await pool.query(
    `SELECT source_key AS source, target_key AS target, target_account_id AS "targetAccountId", hops, count(*) OVER ()::int AS total
     FROM principal_reach WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND ${options.principal ? "source_key" : "target_account_id"} = $2
     ORDER BY hop_count, source_key, target_key LIMIT ${PATH_LIMIT}`,
    [analysis.analysisId, options.principal ?? options.account],
  );
  const keys = new Set<string>(options.principal ? [options.principal] : []);
  for (const row of rows) for (const hop of row.hops as THop[]) { keys.add(hop.from); if (!ACCOUNT_ID.test(hop.to)) keys.add(hop.to); }
  const { rows: named } = await pool.query(
    `SELECT principal_key AS key, name, kind, arn, account_id AS "accountId" FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2)`,
    [analysis.analysisId, [...keys]],
  );
  const principals = new Map(named.map((p) => [p.key as string, p as { name: string; kind: TAccessGraphNode["kind"]; arn: string | null; accountId: string | null }]));
  if (options.principal && !principals.has(options.principal)) throw new ConsoleError("not-found", `principal ${options.principal} is not in the latest analysis`);

  const nodes = new Map<string, TAccessGraphNode>();
  const edges = new Map<string, TAccessGraphEdge>();
  const addAccount = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: accountName.get(id) ?? id, kind: "account", title: `account ${id}`, href: `/graph?account=${id}` });
  };
  const addPrincipal = (key: string) => {
    if (nodes.has(key)) return;
    const p = principals.get(key);
    nodes.set(key, { id: key, label: p?.name ?? key, kind: p?.kind ?? "iam-role", title: p?.accountId ? `${p.kind} in ${accountName.get(p.accountId) ?? p.accountId}` : "Identity Center user", href: `/graph?principal=${encodeURIComponent(key)}` });
    if (p?.accountId) {
      addAccount(p.accountId);
      const id = `${key}>${p.accountId}`;
      if (!edges.has(id)) edges.set(id, { id, source: key, target: p.accountId, label: "in", kind: "member", dashed: true });
    }
  };
  if (options.principal) addPrincipal(options.principal);
  if (options.account) addAccount(options.account);
  const hops = new Map<string, THop>();
  for (const row of rows) {
    for (const hop of row.hops as THop[]) {
      addPrincipal(hop.from);
      if (ACCOUNT_ID.test(hop.to)) addAccount(hop.to); else addPrincipal(hop.to);
      hops.set(`${hop.from}>${hop.to}`, hop);
    }
  }
  const documents = await loadPrincipalDocuments({ pool, runId: analysis.collectionRunId, keys: [...hops.values()].flatMap((h) => [h.from, h.to]) });
  for (const [id, hop] of hops) {
    const from = principals.get(hop.from);
    const toName = nodes.get(hop.to)?.label ?? hop.to;
    if (hop.via === "sso-assignment") {
      edges.set(id, {
        id, source: hop.from, target: hop.to, kind: "sso", dashed: hop.conditional, label: hop.permissionSetName ?? "assignment",
        evidence: {
          summary: `Identity Center assigns ${from?.name ?? hop.from} the permission set ${hop.permissionSetName ?? "(unknown)"} on ${accountName.get(nodes.get(hop.to)?.kind === "account" ? hop.to : principals.get(hop.to)?.accountId ?? "") ?? "the account"}${hop.throughGroup ? `, through the group ${hop.throughGroup}` : ", directly"}.`,
          parts: [],
        },
      });
      continue;
    }
    const trust = trustStatementsFor({ trust: documents.get(hop.to)?.trust ?? null, callerArn: from?.arn ?? null, callerAccountId: from?.accountId ?? null });
    const grants = assumeGrantingStatements({ policies: documents.get(hop.from)?.identity ?? [] }).slice(0, 3);
    edges.set(id, {
      id, source: hop.from, target: hop.to, kind: hop.conditional ? "conditional" : "default", dashed: hop.conditional, label: hop.conditional ? "assume (conditional)" : "assume",
      evidence: {
        summary: `${from?.name ?? hop.from} can assume ${toName}: the role's trust policy admits it${hop.conditional ? " under conditions" : ""} and its own policies allow sts:AssumeRole.`,
        parts: [
          { heading: `Trust statement of ${toName}`, text: trust.length ? pretty(trust) : "No statement names the caller directly: it is admitted through its account or the organization (see the role's trust policy)." },
          { heading: `Statements of ${from?.name ?? hop.from} allowing sts:AssumeRole`, text: grants.length ? grants.map((g) => `${g.policy}:\n${pretty(g.statement)}`).join("\n\n") : "None in its own policies (a same-account trust naming the principal needs no identity grant)." },
        ],
      },
    });
  }
  const label = options.principal ? principals.get(options.principal)?.name ?? options.principal : `${accountName.get(options.account!) ?? options.account} (${options.account})`;
  return {
    analysis, from: { kind: options.principal ? "principal" : "account", id: (options.principal ?? options.account)!, label },
    nodes: [...nodes.values()], edges: [...edges.values()], paths: rows[0]?.total ?? 0, truncated: (rows[0]?.total ?? 0) > rows.length,
  };
}
