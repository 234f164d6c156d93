import "server-only";
import type { TAccessLevel, THop } from "../analysis/results";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { ConsoleError } from "./console-error";
import { findLatestAnalysis, type TLatestAnalysis } from "./find-latest-analysis";
import { findResourceReach, type TResourceReachRow } from "./find-resource-reach";
import { ZResourceDetailQuery } from "./get-resource-detail";
import { statementGrants } from "./get-principal-policy-segments";
import { listAccounts } from "./list-accounts";
import { loadPrincipalDocuments } from "./load-principal-documents";
import { assumeGrantingStatements, trustStatementsFor } from "./statements-granting";

export type TResourceGraphNodeKind = "iam-user" | "iam-role" | "sso-user" | "account" | "resource" | "external-account" | "any-principal" | "service" | "outside-party";
export type TResourceGraphNode = { id: string; label: string; kind: TResourceGraphNodeKind; title: string; href?: string };
export type TResourceGraphEdge = {
  id: string; source: string; target: string; label: string; kind: "default" | "sso" | "conditional" | "external"; dashed: boolean;
  evidence: { summary: string; parts: Array<{ heading: string; text: string }> };
};
export type TResourceAccessGraph = {
  analysis: TLatestAnalysis; level: TAccessLevel;
  resource: { arn: string; name: string; type: string; accountId: string; exposure: string; nodeId: string };
  nodes: TResourceGraphNode[]; edges: TResourceGraphEdge[]; paths: number; truncated: boolean; identityBlocked: string | null;
};

const PATH_LIMIT = 300;
const ACCOUNT_ID = /^\d{12}$/;
const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const ROUTE_TEXT: Record<TResourceReachRow["route"], string> = {
  "identity-policy": "its identity policies in the owner account",
  "resource-policy": "the resource policy",
  "named-party": "the resource policy, which names it",
};
const PARTY_KIND: Record<string, TResourceGraphNodeKind> = { "external-account": "external-account", "any-principal": "any-principal", service: "service" };

function statementsOf(document: unknown): Array<Record<string, unknown>> {
  if (!document || typeof document !== "object" || !("Statement" in document)) return [];
  const raw = (document as { Statement: unknown }).Statement;
  return (Array.isArray(raw) ? raw : [raw]).filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === "object");
}

/**
 * The access graph explorer started from a resource: everyone who reaches it at `level`
 * (the owner's principals through their identity policies, the principals and accounts the
 * resource policy names, everyone reaching those through role chains or Identity Center,
 * and the outside parties the policy names), from the same who-can-reach analysis as the
 * resource's page. Each edge carries its evidence: role assumptions their trust statement
 * and the caller's sts:AssumeRole statements; the last edge into the resource the route,
 * the whole path and the granting statement (the resource policy's, or the acting
 * identity's statements on the service).
 */
export async function getResourceAccessGraph(options: { user: TSessionUser; arn: string; level?: string }): Promise<TResourceAccessGraph> {
  assertCan(options.user, "inventory.read");
  const parsed = ZResourceDetailQuery.safeParse({ arn: options.arn, level: options.level });
  if (!parsed.success) throw new ConsoleError("invalid", `resource: ${parsed.error.issues[0].message}`);
  const { arn, level } = parsed.data;
  const { pool } = getDb();
  const analysis = await findLatestAnalysis({ pool });
  if (!analysis) throw new ConsoleError("not-found", "no analysed snapshot yet: run a collection first");
  const { rows: [resource] } = await pool.query(
    `SELECT r.arn, r.name, r.type, r.service, r.account_id AS "accountId", r.exposure, d.document AS policy
     FROM resource_exposure r LEFT JOIN policy_document d ON d.hash = r.policy_hash WHERE r.arn = $2 AND r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to > $1)`,
    [analysis.analysisId, arn],
  );
  if (!resource) throw new ConsoleError("not-found", `no resource ${arn} in the latest analysis`);
  const reach = (await findResourceReach({ pool, analysisId: analysis.analysisId, arn, level, limit: PATH_LIMIT }))!;
  const { accounts } = await listAccounts({ user: options.user });
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));

  const keys = new Set<string>();
  for (const row of reach.rows) {
    if (!row.path) continue;
    keys.add(row.path.principalKey);
    for (const hop of row.path.hops) { keys.add(hop.from); if (!ACCOUNT_ID.test(hop.to)) keys.add(hop.to); }
  }
  const { rows: named } = await pool.query(
    `SELECT principal_key AS key, name, kind, arn, account_id AS "accountId" FROM principal_access WHERE (valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)) AND principal_key = ANY($2)`,
    [analysis.analysisId, [...keys]],
  );
  const principals = new Map(named.map((p) => [p.key as string, p as { name: string; kind: TResourceGraphNodeKind; arn: string | null; accountId: string | null }]));
  const documents = await loadPrincipalDocuments({ pool, runId: analysis.collectionRunId, keys: [...keys] });

  const resourceId = `resource:${resource.arn}`;
  const nodes = new Map<string, TResourceGraphNode>([[resourceId, { id: resourceId, label: resource.name, kind: "resource", title: `${resource.type} in ${accountName.get(resource.accountId) ?? resource.accountId} (${resource.accountId}), ${resource.exposure}`, href: `/resources/${encodeURIComponent(resource.arn)}` }]]);
  const edges = new Map<string, TResourceGraphEdge>();
  const nameOf = (key: string) => principals.get(key)?.name ?? (ACCOUNT_ID.test(key) ? accountName.get(key) ?? key : key);
  const addNode = (key: string) => {
    if (nodes.has(key)) return;
    if (ACCOUNT_ID.test(key)) { nodes.set(key, { id: key, label: accountName.get(key) ?? key, kind: "account", title: `account ${key} (its role was not collected)`, href: `/graph?account=${key}` }); return; }
    const p = principals.get(key);
    nodes.set(key, { id: key, label: p?.name ?? key, kind: p?.kind ?? "iam-role", title: p?.accountId ? `${p.kind} in ${accountName.get(p.accountId) ?? p.accountId} (${p.accountId})` : "Identity Center user", href: `/graph?principal=${encodeURIComponent(key)}` });
  };
  const addHop = (hop: THop) => {
    const id = `${hop.from}>${hop.to}`;
    if (edges.has(id)) return;
    const from = principals.get(hop.from);
    if (hop.via === "sso-assignment") {
      edges.set(id, {
        id, source: hop.from, target: hop.to, kind: "sso", dashed: hop.conditional, label: hop.permissionSetName ?? "assignment",
        evidence: { summary: `Identity Center assigns ${nameOf(hop.from)} the permission set ${hop.permissionSetName ?? "(unknown)"}${hop.throughGroup ? `, through the group ${hop.throughGroup}` : ", directly"}, which gives ${nameOf(hop.to)}.`, parts: [] },
      });
      return;
    }
    const trust = trustStatementsFor({ trust: documents.get(hop.to)?.trust ?? null, callerArn: from?.arn ?? null, callerAccountId: from?.accountId ?? null });
    const grants = assumeGrantingStatements({ policies: documents.get(hop.from)?.identity ?? [] }).slice(0, 3);
    edges.set(id, {
      id, source: hop.from, target: hop.to, kind: hop.conditional ? "conditional" : "default", dashed: hop.conditional, label: hop.conditional ? "assume (conditional)" : "assume",
      evidence: {
        summary: `${nameOf(hop.from)} can assume ${nameOf(hop.to)}: the role's trust policy admits it${hop.conditional ? " under conditions" : ""} and its own policies allow sts:AssumeRole.`,
        parts: [
          { heading: `Trust statement of ${nameOf(hop.to)}`, text: trust.length ? pretty(trust) : "No statement names the caller directly: it is admitted through its account or the organization (see the role's trust policy)." },
          { heading: `Statements of ${nameOf(hop.from)} allowing sts:AssumeRole`, text: grants.length ? grants.map((g) => `${g.policy}:\n${pretty(g.statement)}`).join("\n\n") : "None in its own policies (a same-account trust naming the principal needs no identity grant)." },
        ],
      },
    });
  };
  const policyStatement = (row: TResourceReachRow) => {
    if (!row.statement) return null;
    const statement = statementsOf(resource.policy)[row.statement.index];
    return { heading: `Resource policy statement ${row.statement.index}${row.statement.sid ? ` (${row.statement.sid})` : ""}`, text: statement ? pretty(statement) : "(the statement is no longer in the stored policy)" };
  };

  for (const row of reach.rows) {
    if (!row.path) {
      const party = row.party!;
      const id = `party:${party.principal}`;
      if (!nodes.has(id)) nodes.set(id, { id, label: party.vendor ? `${party.principal} (${party.vendor})` : party.principal, kind: PARTY_KIND[party.partyKind] ?? "outside-party", title: `${party.partyKind}, ${party.reach}` });
      const statement = policyStatement(row);
      edges.set(`${id}>${resourceId}`, {
        id: `${id}>${resourceId}`, source: id, target: resourceId, kind: "external", dashed: party.conditionKeys.length > 0, label: `${level} (${party.reach})`,
        evidence: {
          summary: `${nodes.get(id)!.label} may use ${resource.name} at level ${level} through ${ROUTE_TEXT[row.route]}${party.conditionKeys.length ? `, if ${party.conditionKeys.join(", ")}` : ", without any condition"}.`,
          parts: statement ? [statement] : [],
        },
      });
      continue;
    }
    const path = row.path;
    addNode(path.principalKey);
    for (const hop of path.hops) { addNode(hop.from); addNode(hop.to); addHop(hop); }
    const acting = path.hops.length ? path.hops[path.hops.length - 1].to : path.principalKey;
    const id = `${acting}>${resourceId}`;
    const existing = edges.get(id);
    const via = path.hops.length ? [path.name, ...path.hops.map((h) => nameOf(h.to))].join(" → ") : `${path.name} (direct)`;
    if (existing) {
      const paths = existing.evidence.parts.find((p) => p.heading === "Paths through it");
      if (paths && paths.text.split("\n").length < 20 && !paths.text.split("\n").includes(via)) paths.text += `\n${via}`;
      continue;
    }
    const statement = policyStatement(row);
    const identity = row.route === "identity-policy"
      ? (documents.get(acting)?.identity ?? []).flatMap((p) => statementsOf(p.document).filter((s) => statementGrants({ statement: s, actions: [], service: resource.service })).map((s) => `${p.name}:\n${pretty(s)}`)).slice(0, 3)
      : [];
    edges.set(id, {
      id, source: acting, target: resourceId, kind: path.conditional ? "conditional" : "default", dashed: path.conditional, label: level,
      evidence: {
        summary: `${nameOf(acting)} can ${level} ${resource.name} through ${ROUTE_TEXT[row.route]}${path.conditional ? ", under conditions" : ""}.`,
        parts: [
          { heading: "Paths through it", text: via },
          ...(statement ? [statement] : []),
          ...(row.route === "identity-policy" ? [{ heading: `Statements of ${nameOf(acting)} on ${resource.service}`, text: identity.length ? identity.join("\n\n") : ACCOUNT_ID.test(acting) ? "The role was not collected: the Identity Center assignment cannot be ruled out." : `No collected statement of it names ${resource.service} directly: open its page for its effective access.` }] : []),
        ],
      },
    });
  }
  return {
    analysis, level, identityBlocked: reach.identityBlocked,
    resource: { arn: resource.arn, name: resource.name, type: resource.type, accountId: resource.accountId, exposure: resource.exposure, nodeId: resourceId },
    nodes: [...nodes.values()], edges: [...edges.values()], paths: reach.totalPaths, truncated: reach.totalPaths > reach.rows.length,
  };
}
