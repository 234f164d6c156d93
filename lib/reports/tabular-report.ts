import "server-only";
import type pg from "pg";
import { ConsoleError } from "../console/console-error";
import type { TCsvColumn } from "../export/to-csv";
import { findLatestAnalysis, type TLatestAnalysis } from "../console/find-latest-analysis";

/** A flat report (one sheet) of the latest analysis, exportable as CSV or XLSX. */
export type TTabularReport<T> = { report: string; title: string; analysis: TLatestAnalysis; rows: T[]; columns: TCsvColumn<T>[] };

export async function requireLatestAnalysis(options: { pool: pg.Pool }): Promise<TLatestAnalysis> {
  const latest = await findLatestAnalysis(options);
  if (!latest) throw new ConsoleError("unavailable", "no analysed snapshot yet: run a collection first");
  return latest;
}

/** Account id → name, from the organization as of the analysed run. */
export async function loadAccountNames(options: { pool: pg.Pool; runId: number }): Promise<Map<string, string>> {
  const { rows } = await options.pool.query(
    `SELECT key, coalesce(name, key) AS name FROM snapshot_record
     WHERE scope = 'org' AND kind = 'org.account' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
    [options.runId],
  );
  return new Map(rows.map((r) => [r.key as string, r.name as string]));
}

export function daysBetween(from: Date | string | null, to: Date): number | null {
  if (!from) return null;
  const time = new Date(from).getTime();
  return Number.isNaN(time) ? null : Math.floor((to.getTime() - time) / 86_400_000);
}
