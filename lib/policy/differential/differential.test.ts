import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalogue } from "../action-catalogue";
import { canAssumeRole } from "../can-assume-role";
import { computeEffectiveActions } from "../compute-effective-actions";
import type { ConditionContext, PrincipalFacts } from "../condition-context";
import type { PrincipalPolicies } from "../effective-access-types";
import { evaluateRequest } from "../evaluate-request";
import { actionStatus } from "../explain-action";
import { loadActionCatalogue } from "../load-action-catalogue";
import { parsePolicy } from "../parse-policy";
import type { PolicyKind } from "../policy-types";
import { ACCOUNT, CALLER_ARN, generateDifferentialCases, type TDifferentialCase, type TStatement } from "./generate-differential-cases";
import { KNOWN_EVALUATOR_DIVERGENCES, type TDecision } from "./known-evaluator-divergences";

// Differential test: the engine against an independent IAM evaluator
// (@cloud-copilot/iam-simulate, AGPL, a devDependency only) on seeded generated policies and
// requests. A difference must be a listed known divergence, where AWS's documentation says
// the engine is right; any other difference fails. Cases the engine leaves conditional, and
// policies the other evaluator rejects as invalid, are counted but not compared.
const SEED = 20261202;
const COUNT = 2000;

let catalogue: ActionCatalogue;
beforeAll(async () => { catalogue = await loadActionCatalogue(); });

const FULL_AWS_ACCESS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

describe("differential test against @cloud-copilot/iam-simulate", () => {
  it(`agrees on ${COUNT} generated requests, except the known divergences`, async () => {
    const cases = generateDifferentialCases({ seed: SEED, count: COUNT });
    const unexplained: string[] = [];
    const hits = new Map<string, number>();
    let compared = 0;
    let conditional = 0;
    let rejected = 0;
    for (const testCase of cases) {
      const ours = ourDecision(testCase);
      if (ours === "conditional") {
        conditional++;
        continue;
      }
      const theirs = await theirDecision(testCase);
      if (theirs === "rejected") {
        rejected++;
        continue;
      }
      compared++;
      if (ours === theirs) continue;
      const known = KNOWN_EVALUATOR_DIVERGENCES.find((divergence) =>
        divergence.outcomes.some(([expectedOurs, expectedTheirs]) => expectedOurs === ours && expectedTheirs === theirs) && divergence.applies(testCase));
      if (known) hits.set(known.id, (hits.get(known.id) ?? 0) + 1);
      else unexplained.push(`case ${testCase.id}: ours ${ours}, iam-simulate ${theirs}: ${JSON.stringify(testCase)}`);
    }
    expect(unexplained.slice(0, 5), `${unexplained.length} differences that no known divergence explains`).toEqual([]);
    // Enough decided cases to mean something, and every listed divergence still occurs (a
    // stale entry would hide nothing but would claim a difference that is gone).
    expect(compared).toBeGreaterThan(COUNT * 0.6);
    for (const divergence of KNOWN_EVALUATOR_DIVERGENCES) expect(hits.get(divergence.id) ?? 0, divergence.id).toBeGreaterThan(0);
    console.info(`differential: ${compared} compared, ${conditional} conditional, ${rejected} rejected by iam-simulate, known divergences ${JSON.stringify(Object.fromEntries(hits))}`);
  }, 120_000);

  it("decides single requests as the action-set computation does", () => {
    // Each case compiles its policies' action sets over the whole catalogue: a sample keeps
    // this part to a couple of seconds.
    const cases = generateDifferentialCases({ seed: SEED, count: COUNT }).filter((testCase) => testCase.kind === "request").slice(0, 800);
    const mismatches: string[] = [];
    for (const testCase of cases) {
      const request = ourDecision(testCase);
      const set = actionStatus({ effective: computeEffectiveActions({ catalogue, ...policiesOf(testCase), principal: principalOf(testCase) }), action: testCase.action });
      // "allowed"/"denied" on the set level hold for every resource and context; "not-allowed"
      // means no statement can grant it anywhere.
      const consistent = set === "allowed" ? request === "allowed"
        : set === "denied" ? request === "denied"
          : set === "not-allowed" ? request === "not-allowed" || request === "denied"
            : true;
      if (!consistent) mismatches.push(`case ${testCase.id}: set ${set}, request ${request}: ${JSON.stringify(testCase)}`);
    }
    expect(mismatches.slice(0, 5), `${mismatches.length} mismatches`).toEqual([]);
  });
});

function policy(id: string, kind: PolicyKind, statements: TStatement[]) {
  return parsePolicy({ id, kind, document: { Version: "2012-10-17", Statement: statements } });
}

function policiesOf(testCase: TDifferentialCase): PrincipalPolicies {
  return {
    identityPolicies: [policy("identity", "identity", testCase.identityStatements)],
    permissionBoundary: testCase.boundaryStatements && policy("boundary", "identity", testCase.boundaryStatements),
    scps: testCase.scpStatements ? [[parsePolicy({ id: "FullAWSAccess", kind: "scp", document: FULL_AWS_ACCESS }), policy("scp", "scp", testCase.scpStatements)]] : [],
  };
}

function principalOf(testCase: TDifferentialCase): PrincipalFacts {
  return { arn: CALLER_ARN, accountId: ACCOUNT, kind: "user", userName: "alice", tags: testCase.principalTags };
}

function ourDecision(testCase: TDifferentialCase): TDecision | "conditional" {
  if (testCase.kind === "assume") {
    const result = canAssumeRole({
      catalogue,
      caller: { kind: "user", arn: CALLER_ARN, accountId: ACCOUNT, tags: testCase.principalTags },
      callerPolicies: policiesOf(testCase),
      role: { arn: testCase.resource, trustPolicy: policy("trust", "trust", testCase.trustStatements ?? []) },
      context: { values: testCase.context },
    });
    if (result.reachable === "if-conditions") return "conditional";
    if (result.reachable === "yes") return "allowed";
    return result.reason.includes("explicit deny") ? "denied" : "not-allowed";
  }
  const values: ConditionContext["values"] = {};
  for (const [key, value] of Object.entries(testCase.context)) values[key.toLowerCase()] = value === null ? null : Array.isArray(value) ? value : [value];
  const decision = evaluateRequest({
    catalogue, ...policiesOf(testCase), action: testCase.action, resource: testCase.resource, principal: principalOf(testCase), context: { values },
  });
  return decision.decision;
}

async function theirDecision(testCase: TDifferentialCase): Promise<TDecision | "rejected"> {
  const contextVariables: Record<string, string | string[]> = {
    "aws:username": "alice",
    "aws:PrincipalArn": CALLER_ARN,
    "aws:PrincipalAccount": ACCOUNT,
    "aws:PrincipalType": "User",
    "aws:PrincipalIsAWSService": "false",
  };
  for (const [key, value] of Object.entries(testCase.principalTags)) contextVariables[`aws:PrincipalTag/${key}`] = value;
  for (const [key, value] of Object.entries(testCase.context)) if (value !== null) contextVariables[key] = value;
  const simulation: Simulation = {
    request: { principal: CALLER_ARN, action: testCase.action, resource: { resource: testCase.resource, accountId: ACCOUNT }, contextVariables },
    identityPolicies: [{ name: "identity", policy: { Version: "2012-10-17", Statement: testCase.identityStatements } }],
    serviceControlPolicies: testCase.scpStatements
      ? [{ orgIdentifier: "r-root", policies: [{ name: "FullAWSAccess", policy: FULL_AWS_ACCESS }, { name: "scp", policy: { Version: "2012-10-17", Statement: testCase.scpStatements } }] }]
      : [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: testCase.boundaryStatements && [{ name: "boundary", policy: { Version: "2012-10-17", Statement: testCase.boundaryStatements } }],
    resourcePolicy: testCase.trustStatements && { Version: "2012-10-17", Statement: testCase.trustStatements },
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType !== "single") return "rejected";
  return response.overallResult === "Allowed" ? "allowed" : response.overallResult === "ExplicitlyDenied" ? "denied" : "not-allowed";
}
