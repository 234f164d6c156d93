import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { getDb } from "../db/client";
import { assertCan } from "./assert-can";

/** The rules that currently have open findings (and how many), for the list's "open finding" filter. */
export async function listPrincipalFindingRules(options: { user: TSessionUser }): Promise<Array<{ rule: string; open: number }>> {
  assertCan(options.user, "inventory.read");
  const { pool } = getDb();
  const { rows } = await pool.query(
    "SELECT rule, count(*)::int AS open FROM finding WHERE status = 'open' GROUP BY rule ORDER BY rule",
  );
  return rows;
}
