// Starts the simulator and prints one JSON line when ready:
//   npx tsx sim/cli.ts --org demo|path.yaml | --generate SEED:ACCOUNTS:PRINCIPALS[:RESOURCES[:REGIONS]]
//                      [--port N] [--faults faults.json|'{"latencyMs":5}'] [--access-advisor-polls N]
//                      [--credential-report-delay-ms N]
// Serves until SIGTERM/SIGINT. SIGUSR2 prints {"stats":{…}} on stdout; GET /__sim/stats returns the same stats.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Faults, Organization } from "./model";
import { loadOrg } from "./load-org";
import { generateOrg } from "./generate-org";
import { startSimulator } from "./server";

const bucket = z.object({ rate: z.number().positive(), burst: z.number().min(1) }).strict();
const FaultsSchema = z.object({
  throttle: z.object({ perAccount: bucket.optional(), perCaller: bucket.optional() }).strict().optional(),
  latencyMs: z.number().min(0).optional(),
  errorRate5xx: z.number().min(0).max(1).optional(),
  accessDenied: z.object({
    accounts: z.array(z.string()).optional(),
    apis: z.array(z.object({ account: z.string().optional(), action: z.string() }).strict()).optional(),
  }).strict().optional(),
  blackholeAccounts: z.array(z.string()).optional(),
  seed: z.number().optional(),
}).strict();

export function parseFaults(text: string): Faults {
  const r = FaultsSchema.safeParse(JSON.parse(text));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`faults: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  return r.data;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const orgArg = arg(args, "--org");
  const gen = arg(args, "--generate");
  let org: Organization;
  if (gen) {
    const m = /^([^:]+):(\d+):(\d+)(?::(\d+))?(?::(\d+))?$/.exec(gen);
    if (!m) throw new Error("--generate expects SEED:ACCOUNTS:PRINCIPALS[:RESOURCES[:REGIONS]], e.g. 7:200:80:40:4");
    org = generateOrg({ seed: m[1], accounts: Number(m[2]), principalsPerAccount: Number(m[3]), resourcesPerAccount: m[4] === undefined ? undefined : Number(m[4]), regions: m[5] === undefined ? undefined : Number(m[5]) });
  } else {
    org = loadOrg(orgArg ?? "demo");
  }
  const faultsArg = arg(args, "--faults");
  const faults = faultsArg ? parseFaults(faultsArg.trim().startsWith("{") ? faultsArg : readFileSync(faultsArg, "utf8")) : undefined;
  const sim = await startSimulator({
    org,
    faults,
    port: Number(arg(args, "--port") ?? 0),
    accessAdvisorPendingPolls: arg(args, "--access-advisor-polls") === undefined ? undefined : Number(arg(args, "--access-advisor-polls")),
    credentialReportDelayMs: arg(args, "--credential-report-delay-ms") === undefined ? undefined : Number(arg(args, "--credential-report-delay-ms")),
  });
  const token = org.identityCenter?.users.find((u) => u.accessToken)?.accessToken;
  process.stdout.write(JSON.stringify({
    url: sim.url,
    port: sim.port,
    hub: sim.hub,
    auditRoleName: org.auditRoleName,
    orgReaderRoleArn: org.orgReaderRoleArn ?? null,
    ssoAccessToken: token ?? null,
  }) + "\n");
  process.on("SIGUSR2", () => process.stdout.write(JSON.stringify({ stats: sim.stats() }) + "\n"));
  const shutdown = () => { void sim.stop().then(() => process.exit(0)); };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((e) => {
  process.stderr.write(`sim: ${(e as Error).message}\n`);
  process.exit(1);
});
