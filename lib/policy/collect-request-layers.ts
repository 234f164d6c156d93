import type { LayerName, PrincipalPolicies } from "./effective-access-types";
import type { Policy } from "./policy-types";

export type RequestLayer = { layer: LayerName; level?: number; policy?: Policy };

// The same layers as collectEvaluatedPolicies, without compiling action sets: one request
// only reads the statements. A level without policy still counts (nothing passes it).
export function collectRequestLayers(options: { input: PrincipalPolicies; scpExempt: boolean; rcpExempt: boolean }): RequestLayer[] {
  const { input } = options;
  const layers: RequestLayer[] = [];
  for (const policy of input.identityPolicies) layers.push({ layer: "identity", policy });
  for (const policy of input.groupPolicies ?? []) layers.push({ layer: "group", policy });
  if (input.permissionBoundary) layers.push({ layer: "boundary", policy: input.permissionBoundary });
  for (const policy of input.sessionPolicies ?? []) layers.push({ layer: "session", policy });
  for (const layer of ["scp", "rcp"] as const) {
    if (layer === "scp" ? options.scpExempt : options.rcpExempt) continue;
    for (const [level, policies] of (input[`${layer}s`] ?? []).entries()) {
      if (policies.length === 0) layers.push({ layer, level });
      for (const policy of policies) layers.push({ layer, level, policy });
    }
  }
  return layers;
}
