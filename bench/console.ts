// npm run bench:console [-- --principals 100000 --accounts 500 --seed 1 --iterations 30 --restore]
// (--restore: store the analysis a second time, unchanged, time it and its growth, and query that one)
// (tsx --conditions=react-server bench/console.ts: the console's data layer is marked
// server-only.) Generates the benchmark organization, materialises it and its analysis
// into a fresh database (DATABASE_URL's server, or an embedded Postgres under
// .data/bench-console), then times the console's server-side queries: the principal list
// (default page, kind + admin filter, text search, sort by last use), who-can-reach
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
const USER: TSessionUser = { id: "bench", email: "bench@localhost", name: "bench", roles: ["admin"] };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    principals: { type: "string", default: "100000" }, accounts: { type: "string", default: "500" }, seed: { type: "string", default: "1" },
    // Data resources; default two per principal (200,000 at 100,000 principals).
    resources: { type: "string" },
    iterations: { type: "string", default: "30" }, warmup: { type: "string", default: "3" }, port: { type: "string", default: "54470" },
    restore: { type: "boolean", default: false },
  } });
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
    const url = await freshDatabase({ serverUrl: server.serverUrl });
    // The console's data layer reads DATABASE_URL through getDb(); set it before the first import uses it.
    process.env.DATABASE_URL = url;
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const model = await phase("generate", () => generateOrgModel({
      principals: Number(values.principals), accounts: Number(values.accounts), seed: Number(values.seed),
      resources: values.resources === undefined ? Number(values.principals) * 2 : Number(values.resources),
    }));
    const seeded = await seedConsoleDatabase({ pool, model, config: { knownVendors: GENERATED_VENDORS }, phase, restoreUnchanged: values.restore });
    const storage = await tableSizes(pool);
    for (const [table, size] of Object.entries(storage)) console.log(`${table.padEnd(18)} ${String(size.rows).padStart(9)} rows ${String(size.mib).padStart(8)} MiB`);
    await pool.end();
    const queries = await consoleQueries({ model });
    const results: Record<string, { p50Ms: number; p95Ms: number }> = {};
    for (const [name, run] of Object.entries(queries)) {
      const timings = await time({ run, iterations: Number(values.iterations), warmup: Number(values.warmup) });
      results[name] = { p50Ms: percentile(timings.samples, 0.5), p95Ms: percentile(timings.samples, 0.95) };
      const flag = results[name].p95Ms < 300 ? "" : "   ← over the 300 ms target";
      console.log(`${name.padEnd(34)} p50 ${results[name].p50Ms.toFixed(1).padStart(7)} ms   p95 ${results[name].p95Ms.toFixed(1).padStart(7)} ms   (${timings.rows} rows)${flag}`);
    }
    const { getDb } = await import("../lib/db/client");
    await getDb().close();
    console.log(JSON.stringify({ queries: results, storage, ...(seeded.restore ? { restoreUnchanged: seeded.restore } : {}) }));
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
async function consoleQueries(options: { model: ReturnType<typeof generateOrgModel> }): Promise<Record<string, () => Promise<number>>> {
  const { listPrincipals } = await import("../lib/console/list-principals");
  const { parsePrincipalListQuery } = await import("../lib/console/principal-list-query");
  const { findWhoCanReachView } = await import("../lib/console/find-who-can-reach-view");
  const { parseWhoCanReachQuery } = await import("../lib/console/who-can-reach-query");
  const { listResources } = await import("../lib/console/list-resources");
  const { parseResourceListQuery } = await import("../lib/console/resource-list-query");
  const { findWhoCanReachResource } = await import("../lib/console/find-who-can-reach-resource");
  const prod = options.model.accounts.find((account) => account.ouNames.at(-1) === "Prod")!;
  const prodOu = prod.ouPath.at(-1)!;
  const list = (raw: Record<string, string>) => async () => (await listPrincipals({ user: USER, query: parsePrincipalListQuery(raw) })).rows.length;
  const reach = (raw: Record<string, string>) => async () => (await findWhoCanReachView({ user: USER, query: parseWhoCanReachQuery(raw) })).rows.length;
  const resources = (raw: Record<string, string>) => async () => (await listResources({ user: USER, query: parseResourceListQuery(raw) })).rows.length;
  // A bucket in the busiest production account shared org-wide by policy: identity paths, named parties and the resource policy all count.
  const bucket = options.model.resources.find((resource) => resource.accountId === prod.id && resource.type === "s3-bucket" && JSON.stringify(resource.policy ?? "").includes("PrincipalOrgID"))
    ?? options.model.resources.find((resource) => resource.accountId === prod.id)!;
  const key = options.model.resources.find((resource) => resource.accountId === prod.id && resource.type === "kms-key") ?? bucket;
  const resourceReach = (arn: string, level: "Read" | "Write") => async () => (await findWhoCanReachResource({ user: USER, arn, level })).reach.rows.length;
  return {
    "principals.default": list({}),
    "principals.kind-role+admin": list({ kind: "iam-role", admin: "yes" }),
    "principals.search": list({ q: "payments" }),
    "principals.sort-last-used": list({ sort: "lastUsed", dir: "desc" }),
    "who-can-reach.account-s3-write": reach({ account: prod.id, service: "s3", level: "Write" }),
    "who-can-reach.ou-s3-write": reach({ ou: prodOu, service: "s3", level: "Write" }),
    "who-can-reach.action-iam-passrole": reach({ account: prod.id, action: "iam:PassRole" }),
    "resources.default": resources({}),
    "resources.public": resources({ exposure: "public" }),
    "resources.account-type": resources({ account: prod.id, type: "s3-bucket", sort: "exposure" }),
    "resources.search": resources({ q: "lambda-1" }),
    "who-can-reach.resource-bucket-read": resourceReach(bucket.arn, "Read"),
    "who-can-reach.resource-key-write": resourceReach(key.arn, "Write"),
  };
}

async function freshDatabase(options: { serverUrl: string }): Promise<string> {
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await admin.end();
  await createDatabaseIfMissing({ serverUrl: options.serverUrl, name: DATABASE });
  const url = withDatabaseName({ url: options.serverUrl, name: DATABASE });
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
