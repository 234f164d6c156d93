import { describe, expect, it } from "vitest";
import type { TCustomerManagedPolicy, TOrgModel } from "../model";
import { findingRule } from "./finding-rules";
import { ADMIN_DOCUMENT, awsManaged, cleanOrg, findingsOf, PROD, role, trustDocument, user, withPrincipals } from "./test-helpers";

const policy = (name: string, document: unknown, extra: Partial<TCustomerManagedPolicy> = {}): TCustomerManagedPolicy => ({
  key: `${PROD}/arn:aws:iam::${PROD}:policy/${name}`, accountId: PROD, arn: `arn:aws:iam::${PROD}:policy/${name}`, name,
  attachmentCount: 0, permissionsBoundaryUsageCount: 0, document, ...extra,
});
const withPolicies = (policies: TCustomerManagedPolicy[]): TOrgModel => ({ ...cleanOrg(), customerManagedPolicies: policies });
const allow = (action: unknown, resource: unknown = "*") => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

describe("unattached-privileged-policy", () => {
  it("reports an unattached policy allowing *:* and one completing an escalation path, with what it grants", () => {
    const model = withPolicies([
      policy("BreakGlass", ADMIN_DOCUMENT),
      policy("Deployer", allow(["iam:PassRole", "ec2:Run*"])),
      policy("PolicyEditor", allow("iam:*PolicyVersion")),
    ]);
    const findings = findingsOf({ model, rule: "unattached-privileged-policy" });
    expect(findings.map((f) => [f.resourceName, f.severity, f.cisControl])).toEqual([
      ["BreakGlass", "medium", null], ["Deployer", "medium", null], ["PolicyEditor", "medium", null],
    ]);
    const byName = new Map(findings.map((f) => [f.resourceName, f.evidence.grants as Array<{ kind: string; escalationPath: string | null }>]));
    expect(byName.get("BreakGlass")).toEqual([expect.objectContaining({ kind: "administrator", escalationPath: null })]);
    expect(byName.get("Deployer")!.map((g) => g.escalationPath)).toEqual(["passrole-ec2"]);
    expect(byName.get("PolicyEditor")!.map((g) => g.escalationPath)).toEqual(["create-policy-version", "set-default-policy-version"]);
    expect(findingRule("unattached-privileged-policy")?.fsbpControl).toBe("IAM.1");
  });

  it("does not take a literal \"*:*\" for administrator access: its service prefix names no service, so it grants nothing", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html and INVALID_SERVICE_IN_ACTION in
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html; the engine agrees (admin-findings.test.ts).
    expect(findingsOf({ model: withPolicies([policy("Literal", allow("*:*"))]), rule: "unattached-privileged-policy" })).toEqual([]);
    expect(findingsOf({ model: withPolicies([policy("Star", allow(["*:*", "*"]))]), rule: "unattached-privileged-policy" }).map((f) => f.resourceName)).toEqual(["Star"]);
    // A wildcard prefix does not complete an escalation path either.
    expect(findingsOf({ model: withPolicies([policy("Prefixed", allow("i*:*PolicyVersion"))]), rule: "unattached-privileged-policy" })).toEqual([]);
  });

  it("ignores attached ones, boundaries, narrow grants and grants on named resources only", () => {
    const model = withPolicies([
      policy("Attached", ADMIN_DOCUMENT, { attachmentCount: 1 }),
      policy("Boundary", ADMIN_DOCUMENT, { permissionsBoundaryUsageCount: 2 }),
      policy("ReadBuckets", allow("s3:Get*")),
      policy("OnePolicy", allow("iam:CreatePolicyVersion", `arn:aws:iam::${PROD}:policy/app-*`)),
      policy("HalfPath", allow("iam:PassRole")),
    ]);
    expect(findingsOf({ model, rule: "unattached-privileged-policy" })).toEqual([]);
  });
});

describe("empty-iam-group", () => {
  it("reports groups no user belongs to, low with policies and info without", () => {
    const model = withPrincipals(cleanOrg(), { principals: [user({ accountId: PROD, name: "ann", groups: ["Developers"] })] });
    model.groups = [
      { key: `${PROD}/AGPADEV`, accountId: PROD, name: "Developers", arn: `arn:aws:iam::${PROD}:group/Developers`, policies: [awsManaged("ReadOnlyAccess")] },
      { key: `${PROD}/AGPAADM`, accountId: PROD, name: "Admins", arn: `arn:aws:iam::${PROD}:group/Admins`, policies: [awsManaged("AdministratorAccess", ADMIN_DOCUMENT)] },
      { key: `${PROD}/AGPAOLD`, accountId: PROD, name: "Old", arn: `arn:aws:iam::${PROD}:group/Old`, policies: [] },
    ];
    const findings = findingsOf({ model, rule: "empty-iam-group" });
    expect(findings.map((f) => [f.resourceName, f.severity])).toEqual([["Admins", "low"], ["Old", "info"]]);
    expect(findings[0].evidence).toMatchObject({ memberCount: 0, policies: [{ name: "AdministratorAccess", kind: "aws-managed" }] });
  });
});

describe("trust-oidc-broad-subject", () => {
  const github = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;
  const withSubject = (operator: string, sub: string | string[]) => withPrincipals(cleanOrg(), { principals: [role({
    accountId: PROD, name: "Deploy",
    trust: trustDocument({ Federated: github }, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, [operator]: { "token.actions.githubusercontent.com:sub": sub } }, "sts:AssumeRoleWithWebIdentity"),
  })] });

  it("reports a whole organization's repositories as high and any branch of one repository as medium, saying what each admits", () => {
    const [org] = findingsOf({ model: withSubject("StringLike", "repo:acme/*"), rule: "trust-oidc-broad-subject" });
    expect(org).toMatchObject({ severity: "high", fingerprint: `trust-oidc-broad-subject|${PROD}/AROADEPLOY|${github}` });
    expect(org.evidence.admits).toEqual([{ subject: "repo:acme/*", scope: "organization", admits: "every repository of the GitHub organization acme, on any branch, tag, pull request or environment" }]);
    const [repo] = findingsOf({ model: withSubject("StringLike", ["repo:acme/app:*", "repo:acme/web:ref:refs/heads/*"]), rule: "trust-oidc-broad-subject" });
    expect(repo.severity).toBe("medium");
    expect((repo.evidence.admits as Array<{ admits: string }>).map((a) => a.admits)).toEqual([
      "any branch, tag, pull request or environment of the repository acme/app", "any branch of the repository acme/web",
    ]);
  });

  it("leaves exact subjects, StringEquals (no wildcards) and open subjects (their own rule) alone", () => {
    for (const [operator, sub] of [["StringLike", "repo:acme/app:ref:refs/heads/main"], ["StringEquals", "repo:acme/*"], ["StringLike", "repo:*"]]) {
      expect(findingsOf({ model: withSubject(operator, sub), rule: "trust-oidc-broad-subject" })).toEqual([]);
    }
    expect(findingsOf({ model: withSubject("StringLike", "repo:*"), rule: "trust-oidc-open-subject" })).toHaveLength(1);
  });
});
