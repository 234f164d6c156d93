// Adds what AWS (or the org's platform team) would have created around the declared entities:
// the hub user and its key, the audit role in every account, the optional org-reader role,
// the Identity Center reserved roles + SAML providers, and the AWS-managed FullAWSAccess policies.
import type { Account, IamRole, Organization, OrgPolicy } from "./model";
import { awsManagedArn } from "./catalog/managed-policies";
import { DAY_MS, hexChars, iso, parseIso } from "./ids";
import { EMPTY, makeAccessKey, makeRole, makeUser } from "./factory";

export const FULL_AWS_ACCESS = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`;
export const RCP_FULL_AWS_ACCESS = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`;

export function ssoReservedRoleName(seed: string, permissionSetName: string, permissionSetArn: string, accountId: string): string {
  return `AWSReservedSSO_${permissionSetName}_${hexChars(`${seed}:sso-role:${permissionSetArn}:${accountId}`, 16)}`;
}

function trustFromHub(hubArn: string, orgId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: hubArn }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": orgId } } }],
  });
}

export interface FinalizeOptions {
  /** name of the org-reader role to create in the management account (none when absent) */
  orgReaderRoleName?: string;
}

export function finalizeOrg(org: Organization, opts: FinalizeOptions = {}): Organization {
  const seed = org.seed;
  const now = parseIso(org.now);
  const byId = new Map(org.accounts.map((a) => [a.id, a]));
  const sysDate = iso(now - 180 * DAY_MS);

  // ---- hub user ----
  const hubAcct = byId.get(org.hub.accountId);
  if (!hubAcct) throw new Error(`hub.account: account ${org.hub.accountId} is not in the organization`);
  let hubUser = hubAcct.iam.users.find((u) => u.name === org.hub.userName);
  if (!hubUser) {
    hubUser = makeUser(seed, hubAcct.id, {
      name: org.hub.userName,
      createDate: sysDate,
      mfaDevices: [],
      accessKeys: [],
      groups: [],
      managedPolicyArns: [],
      inlinePolicies: [{
        name: "AssumeGovernanceRoles",
        document: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: [`arn:aws:iam::*:role/${org.auditRoleName}`, ...(opts.orgReaderRoleName ? [`arn:aws:iam::${org.managementAccountId}:role/${opts.orgReaderRoleName}`] : [])] }] }),
      }],
      tags: [{ Key: "purpose", Value: "access-atlas collector" }],
      lastAccessed: [{ service: "sts", date: iso(now - DAY_MS), region: "us-east-1" }],
    });
    hubAcct.iam.users.push(hubUser);
  }
  if (!hubUser.accessKeys.some((k) => k.id === org.hub.accessKeyId)) {
    hubUser.accessKeys.push(makeAccessKey(seed, hubAcct.id, hubUser.name, hubUser.accessKeys.length, {
      id: org.hub.accessKeyId,
      secret: org.hub.secretAccessKey,
      status: "Active",
      createDate: iso(now - 90 * DAY_MS),
      lastUsed: { date: iso(now - DAY_MS), service: "sts", region: "us-east-1" },
    }));
  }
  org.hub.principalArn = hubUser.arn;

  const addRole = (acct: Account, role: IamRole) => {
    if (!acct.iam.roles.some((r) => r.name === role.name)) acct.iam.roles.push(role);
  };

  // ---- audit role everywhere (unless the account lacks it) ----
  const auditTrust = trustFromHub(hubUser.arn, org.id);
  for (const acct of org.accounts) {
    if (!acct.auditRole) continue;
    addRole(acct, makeRole(seed, acct.id, {
      name: org.auditRoleName,
      createDate: sysDate,
      trustPolicy: auditTrust,
      description: "Read-only governance audit role assumed by the Access Atlas collector",
      maxSessionDuration: 3600,
      managedPolicyArns: [awsManagedArn("SecurityAudit")],
      inlinePolicies: [],
      tags: [{ Key: "managed-by", Value: "platform-security" }],
      instanceProfiles: [],
      lastAccessed: [{ service: "iam", date: iso(now - DAY_MS), region: "us-east-1" }],
      lastUsed: { date: iso(now - DAY_MS), region: "us-east-1" },
      system: "audit",
    }));
  }

  // ---- org reader ----
  if (opts.orgReaderRoleName) {
    const mgmt = byId.get(org.managementAccountId)!;
    const role = makeRole(seed, mgmt.id, {
      name: opts.orgReaderRoleName,
      createDate: sysDate,
      trustPolicy: auditTrust,
      description: "Reads AWS Organizations and IAM Identity Center for Access Atlas",
      maxSessionDuration: 3600,
      managedPolicyArns: [awsManagedArn("AWSOrganizationsReadOnlyAccess"), awsManagedArn("AWSSSOReadOnly")],
      inlinePolicies: [],
      tags: [],
      instanceProfiles: [],
      lastAccessed: [{ service: "organizations", date: iso(now - DAY_MS), region: "us-east-1" }],
      system: "org-reader",
    });
    addRole(mgmt, role);
    org.orgReaderRoleArn = role.arn;
  }

  // ---- Identity Center reserved roles ----
  const idc = org.identityCenter;
  if (idc) {
    const psByArn = new Map(idc.permissionSets.map((p) => [p.arn, p]));
    const done = new Set<string>();
    const regionPath = idc.region === "us-east-1" ? "" : `${idc.region}/`;
    for (const a of idc.assignments) {
      const key = `${a.permissionSetArn}|${a.accountId}`;
      if (done.has(key)) continue;
      done.add(key);
      const ps = psByArn.get(a.permissionSetArn);
      const acct = byId.get(a.accountId);
      if (!ps) throw new Error(`identityCenter.assignments: unknown permission set ${a.permissionSetArn}`);
      if (!acct) throw new Error(`identityCenter.assignments: account ${a.accountId} is not in the organization`);
      let providerName = idc.samlProviderByAccount[acct.id];
      if (!providerName) {
        providerName = `AWSSSO_${hexChars(`${seed}:sso-saml:${idc.instanceArn}:${acct.id}`, 16)}_DO_NOT_DELETE`;
        idc.samlProviderByAccount[acct.id] = providerName;
        const created = iso(Math.max(parseIso(idc.createdDate), parseIso(acct.joinedTimestamp)));
        acct.iam.samlProviders.push({
          name: providerName,
          arn: `arn:aws:iam::${acct.id}:saml-provider/${providerName}`,
          createDate: created,
          validUntil: iso(parseIso(created) + 100 * 365 * DAY_MS),
        });
      }
      const managed = [...ps.managedPolicyArns];
      for (const ref of ps.customerManagedPolicies) {
        const arn = `arn:aws:iam::${acct.id}:policy${ref.path}${ref.name}`;
        if (!acct.iam.policies.some((p) => p.arn === arn)) {
          throw new Error(`identityCenter.permissionSets[${ps.name}].customerManagedPolicies: policy ${ref.path}${ref.name} does not exist in account ${acct.id}`);
        }
        managed.push(arn);
      }
      let boundary: string | undefined;
      if (ps.permissionsBoundary?.managedPolicyArn) boundary = ps.permissionsBoundary.managedPolicyArn;
      else if (ps.permissionsBoundary?.customerManagedPolicy) {
        const ref = ps.permissionsBoundary.customerManagedPolicy;
        boundary = `arn:aws:iam::${acct.id}:policy${ref.path}${ref.name}`;
        if (!acct.iam.policies.some((p) => p.arn === boundary)) {
          throw new Error(`identityCenter.permissionSets[${ps.name}].permissionsBoundary: policy ${ref.path}${ref.name} does not exist in account ${acct.id}`);
        }
      }
      const hours = durationSeconds(ps.sessionDuration);
      addRole(acct, makeRole(seed, acct.id, {
        name: ssoReservedRoleName(seed, ps.name, ps.arn, acct.id),
        path: `/aws-reserved/sso.amazonaws.com/${regionPath}`,
        createDate: iso(Math.max(parseIso(ps.createdDate), parseIso(acct.joinedTimestamp))),
        trustPolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${acct.id}:saml-provider/${providerName}` },
            Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
          }],
        }),
        maxSessionDuration: hours,
        managedPolicyArns: managed,
        inlinePolicies: ps.inlinePolicy ? [{ name: "AwsSSOInlinePolicy", document: ps.inlinePolicy }] : EMPTY,
        permissionsBoundaryArn: boundary,
        tags: EMPTY,
        instanceProfiles: EMPTY,
        lastAccessed: EMPTY,
        system: "sso",
      }));
    }
  }

  // ---- AWS managed org policies, attached everywhere by default ----
  const allTargets = [org.root.id, ...org.ous.map((o) => o.id), ...org.accounts.map((a) => a.id)];
  const ensure = (p: OrgPolicy) => { if (!org.policies.some((x) => x.id === p.id)) org.policies.unshift(p); };
  ensure({
    id: "p-RCPFullAWSAccess",
    arn: "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess",
    name: "RCPFullAWSAccess",
    description: "Allows access to every operation",
    type: "RESOURCE_CONTROL_POLICY",
    awsManaged: true,
    content: RCP_FULL_AWS_ACCESS,
    targets: allTargets,
    tags: [],
  });
  ensure({
    id: "p-FullAWSAccess",
    arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
    name: "FullAWSAccess",
    description: "Allows access to every operation",
    type: "SERVICE_CONTROL_POLICY",
    awsManaged: true,
    content: FULL_AWS_ACCESS,
    targets: allTargets,
    tags: [],
  });
  return org;
}

/** PT8H / PT1H30M / PT12H → seconds */
export function durationSeconds(d: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(d);
  if (!m) return 3600;
  return (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 || 3600;
}
