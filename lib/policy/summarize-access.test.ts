import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, type ActionCatalogue } from "./action-catalogue";
import { hasAction } from "./action-set";
import { computeEffectiveActions } from "./compute-effective-actions";
import { loadActionCatalogue } from "./load-action-catalogue";
import { parsePolicy } from "./parse-policy";
import { summarizeAccess } from "./summarize-access";

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

const policy = (statements: object[]) => parsePolicy({ id: "p", kind: "identity", document: { Statement: statements } });

// Counted the slow way, action by action, to check the range-based counting.
function countByHand(options: { service: string; level: string; test: (name: string) => boolean }): number {
  return catalogue.actionNames.filter((name, index) =>
    name.startsWith(`${options.service}:`) && ACCESS_LEVELS[catalogue.accessLevelOf[index]] === options.level && options.test(name)).length;
}

function wildcardOnly(name: string): boolean {
  return hasAction(catalogue.wildcardOnlyActions, catalogue.actionNames.indexOf(name));
}

describe("summarizeAccess", () => {
  it("counts full, resource-scoped and conditional actions per service and access level", () => {
    const effective = computeEffectiveActions({
      catalogue,
      identityPolicies: [policy([
        { Effect: "Allow", Action: "s3:Get*", Resource: "*" },
        { Effect: "Allow", Action: "s3:Put*", Resource: "arn:aws:s3:::uploads/*" },
        { Effect: "Allow", Action: "s3:List*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
      ])],
    });
    const summary = summarizeAccess({ effective });
    expect(summary.services.map((service) => service.service)).toEqual(["s3"]);
    const s3 = summary.services[0];
    const s3Service = catalogue.services[catalogue.serviceIndexByKey.get("s3")!];
    expect(s3.totals.total).toBe(s3Service.end - s3Service.start);
    for (const level of ACCESS_LEVELS) {
      expect(s3.levels[level], level).toEqual({
        allowed: countByHand({ service: "s3", level, test: (name) => name.startsWith("s3:Get") }),
        // Actions without a resource type need Resource "*": the ARN grants them nothing.
        partial: countByHand({ service: "s3", level, test: (name) => name.startsWith("s3:Put") && !wildcardOnly(name) }),
        conditional: countByHand({ service: "s3", level, test: (name) => name.startsWith("s3:List") }),
        total: countByHand({ service: "s3", level, test: () => true }),
      });
    }
    expect(s3.levels.Read.allowed).toBeGreaterThan(10);
    expect(summary.totals.total).toBe(catalogue.size);
    expect(summary.totals.allowed).toBe(s3.totals.allowed);
  });

  it("lists every service for an administrator", () => {
    const effective = computeEffectiveActions({ catalogue, identityPolicies: [policy([{ Effect: "Allow", Action: "*", Resource: "*" }])] });
    const summary = summarizeAccess({ effective });
    expect(summary.services.length).toBe(catalogue.services.filter((service) => service.end > service.start).length);
    expect(summary.totals.allowed).toBe(catalogue.size);
    expect(summary.totalsByLevel["Permissions management"].allowed).toBe(summary.totalsByLevel["Permissions management"].total);
  });
});
