// Compares two analyses row for row, for the incremental benchmark (bench/analyze.ts) and
// its test: the rows of principal_access, principal_reach and external_trust valid at each
// analysis id, the resource result tables (versioned or per analysis, whichever they are),
// and the open findings after each, all by content (md5 of the row's jsonb without the
// columns that only name the analysis or the row).
import type pg from "pg";

const VERSIONED = ["principal_access", "principal_reach", "external_trust"];
const RESOURCE_TABLES = ["resource_exposure", "resource_grant"];
/** Columns that name the analysis or the row, not its content. */
const BOOKKEEPING = ["id", "analysis_id", "valid_from", "valid_to"];

/** Content of each row valid at `analysisId`, as md5 of its jsonb without the bookkeeping columns. */
async function rowsAt(options: { pool: pg.Pool; table: string; analysisId: number }): Promise<Map<string, number>> {
  const { pool, table, analysisId } = options;
  const { rows: columns } = await pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", [table]);
  const names = new Set(columns.map((c) => c.column_name));
  if (names.size === 0) throw new Error(`table ${table} does not exist`);
  // Versioned tables (valid_from/valid_to) are read at the analysis id; per-analysis ones by analysis_id.
  const where = names.has("valid_from") ? "valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)" : "analysis_id = $1";
  const strip = BOOKKEEPING.filter((c) => names.has(c)).map((c) => ` - '${c}'`).join("");
  const { rows } = await pool.query<{ h: string; n: number }>(`SELECT md5((to_jsonb(t)${strip})::text) AS h, count(*)::int AS n FROM ${table} t WHERE ${where} GROUP BY 1`, [analysisId]);
  return new Map(rows.map((r) => [r.h, r.n]));
}

async function sampleRow(options: { pool: pg.Pool; table: string; hash: string; analysisId: number }): Promise<string> {
  const { pool, table, hash, analysisId } = options;
  const { rows: columns } = await pool.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", [table]);
  const names = new Set(columns.map((c) => c.column_name));
  const where = names.has("valid_from") ? "valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)" : "analysis_id = $1";
  const strip = BOOKKEEPING.filter((c) => names.has(c)).map((c) => ` - '${c}'`).join("");
  const { rows } = await pool.query(`SELECT (to_jsonb(t)${strip})::text AS row FROM ${table} t WHERE ${where} AND md5((to_jsonb(t)${strip})::text) = $2 LIMIT 1`, [analysisId, hash]);
  return (rows[0]?.row ?? "?").slice(0, 800);
}

/** Open findings by content: what a reader sees, not the lifecycle bookkeeping (ids, runs, times). */
export async function openFindings(pool: pg.Pool): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ fingerprint: string; content: string }>(
    `SELECT fingerprint, jsonb_build_object('rule', rule, 'title', title, 'severity', severity, 'cisControl', cis_control, 'accountId', account_id,
       'resourceKey', resource_key, 'resourceName', resource_name, 'evidence', evidence)::text AS content
     FROM finding WHERE status = 'open'`,
  );
  return new Map(rows.map((r) => [r.fingerprint, r.content]));
}

/**
 * Whether analyses `a` and `b` hold the same results; `openFindings` are the open findings
 * read (openFindings) right after each. `report` names each table and the first differences.
 */
export async function compareAnalyses(options: { pool: pg.Pool; a: number; b: number; openFindings: [Map<string, string>, Map<string, string>] }): Promise<{ identical: boolean; report: string[]; differentTables: string[] }> {
  const { pool, a, b } = options;
  const report: string[] = [`compare analysis ${a} with ${b}:`];
  let identical = true;
  const differentTables: string[] = [];
  for (const table of [...VERSIONED, ...RESOURCE_TABLES]) {
    const [left, right] = [await rowsAt({ pool, table, analysisId: a }), await rowsAt({ pool, table, analysisId: b })];
    const onlyLeft = [...left].filter(([hash, n]) => (right.get(hash) ?? 0) !== n);
    const onlyRight = [...right].filter(([hash, n]) => (left.get(hash) ?? 0) !== n);
    const rows = [...left.values()].reduce((sum, n) => sum + n, 0);
    if (onlyLeft.length === 0 && onlyRight.length === 0) {
      report.push(`  ${table.padEnd(18)} identical (${rows} rows)`);
      continue;
    }
    identical = false;
    differentTables.push(table);
    report.push(`  ${table.padEnd(18)} DIFFERENT: ${onlyLeft.length} row contents only (or more often) in ${a}, ${onlyRight.length} only in ${b}`);
    if (onlyLeft[0]) report.push(`    first in ${a}: ${await sampleRow({ pool, table, hash: onlyLeft[0][0], analysisId: a })}`);
    if (onlyRight[0]) report.push(`    first in ${b}: ${await sampleRow({ pool, table, hash: onlyRight[0][0], analysisId: b })}`);
  }
  const [afterA, afterB] = options.openFindings;
  const differing = [...new Set([...afterA.keys(), ...afterB.keys()])].filter((key) => afterA.get(key) !== afterB.get(key));
  if (differing.length === 0) report.push(`  ${"open findings".padEnd(18)} identical (${afterA.size})`);
  else {
    identical = false;
    differentTables.push("finding");
    report.push(`  ${"open findings".padEnd(18)} DIFFERENT: ${differing.length} of ${afterA.size} / ${afterB.size}`);
    for (const key of differing.slice(0, 3)) report.push(`    ${key}: after ${a}: ${afterA.get(key)?.slice(0, 400) ?? "(not open)"} | after ${b}: ${afterB.get(key)?.slice(0, 400) ?? "(not open)"}`);
  }
  report.push(`identical: ${identical}`);
  return { identical, report, differentTables };
}
