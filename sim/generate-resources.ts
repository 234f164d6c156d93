// Data resources for generated organizations (benchmarks): about `count` per account over the
// account's enabled regions, mostly private, with the shares real organizations have: org-wide
// (aws:PrincipalOrgID), another account of the organization, a vendor, and a few public ones.
import type { AccountRegion, AccountResources } from "./resource-model";
import { emptyResources } from "./resource-model";
import { resolveResources } from "./load-resources";
import type { OrgFileResources } from "./resource-schema";
import type { Prng } from "./ids";

/** Share of each type in an account's resources (sums to 1). */
const MIX: Array<[keyof Omit<OrgFileResources, "s3BlockPublicAccess">, number]> = [
  ["buckets", 0.15], ["kmsKeys", 0.1], ["queues", 0.12], ["topics", 0.1], ["secrets", 0.1], ["functions", 0.15], ["layers", 0.03],
  ["repositories", 0.05], ["tables", 0.07], ["fileSystems", 0.03], ["ebsSnapshots", 0.05], ["dbSnapshots", 0.03], ["clusterSnapshots", 0.02],
];

const ACTIONS: Record<string, string> = {
  buckets: "s3:GetObject", kmsKeys: "kms:Decrypt", queues: "sqs:SendMessage", topics: "sns:Publish", secrets: "secretsmanager:GetSecretValue",
  functions: "lambda:InvokeFunction", layers: "lambda:GetLayerVersion", repositories: "ecr:BatchGetImage", tables: "dynamodb:GetItem", fileSystems: "elasticfilesystem:ClientMount",
};

export function generateResources(options: {
  rng: Prng; seed: string; accountId: string; nowMs: number; count: number; regions: AccountRegion[];
  orgId: string; orgAccounts: string[]; vendors: string[]; team: string;
}): AccountResources {
  const { rng, accountId, count, team } = options;
  const enabled = options.regions.filter((r) => r.status !== "DISABLED").map((r) => r.name);
  if (count <= 0 || enabled.length === 0) return emptyResources(options.regions);
  // Most resources sit in the first two regions, as they do in real estates.
  const region = () => (rng.chance(0.8) ? enabled[rng.int(0, Math.min(1, enabled.length - 1))] : rng.pick(enabled));
  const share = (kind: string): object | undefined => {
    const action = ACTIONS[kind];
    if (!action) return undefined;
    const r = rng.next();
    const statement = (Principal: unknown, Condition?: object) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal, Action: action, Resource: "*", ...(Condition ? { Condition } : {}) }] });
    if (r < 0.55) return undefined;
    if (r < 0.75) return statement("*", { StringEquals: { "aws:PrincipalOrgID": options.orgId } });
    if (r < 0.9) return statement({ AWS: `arn:aws:iam::${rng.pick(options.orgAccounts)}:root` });
    if (r < 0.97) return statement({ AWS: `arn:aws:iam::${rng.pick(options.vendors)}:root` });
    return statement("*");
  };
  const spec: Record<string, unknown[]> = {};
  let made = 0;
  MIX.forEach(([kind, weight], i) => {
    const n = i === MIX.length - 1 ? Math.max(0, count - made) : Math.round(count * weight);
    made += n;
    spec[kind] = Array.from({ length: n }, (_, j) => {
      const name = `${team}-${kind.replace(/s$/, "").toLowerCase()}-${accountId}-${j}`;
      const base = { name, region: region(), ageDays: rng.int(1, 900), tags: { team } };
      if (kind === "buckets") return { ...base, policy: share(kind), blockPublicAccess: rng.chance(0.7) ? true : undefined };
      if (kind === "layers") return { ...base, versions: [{}, { policy: share(kind) }] };
      if (kind === "tables") return { ...base, policy: share(kind), stream: rng.chance(0.3) ? true : undefined };
      if (kind === "ebsSnapshots" || kind === "dbSnapshots" || kind === "clusterSnapshots") {
        const r = rng.next();
        return { ...base, sharedWith: r < 0.8 ? [] : r < 0.95 ? [rng.pick(options.orgAccounts)] : r < 0.98 ? [rng.pick(options.vendors)] : ["all"] };
      }
      return { ...base, policy: share(kind) };
    });
  });
  const file = { ...spec, s3BlockPublicAccess: rng.chance(0.6) ? true : undefined } as OrgFileResources;
  const resolved = resolveResources({ spec: file, regions: undefined, accountId, seed: options.seed, nowMs: options.nowMs });
  return { ...resolved, regions: options.regions };
}
