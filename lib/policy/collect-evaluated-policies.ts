import type { ActionCatalogue } from "./action-catalogue";
import { compilePolicy, sharedEmptySet, type CompiledPolicy } from "./compile-policy";
import type { EvaluatedPolicy, LayerName, PrincipalPolicies } from "./effective-access-types";
import type { Policy } from "./policy-types";

// Flattens a principal's policies into the layers evaluation works on, leaving out SCPs and
// RCPs where the principal is exempt (management account, service-linked roles).
export function collectEvaluatedPolicies(options: {
  catalogue: ActionCatalogue;
  input: PrincipalPolicies;
  scpExempt: boolean;
  rcpExempt: boolean;
}): EvaluatedPolicy[] {
  const { input, catalogue } = options;
  const out: EvaluatedPolicy[] = [];
  const add = (layer: LayerName, policy: Policy, level?: number) =>
    out.push({ layer, level, compiled: compilePolicy({ catalogue, policy }) });
  for (const policy of input.identityPolicies) add("identity", policy);
  for (const policy of input.groupPolicies ?? []) add("group", policy);
  if (input.permissionBoundary) add("boundary", input.permissionBoundary);
  for (const policy of input.sessionPolicies ?? []) add("session", policy);
  for (const layer of ["scp", "rcp"] as const) {
    if (layer === "scp" ? options.scpExempt : options.rcpExempt) continue;
    for (const [level, policies] of (input[`${layer}s`] ?? []).entries()) {
      // An OU level without policies still counts: nothing passes through it.
      if (policies.length === 0) out.push({ layer, level, compiled: emptyLevel({ catalogue, layer }) });
      for (const policy of policies) add(layer, policy, level);
    }
  }
  return out;
}

function emptyLevel(options: { catalogue: ActionCatalogue; layer: "scp" | "rcp" }): CompiledPolicy {
  const empty = sharedEmptySet(options.catalogue);
  return {
    serial: 0,
    policy: { id: `(no ${options.layer.toUpperCase()} attached at this level)`, kind: options.layer, document: { statements: [] } },
    statements: [],
    principalDependent: [],
    unknownActions: [],
    allowFull: empty, allowPartial: empty, allowConditional: empty,
    denyFull: empty, denyPartial: empty, denyConditional: empty,
  };
}
