import type pg from "pg";
import { ConsoleError } from "../console/console-error";
import type { TCampaignScope } from "./review-schemas";
import { readSnapshotRows } from "./snapshot-as-of";

export type TScopeAccount = { accountId: string; name: string | null; tags: Record<string, string> };

/**
 * The organization's accounts (as of the pinned run) that a scope selects: the listed
 * accounts plus every account under the listed OUs, or all of them when neither is given.
 * Unknown ids are refused by name instead of silently matching nothing.
 */
export async function resolveScopeAccounts(options: { db: pg.Pool | pg.PoolClient; runId: number; scope: TCampaignScope }): Promise<TScopeAccount[]> {
  const { scope } = options;
  const rows = await readSnapshotRows({ db: options.db, runId: options.runId, kinds: ["org.account", "org.ou", "org.root"], scopes: ["org"] });
  const accounts = rows.filter((r) => r.kind === "org.account");
  const ouIds = new Set(rows.filter((r) => r.kind !== "org.account").map((r) => r.key));
  const known = new Set(accounts.map((a) => a.key));
  const unknownAccount = scope.accountIds.find((id) => !known.has(id));
  if (unknownAccount) throw new ConsoleError("invalid", `scope: account ${unknownAccount} is not in the organization's snapshot`);
  const unknownOu = scope.ouIds.find((id) => !ouIds.has(id));
  if (unknownOu) throw new ConsoleError("invalid", `scope: OU ${unknownOu} is not in the organization's snapshot`);
  const everything = scope.accountIds.length === 0 && scope.ouIds.length === 0;
  return accounts
    .filter((a) => {
      if (everything || scope.accountIds.includes(a.key)) return true;
      const path = ((a.data.ouPath as string[] | undefined) ?? []).concat(String(a.data.parentId ?? ""));
      return scope.ouIds.some((ou) => path.includes(ou));
    })
    .map((a) => ({ accountId: a.key, name: a.name, tags: (a.data.tags as Record<string, string> | undefined) ?? {} }));
}
