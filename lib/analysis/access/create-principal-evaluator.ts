import {
  actionStatus, computeEffectiveActions, createEffectiveAccessCache,
  type ActionCatalogue, type ActionStatus, type EffectiveAccess, type EffectiveAccessCache, type Policy, type PrincipalFacts, type PrincipalPolicies,
} from "../../policy";
import type { TOrgModel, TPolicyDocRef, TPrincipal } from "../model";
import { buildOrganizationStacks, type TAccountStack } from "./build-organization-stacks";
import { createPolicyResolver, type TPolicyIdentity, type TPolicyResolver } from "./create-policy-resolver";

// Everything an organisation-wide run shares between principals: parsed policies, the
// SCP/RCP stack of each account and the engine's cache of results per policy combination.
// Access computation and reachability use the same evaluator so neither parses or
// evaluates anything twice.
export type TPrincipalEvaluator = {
  model: TOrgModel;
  catalogue: ActionCatalogue;
  resolver: TPolicyResolver;
  stacks: Map<string, TAccountStack>;
  cache: EffectiveAccessCache;
  // The caller side of every role assumption is sts:AssumeRole; noting its status while a
  // principal's bitsets are at hand spares reachability a second evaluation.
  assumeRoleStatus: Map<string, ActionStatus>;
};

export type TPrincipalInput = PrincipalPolicies & { principal: PrincipalFacts };

export function createPrincipalEvaluator(options: {
  model: TOrgModel;
  catalogue: ActionCatalogue;
  cacheEntries?: number;
  // See TPolicyIdentity: "id-and-content" when explaining a principal with exact policy ids.
  policyIdentity?: TPolicyIdentity;
}): TPrincipalEvaluator {
  const resolver = createPolicyResolver({ identity: options.policyIdentity });
  return {
    model: options.model,
    catalogue: options.catalogue,
    resolver,
    stacks: buildOrganizationStacks({ model: options.model, resolver }),
    cache: createEffectiveAccessCache({ maxEntries: options.cacheEntries }),
    assumeRoleStatus: new Map(),
  };
}

// The policies and facts of an IAM user or role; null for Identity Center users, whose
// access only exists through the roles their assignments create.
export function principalInputOf(options: { evaluator: TPrincipalEvaluator; principal: TPrincipal }): TPrincipalInput | null {
  const { evaluator, principal } = options;
  if (principal.kind === "sso-user" || !principal.accountId) return null;
  const resolve = (refs: TPolicyDocRef[]) => {
    const policies: Policy[] = [];
    for (const ref of refs) {
      const policy = evaluator.resolver.resolve({ ref, kind: "identity" });
      if (policy) policies.push(policy);
    }
    return policies;
  };
  const stack = evaluator.stacks.get(principal.accountId);
  const kind = principal.kind === "iam-user" ? "user" : "role";
  return {
    identityPolicies: resolve(principal.identityPolicies),
    groupPolicies: principal.groupPolicies.length > 0 ? resolve(principal.groupPolicies) : undefined,
    permissionBoundary: principal.permissionsBoundary
      ? evaluator.resolver.resolve({ ref: principal.permissionsBoundary, kind: "identity" }) ?? undefined
      : undefined,
    scps: stack?.scps ?? [],
    rcps: stack?.rcps ?? [],
    isManagementAccount: stack?.isManagement ?? false,
    isServiceLinkedRole: principal.serviceLinked,
    principal: {
      arn: principalArn(principal),
      accountId: principal.accountId,
      orgId: evaluator.model.organizationId ?? undefined,
      orgPaths: stack?.orgPath ? [stack.orgPath] : undefined,
      // The collected tags are the principal's complete set, which lets aws:PrincipalTag
      // conditions settle instead of staying conditional.
      tags: principal.tags,
      kind,
      userName: kind === "user" ? principal.name : undefined,
      uniqueId: principal.id,
    },
  };
}

export function evaluatePrincipal(options: { evaluator: TPrincipalEvaluator; principal: TPrincipal }): EffectiveAccess | null {
  const { evaluator, principal } = options;
  const input = principalInputOf(options);
  if (!input) return null;
  const effective = computeEffectiveActions({ catalogue: evaluator.catalogue, ...input, cache: evaluator.cache });
  evaluator.assumeRoleStatus.set(principal.key, actionStatus({ effective, action: "sts:AssumeRole" }));
  return effective;
}

export function principalArn(principal: TPrincipal): string {
  if (principal.arn) return principal.arn;
  const resource = principal.kind === "iam-user" ? "user" : "role";
  return `arn:aws:iam::${principal.accountId}:${resource}${principal.path || "/"}${principal.name}`;
}
