import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assignedAccountsSql, assignedEvidenceScope } from "../reviews/assigned-evidence";

export type TAccountOption = { id: string; name: string; ouPath: string[]; ouNames: string[]; status: string };
export type TOrgUnitOption = { id: string; name: string; path: string[]; parentId: string | null; isRoot: boolean };

/**
 * Accounts and OUs of the current snapshot, for filters and pickers (and for naming
 * account ids everywhere else). A reviewer gets only the accounts of their review items, and no OUs.
 */
export async function listAccounts(options: { user: TSessionUser }): Promise<{ accounts: TAccountOption[]; organizationalUnits: TOrgUnitOption[] }> {
  const assignedTo = assignedEvidenceScope(options.user, "inventory.read");
  const { pool } = getDb();
  const { rows } = await pool.query(
    `SELECT kind, key, name, data FROM snapshot_record
     WHERE valid_to IS NULL AND scope = 'org' AND kind IN ('org.account', 'org.ou', 'org.root')
       AND ($1::text IS NULL OR (kind = 'org.account' AND key IN (${assignedAccountsSql("$1")})))`,
    [assignedTo],
  );
  const ouNames = new Map<string, string>(rows.filter((r) => r.kind !== "org.account").map((r) => [r.key, r.name ?? r.key]));
  const accounts = rows.filter((r) => r.kind === "org.account").map((r): TAccountOption => {
    const ouPath: string[] = r.data.ouPath ?? [];
    return { id: r.key, name: r.name ?? r.key, ouPath, ouNames: ouPath.slice(1).map((id) => ouNames.get(id) ?? id), status: r.data.state ?? r.data.status ?? "ACTIVE" };
  });
  const organizationalUnits = rows.filter((r) => r.kind !== "org.account").map((r): TOrgUnitOption => ({
    id: r.key, name: r.name ?? r.key, path: r.kind === "org.root" ? [] : (r.data.path ?? [r.name]),
    parentId: r.kind === "org.root" ? null : (r.data.parentId ?? null), isRoot: r.kind === "org.root",
  }));
  accounts.sort((a, b) => a.name.localeCompare(b.name));
  organizationalUnits.sort((a, b) => Number(b.isRoot) - Number(a.isRoot) || a.path.join("/").localeCompare(b.path.join("/")));
  return { accounts, organizationalUnits };
}
