import type { TAccount, TOrgModel, TOrgPolicy, TPolicyDocRef, TPrincipal } from "../model";

// A four-account organization small enough to reason about by hand:
//   r-root ─ MGMT 111111111111 (management: exempt from SCPs)
//          ├ ou-sec     ─ SEC 222222222222
//          ├ ou-work    ─ PROD 333333333333   deny-list SCP: no iam:CreateUser / iam:CreateAccessKey
//          └ ou-sandbox ─ SANDBOX 444444444444 allow-list SCP: s3, ec2, logs, sts:AssumeRole only
// Role chain: SEC CiRunner → PROD Deployer → SANDBOX SandboxAdmin. PROD AuditRole trusts SEC's
// :root, which bob and carol lack the identity permission for. Identity Center user dave holds
// AdministratorAccess in PROD through a group and ReadOnlyAccess in SANDBOX directly (role not
// collected).
export const MGMT = "111111111111";
export const SEC = "222222222222";
export const PROD = "333333333333";
export const SANDBOX = "444444444444";
export const VENDOR = "999999999999";
export const AS_OF = "2025-06-30T00:00:00.000Z";

const doc = (statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const ref = (id: string, kind: TPolicyDocRef["kind"], statements: object[]): TPolicyDocRef => ({ id, name: id.split("/").pop()!, kind, document: doc(statements) });

export const ADMINISTRATOR_ACCESS = ref("arn:aws:iam::aws:policy/AdministratorAccess", "aws-managed", [{ Effect: "Allow", Action: "*", Resource: "*" }]);
const S3_READ = ref("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "aws-managed", [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }]);

const scp = (id: string, targets: string[], statements: object[]): TOrgPolicy => ({ ...ref(id, "scp", statements), targets });

const account = (id: string, name: string, ouPath: string[], ouNames: string[]): TAccount => ({
  id, name, status: "ACTIVE", isManagement: id === MGMT, ouPath, ouNames, tags: {}, collected: true,
});

type TPrincipalSeed = Partial<TPrincipal> & Pick<TPrincipal, "kind" | "name">;

const principal = (seed: TPrincipalSeed): TPrincipal => {
  const accountId = seed.kind === "sso-user" ? null : seed.accountId!;
  const id = seed.id ?? `${seed.kind === "iam-user" ? "AIDA" : seed.kind === "iam-role" ? "AROA" : "u-"}${seed.name.toUpperCase()}`;
  return {
    key: accountId ? `${accountId}/${id}` : `sso/${id}`,
    id, accountId, path: "/", createDate: "2024-01-01T00:00:00.000Z", tags: {},
    arn: accountId ? `arn:aws:iam::${accountId}:${seed.kind === "iam-user" ? "user" : "role"}/${seed.name}` : null,
    identityPolicies: [], groupPolicies: [], groups: [], permissionsBoundary: null,
    trustPolicy: null, trustPrincipals: [], instanceProfileCount: 0, lastUsed: null, lastAccessed: null,
    ssoPermissionSetName: null, serviceLinked: false, emails: [],
    ...seed,
  };
};

const role = ({ trust, ...seed }: Omit<TPrincipalSeed, "kind"> & { trust: object[] }) => principal({ ...seed, kind: "iam-role", trustPolicy: doc(trust) });
const arnOf = (accountId: string, name: string) => `arn:aws:iam::${accountId}:role/${name}`;

export function buildSmallOrg(): TOrgModel {
  const principals: TPrincipal[] = [
    principal({ kind: "iam-user", name: "alice", accountId: MGMT, groups: ["Admins"], groupPolicies: [ADMINISTRATOR_ACCESS] }),
    principal({
      kind: "iam-user", name: "bob", accountId: SEC, groups: ["Developers"],
      identityPolicies: [ref(`inline:arn:aws:iam::${SEC}:user/bob:assume-deployer`, "inline", [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arnOf(PROD, "Deployer") }])],
      groupPolicies: [S3_READ, ref(`arn:aws:iam::${SEC}:policy/TableReader`, "customer-managed", [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }])],
      permissionsBoundary: ref(`arn:aws:iam::${SEC}:policy/DeveloperBoundary`, "customer-managed", [{ Effect: "Allow", Action: ["s3:*", "sts:AssumeRole"], Resource: "*" }]),
    }),
    principal({ kind: "iam-user", name: "carol", accountId: SEC, identityPolicies: [ref(`arn:aws:iam::${SEC}:policy/Ec2Viewer`, "customer-managed", [{ Effect: "Allow", Action: ["ec2:Describe*", "ec2:DescribeInstancez"], Resource: "*" }])] }),
    role({
      name: "CiRunner", accountId: SEC, trust: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      identityPolicies: [ref(`inline:${arnOf(SEC, "CiRunner")}:assume-any`, "inline", [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }])],
    }),
    role({
      name: "PublicRole", accountId: SEC, identityPolicies: [S3_READ],
      trust: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-test" } } }],
    }),
    role({
      name: "Deployer", accountId: PROD,
      trust: [
        { Effect: "Allow", Principal: { AWS: arnOf(SEC, "CiRunner") }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SEC}:user/bob` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
      ],
      identityPolicies: [ref(`arn:aws:iam::${PROD}:policy/DeployApps`, "customer-managed", [
        { Effect: "Allow", Action: ["s3:*", "lambda:*", "iam:PassRole"], Resource: "*" },
        { Effect: "Allow", Action: "sts:AssumeRole", Resource: arnOf(SANDBOX, "SandboxAdmin") },
      ])],
    }),
    role({ name: "AuditRole", accountId: PROD, identityPolicies: [S3_READ], trust: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SEC}:root` }, Action: "sts:AssumeRole" }] }),
    role({
      name: "VendorRole", accountId: PROD,
      identityPolicies: [ref(`arn:aws:iam::${PROD}:policy/MetricsRead`, "customer-managed", [{ Effect: "Allow", Action: "cloudwatch:Get*", Resource: "*" }])],
      trust: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "xyz" } } }],
    }),
    role({ name: "OrganizationAccountAccessRole", accountId: PROD, identityPolicies: [ADMINISTRATOR_ACCESS], trust: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] }),
    role({
      name: "AWSReservedSSO_AdministratorAccess_0a1b", id: "AROASSOADMIN", accountId: PROD, path: "/aws-reserved/sso.amazonaws.com/",
      identityPolicies: [ADMINISTRATOR_ACCESS], ssoPermissionSetName: "AdministratorAccess",
      trust: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${PROD}:saml-provider/AWSSSO_0a1b_DO_NOT_DELETE` }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"] }],
    }),
    role({ name: "SandboxAdmin", accountId: SANDBOX, identityPolicies: [ADMINISTRATOR_ACCESS], trust: [{ Effect: "Allow", Principal: { AWS: arnOf(PROD, "Deployer") }, Action: "sts:AssumeRole" }] }),
    principal({ kind: "sso-user", name: "dave", id: "u-dave", emails: ["dave@example.com"] }),
    principal({ kind: "sso-user", name: "erin", id: "u-erin", emails: ["erin@example.com"] }),
  ];
  const everyTarget = ["r-root", "ou-sec", "ou-work", MGMT, SEC, PROD, SANDBOX];
  return {
    runId: 1, asOf: AS_OF, organizationId: "o-test", managementAccountId: MGMT, resources: [], accountResourceSettings: [], regionStatus: [],
    accounts: [
      account(MGMT, "management", ["r-root"], []),
      account(SEC, "security", ["r-root", "ou-sec"], ["Security"]),
      account(PROD, "prod", ["r-root", "ou-work"], ["Workloads"]),
      account(SANDBOX, "sandbox", ["r-root", "ou-sandbox"], ["Sandbox"]),
    ],
    scps: [
      scp("p-FullAWSAccess", everyTarget, [{ Effect: "Allow", Action: "*", Resource: "*" }]),
      scp("p-deny-iam-users", ["ou-work"], [{ Effect: "Deny", Action: ["iam:CreateUser", "iam:CreateAccessKey"], Resource: "*" }]),
      scp("p-sandbox-allow", ["ou-sandbox"], [{ Effect: "Allow", Action: ["s3:*", "ec2:*", "logs:*", "sts:AssumeRole"], Resource: "*" }]),
    ],
    rcps: [{ ...ref("p-RCPFullAWSAccess", "rcp", [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }]), targets: ["r-root"] }],
    principals,
    groups: [],
    accessKeys: [],
    credentialReport: [],
    accountSettings: [],
    identityCenter: {
      groups: [{ id: "g-admins", name: "PlatformAdmins", memberIds: ["u-dave"] }],
      permissionSets: [],
      assignments: [
        { permissionSetArn: "arn:aws:sso:::permissionSet/ps-admin", permissionSetName: "AdministratorAccess", accountId: PROD, principalType: "GROUP", principalId: "g-admins", roleKey: `${PROD}/AROASSOADMIN` },
        { permissionSetArn: "arn:aws:sso:::permissionSet/ps-read", permissionSetName: "ReadOnlyAccess", accountId: SANDBOX, principalType: "USER", principalId: "u-dave", roleKey: null },
      ],
    },
  };
}

export function keyOf(model: TOrgModel, name: string): string {
  const found = model.principals.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no principal ${name}`);
  return found.key;
}
