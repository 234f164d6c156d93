// npm run bench:console [-- --principals 100000 --accounts 500 --seed 1 --iterations 30 --restore --reuse --chunk-accounts 500]
// (--restore: store the analysis a second time, unchanged, time it and its growth, and query that one)
// (--reuse: keep the seeded database of these parameters and, when it is there, query it again
// without generating and seeding; migrations are still applied, so new indexes take effect)
// (--chunk-accounts N: analyse N workload accounts at a time, for organizations too large to
// hold in memory; 1,000,000 principals need it. See console-seed.ts for what it leaves out.)
// (tsx --conditions=react-server bench/console.ts: the console's data layer is marked
// server-only.) Generates the benchmark organization, materialises it and its analysis
// into a fresh database (DATABASE_URL's server, or an embedded Postgres under
// .data/bench-console), then times the console's server-side queries: the principal list
// (default page, kind + admin filter, text search, sort by last use, page 1000), who-can-reach
// (a service at Write on one account, on an OU, one action, one resource) and the resource
// list (default page, public only, one account's buckets by exposure, text search). Prints p50/p95 per query;
// last line: {"queries": {"<name>": {"p50Ms": …, "p95Ms": …}}}. Target: p95 < 300 ms.
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { GENERATED_VENDORS, generateOrgModel } from "../lib/analysis/generate-org-model";
import type { TSessionUser } from "../lib/auth/permissions";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { createDatabaseIfMissing, migrateDatabase, withDatabaseName } from "../lib/db/ensure-database";
import { seedConsoleDatabase } from "./console-seed";
import { runScript } from "../lib/cli/exit-status";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATABASE = "atlas_bench_console";
/** What the timed queries ask about, taken from the generated organization at seed time (kept with a reused database). */
type TQueryInputs = { prodAccountId: string; prodOuId: string; bucketArn: string; keyArn: string };
const USER: TSessionUser = { id: "bench", email: "bench@localhost", name: "bench", roles: ["admin"] };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    principals: { type: "string", default: "100000" }, accounts: { type: "string", default: "500" }, seed: { type: "string", default: "1" },
    // Data resources; default two per principal (200,000 at 100,000 principals).
    resources: { type: "string" },
    iterations: { type: "string", default: "30" }, warmup: { type: "string", default: "3" }, port: { type: "string", default: "54470" },
    restore: { type: "boolean", default: false }, reuse: { type: "boolean", default: false }, "chunk-accounts": { type: "string" },
    // Print EXPLAIN (ANALYZE, BUFFERS) of every statement the named queries run (comma-separated), once, and time only them.
    explain: { type: "string" },
  } });
  const resourceCount = values.resources === undefined ? Number(values.principals) * 2 : Number(values.resources);
  const name = `${DATABASE}_${values.principals}_${values.accounts}_${values.seed}_${resourceCount}${values.restore ? "_restore" : ""}`;
  const phase = async <T>(label: string, run: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    console.log(`${label.padEnd(18)} ${((performance.now() - started) / 1000).toFixed(2).padStart(7)} s   rss ${Math.round(process.memoryUsage().rss / 1_048_576)} MiB`);
    return result;
  };
  const server = process.env.DATABASE_URL
    ? { serverUrl: withDatabaseName({ url: process.env.DATABASE_URL, name: "postgres" }), stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "bench-console"), port: Number(values.port) });
  try {
    let url = values.reuse ? await seededDatabase({ serverUrl: server.serverUrl, name }) : null;
    let inputs: TQueryInputs;
    let seeded: Awaited<ReturnType<typeof seedConsoleDatabase>> | undefined;
    let pool: pg.Pool;
    if (url) {
      console.log(`reusing ${name}`);
      pool = new pg.Pool({ connectionString: url, max: 4 });
      inputs = (await pool.query("SELECT inputs FROM bench_console_seed")).rows[0].inputs;
    } else {
      url = await freshDatabase({ serverUrl: server.serverUrl, name });
      pool = new pg.Pool({ connectionString: url, max: 4 });
      const model = await phase("generate", () => generateOrgModel({
        principals: Number(values.principals), accounts: Number(values.accounts), seed: Number(values.seed), resources: resourceCount,
      }));
      inputs = queryInputs(model);
      seeded = await seedConsoleDatabase({
        pool, model, config: { knownVendors: GENERATED_VENDORS }, phase, restoreUnchanged: values.restore,
        chunkAccounts: values["chunk-accounts"] === undefined ? undefined : Number(values["chunk-accounts"]),
      });
      // Marks the database complete: --reuse takes only a database whose seed finished.
      await pool.query("CREATE TABLE bench_console_seed (inputs jsonb NOT NULL)");
      await pool.query("INSERT INTO bench_console_seed VALUES ($1)", [JSON.stringify(inputs)]);
    }
    // The console's data layer reads DATABASE_URL through getDb(); set it before the first import uses it.
    process.env.DATABASE_URL = url;
    const storage = await tableSizes(pool);
    for (const [table, size] of Object.entries(storage)) console.log(`${table.padEnd(18)} ${String(size.rows).padStart(9)} rows ${String(size.mib).padStart(8)} MiB`);
    await pool.end();
    let queries = await consoleQueries({ inputs });
    if (values.explain) {
      const names = values.explain.split(",");
      queries = Object.fromEntries(Object.entries(queries).filter(([queryName]) => names.includes(queryName)));
      for (const [queryName, run] of Object.entries(queries)) {
        await run();
        console.log(`\n==== ${queryName}`);
        await explained(run);
      }
    }
    const results: Record<string, { p50Ms: number; p95Ms: number }> = {};
    for (const [name, run] of Object.entries(queries)) {
      const timings = await time({ run, iterations: Number(values.iterations), warmup: Number(values.warmup) });
      results[name] = { p50Ms: percentile(timings.samples, 0.5), p95Ms: percentile(timings.samples, 0.95) };
      const flag = results[name].p95Ms < 300 ? "" : "   ← over the 300 ms target";
      console.log(`${name.padEnd(34)} p50 ${results[name].p50Ms.toFixed(1).padStart(7)} ms   p95 ${results[name].p95Ms.toFixed(1).padStart(7)} ms   (${timings.rows} rows)${flag}`);
    }
    const { getDb } = await import("../lib/db/client");
    await getDb().close();
    console.log(JSON.stringify({ queries: results, storage, ...(seeded?.restore ? { restoreUnchanged: seeded.restore } : {}) }));
  } finally {
    await server.stop();
  }
}

/** Rows and disk (table, indexes and TOAST) per table of one snapshot and its analysis. */
async function tableSizes(pool: pg.Pool): Promise<Record<string, { rows: number; mib: number }>> {
  const tables = ["snapshot_record", "policy_document", "principal_access", "access_summary", "principal_reach", "external_trust"];
  const sizes: Record<string, { rows: number; mib: number }> = {};
  for (const table of tables) {
    const { rows: [row] } = await pool.query(`SELECT count(*)::int AS rows, pg_total_relation_size('${table}') AS bytes FROM ${table}`);
    sizes[table] = { rows: row.rows, mib: Math.round(Number(row.bytes) / 104_857.6) / 10 };
  }
  return sizes;
}

// The console functions themselves, imported only now that DATABASE_URL points at the bench database.
async function consoleQueries(options: { inputs: TQueryInputs }): Promise<Record<string, () => Promise<number>>> {
  const { listPrincipals } = await import("../lib/console/list-principals");
  const { parsePrincipalListQuery } = await import("../lib/console/principal-list-query");
  const { findWhoCanReachView } = await import("../lib/console/find-who-can-reach-view");
  const { parseWhoCanReachQuery } = await import("../lib/console/who-can-reach-query");
  const { listResources } = await import("../lib/console/list-resources");
  const { parseResourceListQuery } = await import("../lib/console/resource-list-query");
  const { findWhoCanReachResource } = await import("../lib/console/find-who-can-reach-resource");
  const { prodAccountId, prodOuId: prodOu, bucketArn, keyArn } = options.inputs;
  const list = (raw: Record<string, string>) => async () => (await listPrincipals({ user: USER, query: parsePrincipalListQuery(raw) })).rows.length;
  const reach = (raw: Record<string, string>) => async () => (await findWhoCanReachView({ user: USER, query: parseWhoCanReachQuery(raw) })).rows.length;
  const resources = (raw: Record<string, string>) => async () => (await listResources({ user: USER, query: parseResourceListQuery(raw) })).rows.length;
  const resourceReach = (arn: string, level: "Read" | "Write") => async () => (await findWhoCanReachResource({ user: USER, arn, level })).reach.rows.length;
  return {
    "principals.default": list({}),
    "principals.kind-role+admin": list({ kind: "iam-role", admin: "yes" }),
    "principals.search": list({ q: "payments" }),
    "principals.sort-last-used": list({ sort: "lastUsed", dir: "desc" }),
    // A deep page (rows 49,951-50,000): paging is by offset, so this is the cost of skipping rows in index order.
    "principals.page-1000": list({ page: "1000" }),
    "who-can-reach.account-s3-write": reach({ account: prodAccountId, service: "s3", level: "Write" }),
    "who-can-reach.ou-s3-write": reach({ ou: prodOu, service: "s3", level: "Write" }),
    "who-can-reach.action-iam-passrole": reach({ account: prodAccountId, action: "iam:PassRole" }),
    "resources.default": resources({}),
    "resources.public": resources({ exposure: "public" }),
    "resources.account-type": resources({ account: prodAccountId, type: "s3-bucket", sort: "exposure" }),
    "resources.search": resources({ q: "lambda-1" }),
    "who-can-reach.resource-bucket-read": resourceReach(bucketArn, "Read"),
    "who-can-reach.resource-key-write": resourceReach(keyArn, "Write"),
  };
}

/** Runs `run` with every pg query it makes also explained (EXPLAIN ANALYZE runs it), plans printed. */
async function explained(run: () => Promise<number>): Promise<void> {
  const original = pg.Pool.prototype.query;
  const call = original as unknown as (this: pg.Pool, text: string, params?: unknown[]) => Promise<pg.QueryResult>;
  const patched = async function (this: pg.Pool, text: unknown, params?: unknown[]) {
    if (typeof text === "string" && /^\s*(WITH|SELECT)/i.test(text)) {
      const started = performance.now();
      const { rows } = await call.call(this, `EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      console.log(`-- ${(performance.now() - started).toFixed(1)} ms\n${text.replace(/\s+/g, " ").slice(0, 300)}\n${rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n")}\n`);
    }
    return call.call(this, text as string, params);
  };
  pg.Pool.prototype.query = patched as unknown as typeof original;
  try { await run(); } finally { pg.Pool.prototype.query = original; }
}

function queryInputs(model: ReturnType<typeof generateOrgModel>): TQueryInputs {
  const prod = model.accounts.find((account) => account.ouNames.at(-1) === "Prod")!;
  // A bucket in the first production account shared org-wide by policy: identity paths, named parties and the resource policy all count.
  const bucket = model.resources.find((resource) => resource.accountId === prod.id && resource.type === "s3-bucket" && JSON.stringify(resource.policy ?? "").includes("PrincipalOrgID"))
    ?? model.resources.find((resource) => resource.accountId === prod.id)!;
  const key = model.resources.find((resource) => resource.accountId === prod.id && resource.type === "kms-key") ?? bucket;
  return { prodAccountId: prod.id, prodOuId: prod.ouPath.at(-1)!, bucketArn: bucket.arn, keyArn: key.arn };
}

/** The database of a finished seed of these parameters, migrated to the current schema; null when there is none. */
async function seededDatabase(options: { serverUrl: string; name: string }): Promise<string | null> {
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.name]);
  await admin.end();
  if (!rowCount) return null;
  const url = withDatabaseName({ url: options.serverUrl, name: options.name });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: [marker] } = await client.query("SELECT to_regclass('bench_console_seed') IS NOT NULL AS done");
  await client.end();
  if (!marker.done) return null;
  await migrateDatabase({ url, quiet: true });
  // Statistics for indexes a new migration added (expression indexes have none until analysed).
  const analyze = new pg.Client({ connectionString: url });
  await analyze.connect();
  await analyze.query("ANALYZE");
  await analyze.end();
  return url;
}

async function freshDatabase(options: { serverUrl: string; name: string }): Promise<string> {
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
  await admin.end();
  await createDatabaseIfMissing({ serverUrl: options.serverUrl, name: options.name });
  const url = withDatabaseName({ url: options.serverUrl, name: options.name });
  await migrateDatabase({ url, quiet: true });
  return url;
}

async function time(options: { run: () => Promise<number>; iterations: number; warmup: number }): Promise<{ samples: number[]; rows: number }> {
  let rows = 0;
  for (let index = 0; index < options.warmup; index++) rows = await options.run();
  const samples: number[] = [];
  for (let index = 0; index < options.iterations; index++) {
    const started = performance.now();
    rows = await options.run();
    samples.push(performance.now() - started);
  }
  return { samples, rows };
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
  return Math.round(value * 10) / 10;
}

runScript("bench:console", main);
