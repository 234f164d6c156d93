import type { ActionCatalogue } from "./action-catalogue";
import { computeEffectiveActions } from "./compute-effective-actions";
import { detectAdminEquivalence, type AdminEquivalence } from "./detect-admin-equivalence";
import { createEffectiveAccessCache, type EffectiveAccessCache } from "./effective-access-cache";
import type { EffectiveAccess } from "./effective-access-types";
import { generateBenchOrganization, type BenchPrincipal } from "./generate-bench-organization";
import { loadActionCatalogue } from "./load-action-catalogue";
import { summarizeAccess, type AccessSummary } from "./summarize-access";

// Micro-benchmark of the policy engine: `npx tsx lib/policy/bench-engine.ts [principals]`.
// Runs every principal through effective access + summary + admin detection twice: cold
// (nothing reused between principals, the worst case) and the way an organisation-wide run
// should call it (results reused per identical policy combination).

async function main(): Promise<void> {
  const principalCount = Number(process.argv[2] ?? 10_000);
  let started = performance.now();
  const catalogue = await loadActionCatalogue();
  console.log(`catalogue: ${catalogue.size} actions in ${catalogue.services.length} services, loaded in ${ms(started)}`);

  started = performance.now();
  const { principals, managedPolicyCount } = generateBenchOrganization({ catalogue, principals: principalCount });
  console.log(`generated ${principals.length} principals over ${managedPolicyCount} managed policies (+ inline) in ${ms(started)}`);

  const cold = run({ catalogue, principals, reuse: false });
  report({ label: "no reuse between principals (only compiled policies and SCP/RCP stacks are memoised)", principals: principals.length, actions: catalogue.size, ...cold });
  const reused = run({ catalogue, principals, reuse: true });
  report({ label: "reusing results per policy combination", principals: principals.length, actions: catalogue.size, ...reused });
  console.log(`  cache: ${reused.cache?.hits} hits, ${reused.cache?.misses} misses, ${reused.cache?.entries.size} distinct combinations kept`);
  if (cold.adminCount !== reused.adminCount || cold.allowedTotal !== reused.allowedTotal) {
    throw new Error("cached and cold runs disagree");
  }
  console.log(`admin-equivalent principals: ${cold.adminCount}; allowed actions summed over principals: ${cold.allowedTotal}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

function run(options: { catalogue: ActionCatalogue; principals: BenchPrincipal[]; reuse: boolean }): { seconds: number; adminCount: number; allowedTotal: number; cache?: EffectiveAccessCache } {
  const cache = options.reuse ? createEffectiveAccessCache() : undefined;
  // Summary and admin detection depend only on the result, so a reused result reuses them.
  const derived = new WeakMap<EffectiveAccess, { summary: AccessSummary; admin: AdminEquivalence }>();
  let adminCount = 0;
  let allowedTotal = 0;
  const started = performance.now();
  for (const principal of options.principals) {
    const effective = computeEffectiveActions({ catalogue: options.catalogue, ...principal, cache });
    let results = options.reuse ? derived.get(effective) : undefined;
    if (!results) {
      results = { summary: summarizeAccess({ effective }), admin: detectAdminEquivalence({ effective }) };
      if (options.reuse) derived.set(effective, results);
    }
    if (results.admin.adminEquivalent) adminCount++;
    allowedTotal += results.summary.totals.allowed;
  }
  return { seconds: (performance.now() - started) / 1000, adminCount, allowedTotal, cache };
}

function report(options: { label: string; principals: number; actions: number; seconds: number }): void {
  const perSecond = options.principals / options.seconds;
  console.log(`${options.label}:`);
  console.log(`  ${options.principals} principals in ${options.seconds.toFixed(2)} s = ${perSecond.toFixed(0)} principals/s, ${(perSecond * options.actions / 1e6).toFixed(1)} M principal-actions/s`);
  console.log(`  100,000 principals would take ~${(100_000 / perSecond).toFixed(1)} s on this core`);
}

function ms(started: number): string {
  return `${(performance.now() - started).toFixed(0)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
