// The engine-only mode of the analysis benchmark (npm run bench:analyze -- --in-memory):
// generates a synthetic organization (lib/analysis/generate-org-model.ts) and runs the
// analysis functions in this process, without a database or storing: effective access of
// every IAM user and role, the role-assumption graph and reach, external trusts, resources
// and findings. For profiling the engine. Prints the time of each phase and peak memory.
// Last line: one JSON object where `seconds` covers everything from generation to the end
// and principalActionsPerSecond is (principals evaluated × catalogue actions) / access-phase seconds.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { computePrincipalAccess } from "../lib/analysis/access/compute-principal-access";
import { computeReachability } from "../lib/analysis/access/compute-reachability";
import { createPrincipalEvaluator } from "../lib/analysis/access/create-principal-evaluator";
import { findExternalTrusts } from "../lib/analysis/access/find-external-trusts";
import { findWhoCanReach } from "../lib/analysis/access/find-who-can-reach";
import { GENERATED_VENDORS, generateOrgModel } from "../lib/analysis/generate-org-model";
import { analyzeResources } from "../lib/analysis/resources/analyze-resources";
import { DEFAULT_ANALYSIS_CONFIG } from "../lib/analysis/results";
import { loadActionCatalogue } from "../lib/policy";

const ROOT = path.resolve(import.meta.dirname, "..");
const FINDINGS_MODULE = path.join(ROOT, "lib", "analysis", "findings", "run-findings.ts");

export async function runInMemory(values: { principals: string; accounts: string; seed: string; resources?: string }): Promise<void> {
  const started = performance.now();
  const phase = async <T>(label: string, run: () => T | Promise<T>): Promise<{ result: T; seconds: number }> => {
    const phaseStarted = performance.now();
    const result = await run();
    const seconds = (performance.now() - phaseStarted) / 1000;
    console.log(`${label.padEnd(18)} ${seconds.toFixed(2).padStart(7)} s   rss ${mib(process.memoryUsage().rss)} MiB`);
    return { result, seconds };
  };

  const { result: model } = await phase("generate", () => generateOrgModel({
    principals: Number(values.principals), accounts: Number(values.accounts), seed: Number(values.seed),
    resources: values.resources === undefined ? Number(values.principals) * 2 : Number(values.resources),
  }));
  const { result: catalogue } = await phase("catalogue", () => loadActionCatalogue());
  const evaluator = createPrincipalEvaluator({ model, catalogue });
  const { result: access, seconds: accessSeconds } = await phase("access", () => computePrincipalAccess({ model, catalogue, evaluator }));
  let graphStats = {};
  const { result: reach } = await phase("reachability", () => computeReachability({ model, catalogue, evaluator, onGraph: (graph) => (graphStats = { nodes: graph.nodeKeys.length, ...graph.stats }) }));
  const config = { ...DEFAULT_ANALYSIS_CONFIG, knownVendors: GENERATED_VENDORS };
  const { result: externalTrusts } = await phase("external trusts", () => findExternalTrusts({ model, config, evaluator }));
  const { result: resources } = await phase("resources", () => analyzeResources({ model, catalogue, access, config }));
  if (existsSync(FINDINGS_MODULE)) {
    const findingsModule = (await import(pathToFileURL(FINDINGS_MODULE).href)) as { runFindings?: (options: object) => unknown };
    if (typeof findingsModule.runFindings === "function") {
      // The findings rules look principals up by key.
      const accessByKey = new Map(access.map((entry) => [entry.principalKey, entry]));
      const { result: findings } = await phase("findings", () => findingsModule.runFindings!({ model, access: accessByKey, reach, externalTrusts, resources, config }));
      console.log(`  findings: ${Array.isArray(findings) ? findings.length : "done"}`);
    } else console.log("findings: lib/analysis/findings/run-findings.ts exports no runFindings; skipped");
  } else console.log("findings: lib/analysis/findings/run-findings.ts not present yet; skipped");
  const prodAccount = model.accounts.find((account) => account.ouNames.includes("Prod"))!;
  await phase("who-can-reach", () => findWhoCanReach({ model, access, reach, query: { accountId: prodAccount.id, service: "s3", minLevel: "Write" } }).length);

  const seconds = (performance.now() - started) / 1000;
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const iamPrincipals = model.principals.filter((principal) => principal.kind !== "sso-user").length;
  console.log(`model: ${model.accounts.length} accounts, ${model.principals.length} principals (${iamPrincipals} IAM), ${evaluator.resolver.stats.parsed} distinct policies parsed, ${evaluator.resolver.failures.length} unparsable`);
  console.log(`access: ${access.length} principals, ${access.filter((entry) => entry.adminEquivalent).length} admin-equivalent; engine cache ${evaluator.cache.hits} hits / ${evaluator.cache.misses} misses`);
  console.log(`reach: ${reach.length} (source, role) pairs, ${reach.filter((entry) => entry.conditional).length} conditional, longest ${reach.reduce((longest, entry) => Math.max(longest, entry.hops.length), 0)} hops; graph ${JSON.stringify(graphStats)}`);
  console.log(`external trusts: ${externalTrusts.length} (${countBy(externalTrusts.map((entry) => entry.partyKind))})`);
  console.log(`resources: ${resources.length} (${countBy(resources.map((entry) => entry.exposure))})`);
  console.log(`peak RSS ${peakRssMiB} MiB, total ${seconds.toFixed(1)} s`);
  console.log(JSON.stringify({
    mode: "in-memory",
    principals: model.principals.length,
    resources: resources.length,
    publicResources: resources.filter((entry) => entry.exposure === "public").length,
    externallySharedResources: resources.filter((entry) => entry.exposure === "outside-organization").length,
    seconds: Number(seconds.toFixed(2)),
    peakRssMiB,
    principalActionsPerSecond: Math.round((access.length * catalogue.size) / accessSeconds),
  }));
}

function mib(bytes: number): string {
  return (bytes / 1_048_576).toFixed(0);
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} ${count}`).join(", ");
}

