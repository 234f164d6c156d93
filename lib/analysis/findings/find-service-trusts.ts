import type { TFinding } from "../results";
import { describeRole, describeStatement, type TRoleTrust } from "./list-trusted-parties";
import { makeFinding, type TFindingRule } from "./make-finding";

export const TRUST_SERVICE_NO_SOURCE_CONDITION: TFindingRule = {
  id: "trust-service-no-source-condition",
  category: "trust",
  title: "Service role without aws:SourceAccount / aws:SourceArn",
  description: "The role trusts an AWS service whose documentation asks for aws:SourceAccount or aws:SourceArn in the role's trust policy (cross-service confused deputy prevention); without them, the service can be made to use the role on behalf of another customer's resource.",
  severity: "medium",
  cisControl: null,
  remediation: "Add Condition StringEquals aws:SourceAccount = this account id, and where practical ArnLike aws:SourceArn = the resources that use the role.",
};

/**
 * Services whose user guides give a role trust-policy example with aws:SourceAccount /
 * aws:SourceArn under "Cross-service confused deputy prevention". Deliberately not every
 * service: EC2, Lambda, Glue, Backup and others do not send these keys when assuming a
 * role, so the condition would break them (see prowler-cloud/prowler#2810).
 */
export const CONFUSED_DEPUTY_SERVICES: ReadonlySet<string> = new Set([
  "appstream.amazonaws.com",
  "appsync.amazonaws.com",
  "bedrock.amazonaws.com",
  "codebuild.amazonaws.com",
  "config.amazonaws.com",
  "datasync.amazonaws.com",
  "dms.amazonaws.com",
  "ecs-tasks.amazonaws.com",
  "iot.amazonaws.com",
  "personalize.amazonaws.com",
  "pipes.amazonaws.com",
  "sagemaker.amazonaws.com",
  "scheduler.amazonaws.com",
  "ssm.amazonaws.com",
  "transfer.amazonaws.com",
]);

export function findServiceTrusts(options: { trusts: TRoleTrust[] }): TFinding[] {
  const findings: TFinding[] = [];
  for (const { role, policy, parties } of options.trusts) {
    // Service-linked roles are created and owned by the service; their trust cannot be edited.
    if (role.serviceLinked) continue;
    for (const party of parties) {
      if (party.kind !== "service") continue;
      const service = party.principal.toLowerCase();
      if (!CONFUSED_DEPUTY_SERVICES.has(service)) continue;
      const { sourceAccount, sourceArn, sourceOrgId } = party.conditions;
      if (sourceAccount || sourceArn || sourceOrgId) continue;
      findings.push(makeFinding({
        rule: TRUST_SERVICE_NO_SOURCE_CONDITION,
        accountId: role.accountId,
        resourceKey: role.key,
        resourceName: role.name,
        detail: service,
        title: `Role ${role.name} trusts ${service} without aws:SourceAccount / aws:SourceArn`,
        evidence: {
          ...describeRole(role),
          service,
          principals: [party.principal],
          conditionKeys: party.conditions.keys,
          statements: [describeStatement({ policy, party })],
        },
      }));
    }
  }
  return findings;
}
