import { beforeAll, describe, expect, it } from "vitest";
import { accessLevelOfAction, buildActionCatalogue, findActionIndex, type ActionCatalogue } from "./action-catalogue";
import { actionIndices, countActions, hasAction } from "./action-set";
import { ESCALATION_PATHS } from "./escalation-paths";
import { expandActionPattern } from "./expand-action-pattern";
import { loadActionCatalogue, normaliseAccessLevel } from "./load-action-catalogue";

let catalogue: ActionCatalogue;
beforeAll(async () => {
  catalogue = await loadActionCatalogue();
});

const names = (pattern: string) => actionIndices(expandActionPattern({ catalogue, pattern })).map((index) => catalogue.actionNames[index]);

describe("loadActionCatalogue", () => {
  it("holds the whole AWS catalogue", () => {
    expect(catalogue.services.length).toBeGreaterThan(400);
    expect(catalogue.services.length).toBeLessThan(700);
    expect(catalogue.size).toBeGreaterThan(18_000);
    expect(catalogue.size).toBeLessThan(40_000);
    expect(countActions(catalogue.allActions)).toBe(catalogue.size);
  });

  it("loads once and returns the same catalogue afterwards", async () => {
    expect(await loadActionCatalogue()).toBe(catalogue);
  });

  it.each([
    ["s3:GetObject", "Read"],
    ["s3:ListAllMyBuckets", "List"],
    ["iam:CreatePolicyVersion", "Permissions management"],
    ["ec2:CreateTags", "Tagging"],
    ["ec2:RunInstances", "Write"],
    ["IAM:createpolicyversion", "Permissions management"],
  ])("%s is %s", (action, level) => {
    expect(accessLevelOfAction({ catalogue, action })).toBe(level);
  });

  it("keeps each service and access level a contiguous index range", () => {
    for (const service of catalogue.services) {
      for (let index = service.start; index < service.end; index++) {
        expect(catalogue.actionNames[index].startsWith(`${service.key}:`)).toBe(true);
      }
      for (let level = 0; level < 5; level++) {
        for (let index = service.levelStarts[level]; index < service.levelStarts[level + 1]; index++) {
          if (catalogue.accessLevelOf[index] !== level) throw new Error(`${catalogue.actionNames[index]} out of its level range`);
        }
      }
    }
  });

  it("marks the services that support RCPs", () => {
    const s3 = catalogue.services[catalogue.serviceIndexByKey.get("s3")!];
    const ec2 = catalogue.services[catalogue.serviceIndexByKey.get("ec2")!];
    expect(s3.supportsRcp).toBe(true);
    expect(ec2.supportsRcp).toBe(false);
    expect(hasAction(catalogue.rcpActions, findActionIndex({ catalogue, action: "kms:Decrypt" })!)).toBe(true);
  });

  it("knows every action of every escalation path", () => {
    const missing = ESCALATION_PATHS.flatMap((path) => path.actions).filter((action) => findActionIndex({ catalogue, action }) === undefined);
    expect(missing).toEqual([]);
  });
});

describe("expandActionPattern", () => {
  it("expands * to every action and service:* to the service", () => {
    expect(countActions(expandActionPattern({ catalogue, pattern: "*" }))).toBe(catalogue.size);
    const s3 = catalogue.services[catalogue.serviceIndexByKey.get("s3")!];
    expect(countActions(expandActionPattern({ catalogue, pattern: "s3:*" }))).toBe(s3.end - s3.start);
  });

  it("matches prefixes, infixes and single characters case-insensitively", () => {
    expect(names("s3:Get*").every((name) => name.startsWith("s3:Get"))).toBe(true);
    expect(names("s3:Get*")).toContain("s3:GetObject");
    expect(names("iam:*Policy*")).toEqual(expect.arrayContaining(["iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:GetPolicy"]));
    expect(names("iam:*Policy*")).not.toContain("iam:ListPolicies");
    expect(names("ec2:Describe?nstances")).toEqual(["ec2:DescribeInstances"]);
    expect(names("EC2:describeINSTANCES")).toEqual(["ec2:DescribeInstances"]);
  });

  // The Action element takes a service namespace as prefix; wildcards go in the action name
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
  it("matches nothing for a wildcard in the service prefix", () => {
    expect(names("*:GetObject")).toEqual([]);
    expect(names("s3*:Get*")).toEqual([]);
    expect(names("*")).toHaveLength(catalogue.size);
  });

  it("matches nothing for unknown services and actions", () => {
    expect(names("nosuchservice:*")).toEqual([]);
    expect(names("s3:NoSuchAction")).toEqual([]);
  });

  it("caches expansions", () => {
    expect(expandActionPattern({ catalogue, pattern: "s3:Get*" })).toBe(expandActionPattern({ catalogue, pattern: "S3:GET*" }));
  });
});

describe("buildActionCatalogue", () => {
  it("orders services and actions by service, then access level", () => {
    const small = buildActionCatalogue({
      services: [
        { key: "zeta", name: "Zeta", supportsRcp: false, actions: [{ name: "Write1", accessLevel: "Write" }, { name: "List1", accessLevel: "List" }] },
        { key: "alpha", name: "Alpha", supportsRcp: true, actions: [{ name: "Tag", accessLevel: "Tagging" }, { name: "Read", accessLevel: "Read" }] },
      ],
    });
    expect(small.actionNames).toEqual(["alpha:Read", "alpha:Tag", "zeta:List1", "zeta:Write1"]);
    expect(small.services.map((service) => [service.key, service.start, service.end])).toEqual([["alpha", 0, 2], ["zeta", 2, 4]]);
    expect(actionIndices(small.rcpActions)).toEqual([0, 1]);
  });

  it("files combined access levels under the more specific one", () => {
    expect(normaliseAccessLevel("Permissions management, Write")).toBe("Permissions management");
    expect(normaliseAccessLevel("Tagging, Write")).toBe("Tagging");
    expect(normaliseAccessLevel("List")).toBe("List");
  });
});
