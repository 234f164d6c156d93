import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, type ActionCatalogue } from "../../policy";
import type { TPrincipalAccess, TReach } from "../results";
import { accessIndexKey, buildAccessIndex, levelsAtLeast } from "./build-access-index";
import { computePrincipalAccess } from "./compute-principal-access";
import { computeReachability } from "./compute-reachability";
import { createPrincipalEvaluator, type TPrincipalEvaluator } from "./create-principal-evaluator";
import { findWhoCanReach, type TWhoCanReachEntry, type TWhoCanReachQuery } from "./find-who-can-reach";
import { createActionStatusLookup } from "./lookup-action-status";
import { buildSmallOrg, keyOf, PROD, SANDBOX } from "./small-org.fixture";

let catalogue: ActionCatalogue;
let evaluator: TPrincipalEvaluator;
let access: TPrincipalAccess[];
let reach: TReach[];
const model = buildSmallOrg();
const nameOf = (key: string) => model.principals.find((principal) => principal.key === key)?.name ?? key;
const ask = (query: TWhoCanReachQuery) =>
  findWhoCanReach({ model, access, reach, query, catalogue, actionStatusOf: createActionStatusLookup({ evaluator }) });
// "name (type): kind via role [grant] ?" per path.
const summarise = (entries: TWhoCanReachEntry[]) => entries.map((entry) =>
  `${entry.name} (${entry.identityType}): ${entry.paths.map((path) => `${path.kind} ${nameOf(path.actingAs)} [${path.grant}]${path.conditional ? " ?" : ""} ${path.hops.length}`).join(", ")}`).sort();

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
  evaluator = createPrincipalEvaluator({ model, catalogue });
  access = computePrincipalAccess({ model, catalogue, evaluator });
  reach = computeReachability({ model, catalogue, evaluator });
});

describe("findWhoCanReach", () => {
  it("answers who can write S3 in PROD, directly or through the roles they can assume", () => {
    expect(summarise(ask({ accountId: PROD, service: "s3", minLevel: "Write" }))).toEqual([
      "AWSReservedSSO_AdministratorAccess_0a1b (workload): direct AWSReservedSSO_AdministratorAccess_0a1b [allowed] 0",
      "CiRunner (workload): via-role Deployer [allowed] 1",
      "Deployer (workload): direct Deployer [allowed] 0",
      "OrganizationAccountAccessRole (workload): direct OrganizationAccountAccessRole [allowed] 0",
      "alice (human): via-role OrganizationAccountAccessRole [allowed] 1",
      "bob (human): via-role Deployer [allowed] ? 1",
      "dave (human): via-role AWSReservedSSO_AdministratorAccess_0a1b [allowed] 1",
    ]);
  });

  it("includes read-only roles when the bar is Read, ordering a principal's paths", () => {
    const entries = ask({ accountId: PROD, service: "s3", minLevel: "Read" });
    expect(entries.map((entry) => entry.name)).toContain("AuditRole");
    const ciRunner = entries.find((entry) => entry.principalKey === keyOf(model, "CiRunner"))!;
    expect(ciRunner.paths.map((path) => nameOf(path.actingAs))).toEqual(["AuditRole", "Deployer"]);
    expect(ciRunner.paths[0].levels).toEqual(["Read"]);
    expect(ciRunner.paths[1].levels).toEqual(["Read", "Write", "Permissions management", "Tagging"]);
  });

  it("answers for every account under an OU and keeps assignments whose role was not collected", () => {
    expect(summarise(ask({ ouId: "ou-sandbox", service: "iam", minLevel: "List" }))).toEqual([
      "dave (human): via-sso-assignment 444444444444 [unknown] 1",
    ]);
    const ec2 = ask({ ouId: "ou-sandbox", service: "ec2", minLevel: "Permissions management" });
    expect(ec2.map((entry) => entry.name).sort()).toEqual(["CiRunner", "Deployer", "SandboxAdmin", "bob", "dave"]);
    const bob = ec2.find((entry) => entry.name === "bob")!;
    expect(bob.paths[0]).toMatchObject({ kind: "via-role", accountId: SANDBOX, conditional: true });
    expect(bob.paths[0].hops.map((hop) => nameOf(hop.to))).toEqual(["Deployer", "SandboxAdmin"]);
  });

  it("answers for one action, confirming it for each candidate", () => {
    const invoke = ask({ accountId: PROD, action: "lambda:InvokeFunction" });
    expect(invoke.map((entry) => entry.name).sort()).toEqual([
      "AWSReservedSSO_AdministratorAccess_0a1b", "CiRunner", "Deployer", "OrganizationAccountAccessRole", "alice", "bob", "dave",
    ]);
    // The deny-list SCP takes iam:CreateUser away from every admin in PROD.
    expect(ask({ accountId: PROD, action: "iam:CreateUser" })).toEqual([]);
    expect(() => findWhoCanReach({ model, access, reach, query: { accountId: PROD, action: "iam:CreateUser" } })).toThrow(/needs catalogue and actionStatusOf/);
  });
});

describe("buildAccessIndex", () => {
  it("indexes principals per account, service and level with their strongest grant", () => {
    const index = buildAccessIndex({ access, accountIds: new Set([PROD]) });
    const s3Write = index.get(accessIndexKey({ accountId: PROD, service: "s3", level: "Write" }))!;
    expect(s3Write.map((entry) => nameOf(entry.principalKey)).sort()).toEqual(["AWSReservedSSO_AdministratorAccess_0a1b", "Deployer", "OrganizationAccountAccessRole"]);
    expect(index.get(accessIndexKey({ accountId: PROD, service: "cloudwatch", level: "Read" }))).toContainEqual({ principalKey: keyOf(model, "VendorRole"), grant: "allowed" });
    const bobSts = buildAccessIndex({ access }).get(accessIndexKey({ accountId: "222222222222", service: "sts", level: "Write" }))!;
    expect(bobSts.filter((entry) => entry.principalKey === keyOf(model, "bob"))).toEqual([{ principalKey: keyOf(model, "bob"), grant: "partial" }]);
    expect([...index.keys()].every((key) => key.startsWith(`${PROD}|`))).toBe(true);
  });

  it("ranks Tagging with Write and Permissions management above both", () => {
    expect(levelsAtLeast("Write")).toEqual(["Write", "Permissions management", "Tagging"]);
    expect(levelsAtLeast("Permissions management")).toEqual(["Permissions management"]);
    expect(levelsAtLeast("List")).toHaveLength(5);
  });
});
