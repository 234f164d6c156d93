import { buildShareRemediation } from "./build-share-remediation";
import type { TItemEvidence, TRemediationStep } from "./item-evidence";

export type TRemediationItem = {
  principalKey: string; principalKind: string; principalName: string; principalArn: string | null;
  accountId: string; accessKind: string; evidence: TItemEvidence;
};

/** A shell word: bare when it is plainly safe, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
const sh = (strings: TemplateStringsArray, ...values: string[]) => strings.reduce((out, s, i) => out + s + (i < values.length ? shellWord(values[i]) : ""), "");
const profile = (accountId: string) => `--profile ${shellWord(`account-${accountId}`)}`;

function directSteps(item: TRemediationItem): TRemediationStep[] {
  const { evidence: e, principalName: name, accountId } = item;
  const where = { accountId, principal: item.principalArn ?? name };
  const steps: TRemediationStep[] = [];
  const user = item.principalKind === "iam-user";
  for (const p of e.grants?.attachedPolicies ?? []) {
    steps.push({ ...where, what: `detach managed policy ${p.name}`, command: user ? sh`aws iam detach-user-policy --user-name ${name} --policy-arn ${p.arn}` : sh`aws iam detach-role-policy --role-name ${name} --policy-arn ${p.arn}` });
  }
  for (const p of e.grants?.inlinePolicies ?? []) {
    steps.push({ ...where, what: `delete inline policy ${p}`, command: user ? sh`aws iam delete-user-policy --user-name ${name} --policy-name ${p}` : sh`aws iam delete-role-policy --role-name ${name} --policy-name ${p}` });
  }
  for (const g of e.grants?.groups ?? []) steps.push({ ...where, what: `remove from group ${g}`, command: sh`aws iam remove-user-from-group --user-name ${name} --group-name ${g}` });
  for (const k of e.accessKeys) steps.push({ ...where, what: `delete access key ${k.accessKeyId} (${k.status})`, command: sh`aws iam delete-access-key --user-name ${name} --access-key-id ${k.accessKeyId}` });
  for (const t of e.trustParties) {
    steps.push({ ...where, what: `remove ${t.partyKind} ${t.party} from the trust policy`, command: sh`aws iam update-assume-role-policy --role-name ${name} --policy-document ${`file://${name}-trust-without-${t.party.replace(/[^A-Za-z0-9.-]+/g, "_")}.json`}` });
  }
  return steps;
}

function viaRoleSteps(item: TRemediationItem): TRemediationStep[] {
  const hop = item.evidence.hops.find((h) => h.via === "assume-role");
  if (!hop) return [];
  const roleAccount = hop.to.split("/")[0];
  const source = hop.from === item.principalKey ? (item.principalArn ?? item.principalName) : hop.fromName;
  return [{
    accountId: roleAccount, principal: hop.toName,
    what: `remove ${source} from the trust policy of role ${hop.toName} (or its sts:AssumeRole permission)`,
    command: sh`aws iam update-assume-role-policy --role-name ${hop.toName} --policy-document ${`file://${hop.toName}-trust.json`}` + ` ${profile(roleAccount)}`,
  }];
}

function ssoSteps(item: TRemediationItem): TRemediationStep[] {
  return item.evidence.assignments.map((a) => {
    const userId = item.principalKey.replace(/^sso\//, "");
    if (a.principalType === "GROUP" && a.identityStoreId) {
      return {
        accountId: item.accountId, principal: item.principalName,
        what: `remove ${item.principalName} from group ${a.groupName ?? a.principalId}, which holds ${a.permissionSetName} on ${item.accountId}`,
        command: sh`aws identitystore delete-group-membership --identity-store-id ${a.identityStoreId} --membership-id` +
          ` "$(aws identitystore get-group-membership-id --identity-store-id ${shellWord(a.identityStoreId)} --group-id ${shellWord(a.principalId)} --member-id UserId=${shellWord(userId)} --query MembershipId --output text)"`,
      };
    }
    return {
      accountId: item.accountId, principal: item.principalName,
      what: `delete the ${a.permissionSetName} assignment of ${item.principalName} on ${item.accountId}`,
      command: sh`aws sso-admin delete-account-assignment --instance-arn ${a.instanceArn} --target-id ${item.accountId} --target-type AWS_ACCOUNT --permission-set-arn ${a.permissionSetArn} --principal-type ${a.principalType} --principal-id ${a.principalId}`,
    };
  });
}

/**
 * What an administrator would run to carry out a revoke (or the candidates to narrow for a
 * change); the product itself never calls these, it stays read-only towards AWS.
 */
export function buildRemediation(item: TRemediationItem): TRemediationStep[] {
  if (item.accessKind === "resource-share") return item.evidence.resourceShare ? buildShareRemediation({ share: item.evidence.resourceShare }) : [];
  const steps = item.accessKind === "direct" ? directSteps(item) : item.accessKind === "sso-assignment" ? ssoSteps(item) : viaRoleSteps(item);
  if (item.accessKind !== "direct") return steps;
  return steps.map((s) => ({ ...s, command: `${s.command} ${profile(item.accountId)}` }));
}
