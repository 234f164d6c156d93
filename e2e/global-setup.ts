import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";

const ROOT = path.resolve(import.meta.dirname, "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the demo exactly as `npm run demo` does (embedded Postgres, simulator, one
 * collection and analysis, OIDC provider, a fresh `next build` + `next start`), on free
 * ports and a data folder of its own, and hands the URLs to the specs through the
 * environment. Returns the teardown.
 */
export default async function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    throw new Error(`the browser tests need Chromium at ${chromium}: apt-get install -y chromium poppler-utils (or set CHROMIUM_PATH); .ci/run installs both`);
  }
  if (process.env.E2E_BASE_URL) {
    if (!process.env.E2E_DATABASE_URL) throw new Error("E2E_BASE_URL is set: set E2E_DATABASE_URL to that stack's database too");
    return async () => {};
  }
  const [consolePort, simPort, oidcPort, pgPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const dataDir = path.join(ROOT, ".data", `e2e-${process.pid}`);
  // Metrics on, as a deployment scraped by Prometheus has them (e2e/observability.spec.ts reads them).
  const metricsToken = randomBytes(24).toString("hex");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/demo.ts", "--build", "--ready-json",
    "--port", String(consolePort), "--sim-port", String(simPort), "--oidc-port", String(oidcPort)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATA_DIR: path.relative(ROOT, dataDir), EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: "", METRICS_TOKEN: metricsToken },
  });
  let log = "";
  child.stderr!.on("data", (chunk) => { log += chunk; if (log.length > 200_000) log = log.slice(-100_000); });
  const ready = await new Promise<{ consoleUrl: string; databaseUrl: string }>((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`the demo stack did not start within 15 minutes:\n${log.slice(-4000)}`)), 15 * 60_000);
    child.stdout!.on("data", (chunk) => {
      buffer += chunk;
      const line = buffer.split("\n").find((l) => l.startsWith("READY "));
      if (line) { clearTimeout(timer); resolve(JSON.parse(line.slice(6))); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`the demo stack exited (${code}) before it was ready:\n${log.slice(-4000)}`)); });
  });
  process.env.E2E_BASE_URL = ready.consoleUrl;
  process.env.E2E_DATABASE_URL = ready.databaseUrl;
  process.env.E2E_METRICS_TOKEN = metricsToken;
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try { process.kill(-child.pid!, "SIGTERM"); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
