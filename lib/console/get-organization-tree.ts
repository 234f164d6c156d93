import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";
import { principalListHref } from "./principal-list-query";

export type TOrgPolicyAttachment = { id: string; name: string; type: "SCP" | "RCP"; awsManaged: boolean; description: string; document: unknown };

export type TOrgAccountNode = {
  id: string;
  name: string;
  email: string | null;
  status: string;
  isManagement: boolean;
  tags: Record<string, string>;
  policies: TOrgPolicyAttachment[];
  /** The account's latest collection attempt; null when no run has listed it. */
  collection: {
    runId: number; status: string; errorCode: string | null; error: string | null; finishedAt: Date | null;
    unavailable: Array<{ kind: string; code: string; message: string }>;
  } | null;
  principalsHref: string;
};

export type TOrgUnitNode = {
  id: string;
  name: string;
  kind: "root" | "ou" | "unplaced";
  tags: Record<string, string>;
  policies: TOrgPolicyAttachment[];
  accounts: TOrgAccountNode[];
  children: TOrgUnitNode[];
};

export type TOrganizationTree = { organizationId: string | null; managementAccountId: string | null; roots: TOrgUnitNode[]; accountCount: number };

/** The OU tree of the current snapshot with each account's latest collection status and the SCPs/RCPs attached at every level. */
export async function getOrganizationTree(options: { user: TSessionUser }): Promise<TOrganizationTree> {
  assertCan(options.user, "inventory.read");
  const { pool } = getDb();
  const [records, latest] = await Promise.all([
    pool.query(
      `SELECT s.kind, s.key, s.name, s.data, d.document FROM snapshot_record s
       LEFT JOIN policy_document d ON s.kind = 'org.policy' AND d.hash = s.data->>'documentHash'
       WHERE s.valid_to IS NULL AND s.scope = 'org' AND s.kind IN ('org.organization', 'org.root', 'org.ou', 'org.account', 'org.policy')`,
    ),
    pool.query(
      `SELECT DISTINCT ON (account_id) account_id AS "accountId", run_id AS "runId", status, error_code AS "errorCode", error,
         finished_at AS "finishedAt", unavailable
       FROM account_run ORDER BY account_id, run_id DESC`,
    ),
  ]);
  const of = (kind: string) => records.rows.filter((r) => r.kind === kind);
  const organization = of("org.organization")[0];
  const managementAccountId: string | null = organization?.data.managementAccountId ?? null;
  const policiesByTarget = new Map<string, TOrgPolicyAttachment[]>();
  for (const p of of("org.policy")) {
    const attachment: TOrgPolicyAttachment = {
      id: p.key, name: p.name ?? p.key, type: p.data.type === "RESOURCE_CONTROL_POLICY" ? "RCP" : "SCP",
      awsManaged: Boolean(p.data.awsManaged), description: p.data.description ?? "", document: p.document ?? null,
    };
    for (const target of p.data.targets ?? []) {
      const list = policiesByTarget.get(target.targetId) ?? [];
      list.push(attachment);
      policiesByTarget.set(target.targetId, list);
    }
  }
  const policiesOf = (id: string) => (policiesByTarget.get(id) ?? []).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const collection = new Map(latest.rows.map((r) => [r.accountId as string, r]));
  const units = new Map<string, TOrgUnitNode>();
  for (const r of [...of("org.root"), ...of("org.ou")]) {
    units.set(r.key, { id: r.key, name: r.name ?? r.key, kind: r.kind === "org.root" ? "root" : "ou", tags: r.data.tags ?? {}, policies: policiesOf(r.key), accounts: [], children: [] });
  }
  const roots: TOrgUnitNode[] = [];
  for (const r of of("org.ou")) {
    const parent = units.get(r.data.parentId);
    if (parent) parent.children.push(units.get(r.key)!);
  }
  for (const r of of("org.root")) roots.push(units.get(r.key)!);
  const unplaced: TOrgUnitNode = { id: "unplaced", name: "Accounts outside the OU tree", kind: "unplaced", tags: {}, policies: [], accounts: [], children: [] };
  for (const a of of("org.account")) {
    const latestRun = collection.get(a.key);
    const node: TOrgAccountNode = {
      id: a.key, name: a.name ?? a.key, email: a.data.email ?? null, status: a.data.state ?? a.data.status ?? "ACTIVE",
      isManagement: a.key === managementAccountId, tags: a.data.tags ?? {}, policies: policiesOf(a.key),
      collection: latestRun
        ? { runId: latestRun.runId, status: latestRun.status, errorCode: latestRun.errorCode, error: latestRun.error, finishedAt: latestRun.finishedAt, unavailable: latestRun.unavailable ?? [] }
        : null,
      principalsHref: principalListHref({ account: a.key }),
    };
    (units.get(a.data.parentId) ?? unplaced).accounts.push(node);
  }
  const sortTree = (node: TOrgUnitNode) => {
    node.accounts.sort((x, y) => x.name.localeCompare(y.name));
    node.children.sort((x, y) => x.name.localeCompare(y.name));
    node.children.forEach(sortTree);
  };
  if (unplaced.accounts.length > 0) roots.push(unplaced);
  roots.forEach(sortTree);
  return { organizationId: organization?.key ?? null, managementAccountId, roots, accountCount: of("org.account").length };
}
