import { describe, expect, it } from "vitest";
import { ADMIN_DOCUMENT, awsManaged, cleanOrg, credentialRow, findingsOf, inlinePolicy, MGMT, PROD, role, trustDocument, user, withPrincipals } from "./test-helpers";

describe("user-attached-policy and user-inline-policy (CIS 1.14)", () => {
  it("reports managed and inline policies on users, one finding per user and kind", () => {
    const inline = inlinePolicy("mia", "extra", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    const mia = user({ accountId: PROD, name: "mia", identityPolicies: [awsManaged("ReadOnlyAccess"), awsManaged("IAMUserChangePassword"), inline] });
    const ned = user({ accountId: PROD, name: "ned", groups: ["Developers"], groupPolicies: [awsManaged("ReadOnlyAccess")] });
    const model = withPrincipals(cleanOrg(), { principals: [mia, ned] });
    const attached = findingsOf({ model, rule: "user-attached-policy" });
    expect(attached.map((f) => [f.resourceKey, f.cisControl, f.severity])).toEqual([[mia.key, "1.14", "low"]]);
    expect((attached[0].evidence.policies as Array<{ name: string }>).map((policy) => policy.name)).toEqual(["ReadOnlyAccess", "IAMUserChangePassword"]);
    const inlineFindings = findingsOf({ model, rule: "user-inline-policy" });
    expect(inlineFindings.map((f) => [f.resourceKey, f.cisControl])).toEqual([[mia.key, "1.14"]]);
    expect(inlineFindings[0].evidence.policies).toEqual([{ id: "inline:mia:extra", name: "extra", kind: "inline", document: inline.document }]);
  });
});

describe("instance-role-broad-policy", () => {
  it("reports admin-like and *FullAccess policies on roles EC2 can use", () => {
    const web = role({ accountId: PROD, name: "Web", trust: trustDocument({ Service: "ec2.amazonaws.com" }), identityPolicies: [awsManaged("AdministratorAccess", ADMIN_DOCUMENT)] });
    const worker = role({ accountId: PROD, name: "Worker", instanceProfileCount: 1, identityPolicies: [awsManaged("AmazonS3FullAccess"), awsManaged("AmazonSSMManagedInstanceCore")] });
    const lambda = role({ accountId: PROD, name: "Fn", identityPolicies: [awsManaged("AmazonS3FullAccess")] });
    const model = withPrincipals(cleanOrg(), { principals: [web, worker, lambda] });
    const findings = findingsOf({ model, rule: "instance-role-broad-policy" });
    expect(findings.map((f) => [f.resourceName, f.severity, f.evidence.trustsEc2, f.evidence.instanceProfileCount])).toEqual([
      ["Web", "high", true, 0],
      ["Worker", "medium", false, 1],
    ]);
    expect(findings[1].evidence.policies).toEqual([{ id: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", kind: "aws-managed" }]);
  });
});

describe("person-multiple-iam-users", () => {
  it("matches users across accounts by email tag, any key case", () => {
    const a = user({ accountId: MGMT, name: "olivia", tags: { Email: "Olivia@Example.com" } });
    const b = user({ accountId: PROD, name: "o.smith", tags: { mail: "olivia@example.com " } });
    const [finding, ...rest] = findingsOf({ model: withPrincipals(cleanOrg(), { principals: [a, b] }), rule: "person-multiple-iam-users" });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ resourceKey: "person:email:olivia@example.com", accountId: null, severity: "medium" });
    expect(finding.evidence).toMatchObject({ matchedBy: "email", accountCount: 2 });
    expect((finding.evidence.users as Array<{ key: string }>).map((u) => u.key)).toEqual([a.key, b.key]);
  });

  it("matches console users by normalised name, but not automation users or users of one account", () => {
    const a = user({ accountId: MGMT, name: "Paul.Jones" });
    const b = user({ accountId: PROD, name: "paul_jones" });
    const ciA = user({ accountId: MGMT, name: "terraform" });
    const ciB = user({ accountId: PROD, name: "terraform" });
    const rows = [a, b].map((u) => credentialRow({ user: u, passwordEnabled: true, passwordLastUsedDaysAgo: 1 }));
    const cis = [ciA, ciB].map((u) => credentialRow({ user: u, passwordEnabled: false }));
    const model = withPrincipals(cleanOrg(), { principals: [a, b, ciA, ciB], credentialReport: [...rows, ...cis] });
    expect(findingsOf({ model, rule: "person-multiple-iam-users" }).map((f) => [f.resourceKey, f.evidence.matchedBy])).toEqual([["person:name:pauljones", "name"]]);
    const sameAccount = withPrincipals(cleanOrg(), { principals: [user({ accountId: PROD, name: "q1", tags: { email: "q@x.io" } }), user({ accountId: PROD, name: "q2", tags: { email: "q@x.io" } })] });
    expect(findingsOf({ model: sameAccount, rule: "person-multiple-iam-users" })).toEqual([]);
  });
});

describe("account hygiene", () => {
  it("cloudshell-full-access (CIS 1.21) on users, roles and groups", () => {
    const ray = user({ accountId: PROD, name: "ray", identityPolicies: [awsManaged("AWSCloudShellFullAccess")] });
    const base = withPrincipals(cleanOrg(), { principals: [ray] });
    const model = { ...base, groups: [{ key: `${MGMT}/AGPAOPS`, accountId: MGMT, name: "Ops", arn: `arn:aws:iam::${MGMT}:group/Ops`, policies: [awsManaged("AWSCloudShellFullAccess")] }] };
    expect(findingsOf({ model, rule: "cloudshell-full-access" }).map((f) => [f.resourceName, f.cisControl, f.evidence.holderKind])).toEqual([["Ops", "1.21", "iam-group"], ["ray", "1.21", "iam-user"]]);
    expect(findingsOf({ model: cleanOrg(), rule: "cloudshell-full-access" })).toEqual([]);
  });

  it("no-support-role (CIS 1.16) per collected account without AWSSupportAccess", () => {
    const model = cleanOrg();
    const withoutProdSupport = { ...model, principals: model.principals.filter((p) => p.accountId !== PROD) };
    expect(findingsOf({ model: withoutProdSupport, rule: "no-support-role" }).map((f) => [f.resourceKey, f.cisControl, f.severity])).toEqual([[PROD, "1.16", "low"]]);
    const uncollected = { ...withoutProdSupport, accounts: withoutProdSupport.accounts.map((a) => (a.id === PROD ? { ...a, collected: false } : a)) };
    expect(findingsOf({ model: uncollected, rule: "no-support-role" })).toEqual([]);
  });

  it("iam-users-with-identity-center (CIS 1.20) only when Identity Center is in use", () => {
    const model = withPrincipals(cleanOrg(), { principals: [user({ accountId: PROD, name: "sam" })] });
    const [finding] = findingsOf({ model, rule: "iam-users-with-identity-center" });
    expect(finding).toMatchObject({ resourceKey: PROD, severity: "info", cisControl: "1.20", evidence: expect.objectContaining({ userCount: 1 }) });
    const noIdentityCenter = { ...model, identityCenter: { groups: [], permissionSets: [], assignments: [] } };
    expect(findingsOf({ model: noIdentityCenter, rule: "iam-users-with-identity-center" })).toEqual([]);
  });
});
