import { beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalogue, type ActionCatalogue } from "../../policy";
import type { TOrgModel } from "../model";
import type { TReach } from "../results";
import { computePrincipalAccess } from "./compute-principal-access";
import { computeReachability } from "./compute-reachability";
import { createPrincipalEvaluator } from "./create-principal-evaluator";
import { buildSmallOrg, keyOf, PROD, SANDBOX } from "./small-org.fixture";

let catalogue: ActionCatalogue;
let reach: TReach[];
const model = buildSmallOrg();
const nameOf = (key: string) => model.principals.find((principal) => principal.key === key)?.name ?? key;
// "source -> target [?]: hop > hop", "?" marking a path that needs a condition to hold.
const describeReach = (entry: TReach) =>
  `${nameOf(entry.sourceKey)} -> ${nameOf(entry.targetKey)}${entry.conditional ? " ?" : ""}: ${entry.hops.map((hop) => `${nameOf(hop.from)}>${nameOf(hop.to)}`).join(" ")}`;

beforeAll(async () => {
  catalogue = await loadActionCatalogue();
  const evaluator = createPrincipalEvaluator({ model, catalogue });
  computePrincipalAccess({ model, catalogue, evaluator });
  reach = computeReachability({ model, catalogue, evaluator });
});

describe("computeReachability", () => {
  it("finds exactly the expected reach, each with its shortest path", () => {
    expect(reach.map(describeReach).sort()).toEqual([
      "AWSReservedSSO_AdministratorAccess_0a1b -> PublicRole: AWSReservedSSO_AdministratorAccess_0a1b>PublicRole",
      "CiRunner -> AuditRole: CiRunner>AuditRole",
      "CiRunner -> Deployer: CiRunner>Deployer",
      "CiRunner -> PublicRole: CiRunner>PublicRole",
      "CiRunner -> SandboxAdmin: CiRunner>Deployer Deployer>SandboxAdmin",
      "Deployer -> PublicRole: Deployer>SandboxAdmin SandboxAdmin>PublicRole",
      "Deployer -> SandboxAdmin: Deployer>SandboxAdmin",
      "OrganizationAccountAccessRole -> PublicRole: OrganizationAccountAccessRole>PublicRole",
      "SandboxAdmin -> PublicRole: SandboxAdmin>PublicRole",
      "alice -> OrganizationAccountAccessRole: alice>OrganizationAccountAccessRole",
      "alice -> PublicRole: alice>PublicRole",
      "bob -> Deployer ?: bob>Deployer",
      "bob -> PublicRole: bob>PublicRole",
      "bob -> SandboxAdmin ?: bob>Deployer Deployer>SandboxAdmin",
      "carol -> PublicRole: carol>PublicRole",
      "dave -> 444444444444: dave>444444444444",
      "dave -> AWSReservedSSO_AdministratorAccess_0a1b: dave>AWSReservedSSO_AdministratorAccess_0a1b",
      "dave -> PublicRole: dave>AWSReservedSSO_AdministratorAccess_0a1b AWSReservedSSO_AdministratorAccess_0a1b>PublicRole",
    ]);
  });

  it("does not let a :root trust stand in for the caller's own sts:AssumeRole permission", () => {
    const auditRole = keyOf(model, "AuditRole");
    expect(reach.filter((entry) => entry.targetKey === auditRole).map((entry) => nameOf(entry.sourceKey))).toEqual(["CiRunner"]);
  });

  it("never reaches roles trusted only by parties outside the organization", () => {
    expect(reach.some((entry) => entry.targetKey === keyOf(model, "VendorRole"))).toBe(false);
    expect(reach.some((entry) => entry.sourceKey === keyOf(model, "erin"))).toBe(false);
  });

  it("marks the hop that needs MFA and every path through it as conditional", () => {
    const bobToSandbox = reach.find((entry) => entry.sourceKey === keyOf(model, "bob") && entry.targetKey === keyOf(model, "SandboxAdmin"))!;
    expect(bobToSandbox.targetAccountId).toBe(SANDBOX);
    expect(bobToSandbox.hops.map((hop) => hop.conditional)).toEqual([true, false]);
    expect(bobToSandbox.hops.every((hop) => hop.via === "assume-role")).toBe(true);
  });

  it("follows Identity Center assignments through groups, and reports an uncollected role at account level", () => {
    const dave = reach.filter((entry) => entry.sourceKey === "sso/u-dave");
    const viaGroup = dave.find((entry) => entry.targetKey === `${PROD}/AROASSOADMIN`)!;
    expect(viaGroup.hops).toEqual([{
      from: "sso/u-dave", to: `${PROD}/AROASSOADMIN`, via: "sso-assignment", conditional: false, permissionSetName: "AdministratorAccess", throughGroup: "PlatformAdmins",
    }]);
    const accountLevel = dave.find((entry) => entry.targetKey === SANDBOX)!;
    expect(accountLevel).toMatchObject({ targetAccountId: SANDBOX, conditional: false });
    expect(accountLevel.hops).toEqual([{ from: "sso/u-dave", to: SANDBOX, via: "sso-assignment", conditional: false, permissionSetName: "ReadOnlyAccess" }]);
  });

  it("stops at the hop limit", () => {
    const oneHop = computeReachability({ model, catalogue, maxHops: 1 });
    expect(oneHop.every((entry) => entry.hops.length === 1)).toBe(true);
    expect(oneHop.some((entry) => entry.sourceKey === keyOf(model, "CiRunner") && entry.targetKey === keyOf(model, "SandboxAdmin"))).toBe(false);
    expect(oneHop).toHaveLength(reach.filter((entry) => entry.hops.length === 1).length);
  });

  it("prefers a longer unconditional path to a shorter conditional one", () => {
    const changed: TOrgModel = structuredClone(model);
    const sandboxAdmin = changed.principals.find((principal) => principal.name === "SandboxAdmin")!;
    (sandboxAdmin.trustPolicy as { Statement: object[] }).Statement.push({
      Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:role/CiRunner" }, Action: "sts:AssumeRole",
      Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    });
    const result = computeReachability({ model: changed, catalogue });
    const ciToSandbox = result.find((entry) => entry.sourceKey === keyOf(model, "CiRunner") && entry.targetKey === keyOf(model, "SandboxAdmin"))!;
    expect(ciToSandbox.conditional).toBe(false);
    expect(ciToSandbox.hops.map((hop) => nameOf(hop.to))).toEqual(["Deployer", "SandboxAdmin"]);
  });

  // Policy evaluation logic, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html:
  // a same-account grant naming the user ARN or a role session ARN is not limited by an
  // implicit deny in the caller's permissions boundary.
  it("reaches a same-account role whose trust names the user although the user's boundary lacks sts:AssumeRole", () => {
    const changed: TOrgModel = structuredClone(model);
    const carol = changed.principals.find((principal) => principal.name === "carol")!;
    const boundary = { id: `arn:aws:iam::${carol.accountId}:policy/S3Only`, name: "S3Only", kind: "customer-managed" as const, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } };
    const eve = { ...structuredClone(carol), key: `${carol.accountId}/AIDAEVE`, id: "AIDAEVE", name: "eve", arn: `arn:aws:iam::${carol.accountId}:user/eve`, permissionsBoundary: boundary };
    const target = (name: string, principalArn: string) => ({
      ...structuredClone(changed.principals.find((principal) => principal.name === "PublicRole")!),
      key: `${carol.accountId}/AROA${name.toUpperCase()}`, id: `AROA${name.toUpperCase()}`, name, arn: `arn:aws:iam::${carol.accountId}:role/${name}`,
      trustPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }] },
    });
    changed.principals.push(eve, target("EveTarget", eve.arn!), target("SessionTarget", `arn:aws:sts::${carol.accountId}:assumed-role/CiRunner/build`));
    const result = computeReachability({ model: changed, catalogue });
    const reached = (source: string, name: string) => result.find((entry) => entry.sourceKey === source && entry.targetKey === `${carol.accountId}/AROA${name.toUpperCase()}`);
    expect(reached(eve.key, "EveTarget")).toMatchObject({ conditional: false });
    // Only the session named "build" gets in: which session asks is not known.
    expect(reached(keyOf(model, "CiRunner"), "SessionTarget")).toMatchObject({ conditional: true });
    expect(reached(keyOf(model, "carol"), "EveTarget")).toBeUndefined();
  });
});
