// build-remediation.ts imports this module too: shellWord is only called at run time.
import { shellWord as word } from "./build-remediation";
import type { TEvidenceResourceShare, TEvidenceShareGrant, TRemediationStep } from "./item-evidence";

const sh = (strings: TemplateStringsArray, ...values: string[]) => strings.reduce((out, s, i) => out + s + (i < values.length ? word(values[i]) : ""), "");
const lastSegment = (arn: string) => arn.split(/[:/]/).pop() ?? arn;

/** The command that rewrites a resource policy without the statements naming the party (the edited document is the administrator's). */
function policyCommand(share: TEvidenceResourceShare, grant: TEvidenceShareGrant, file: string): string {
  const { resourceArn: arn, resourceName: name } = share;
  switch (share.resourceType) {
    case "s3-bucket": return sh`aws s3api put-bucket-policy --bucket ${name} --policy ${file}`;
    case "kms-key": return sh`aws kms put-key-policy --key-id ${arn} --policy-name default --policy ${file}`;
    case "sqs-queue": return sh`aws sqs set-queue-attributes --queue-url` + ` "$(aws sqs get-queue-url --queue-name ${word(name)} --query QueueUrl --output text)" ` + sh`--attributes ${`Policy=${file}`}`;
    case "sns-topic": return sh`aws sns set-topic-attributes --topic-arn ${arn} --attribute-name Policy --attribute-value ${file}`;
    case "secretsmanager-secret": return sh`aws secretsmanager put-resource-policy --secret-id ${arn} --resource-policy ${file}`;
    case "lambda-function": return grant.statement.sid ? sh`aws lambda remove-permission --function-name ${arn} --statement-id ${grant.statement.sid}` : sh`aws lambda get-policy --function-name ${arn}`;
    case "lambda-layer": {
      // arn:aws:lambda:<region>:<account>:layer:<name>:<version>
      const [, , , , , , layer, version] = arn.split(":");
      return grant.statement.sid ? sh`aws lambda remove-layer-version-permission --layer-name ${layer} --version-number ${version ?? "1"} --statement-id ${grant.statement.sid}` : sh`aws lambda get-layer-version-policy --layer-name ${layer} --version-number ${version ?? "1"}`;
    }
    case "ecr-repository": return sh`aws ecr set-repository-policy --repository-name ${name} --policy-text ${file}`;
    case "dynamodb-table":
    case "dynamodb-stream": return sh`aws dynamodb put-resource-policy --resource-arn ${arn} --policy ${file}`;
    case "efs-file-system": return sh`aws efs put-file-system-policy --file-system-id ${lastSegment(arn)} --policy ${file}`;
    default: return sh`# edit the resource policy of ${arn}`;
  }
}

function attributeCommand(share: TEvidenceResourceShare): string {
  const value = share.party === "*" ? "all" : share.party;
  const id = lastSegment(share.resourceArn);
  switch (share.resourceType) {
    case "ebs-snapshot": return share.party === "*"
      ? sh`aws ec2 modify-snapshot-attribute --snapshot-id ${id} --attribute createVolumePermission --operation-type remove --group-names all`
      : sh`aws ec2 modify-snapshot-attribute --snapshot-id ${id} --attribute createVolumePermission --operation-type remove --user-ids ${value}`;
    case "rds-db-snapshot": return sh`aws rds modify-db-snapshot-attribute --db-snapshot-identifier ${id} --attribute-name restore --values-to-remove ${value}`;
    case "rds-cluster-snapshot": return sh`aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier ${id} --attribute-name restore --values-to-remove ${value}`;
    default: return sh`# remove ${value} from the sharing attribute of ${share.resourceArn}`;
  }
}

/**
 * What removes a resource share: one step per way the party is let in (policy statements of
 * one document are rewritten once). The product stays read-only towards AWS: these are the
 * commands an administrator would run, in the resource's account and region.
 */
export function buildShareRemediation(options: { share: TEvidenceResourceShare }): TRemediationStep[] {
  const { share } = options;
  const where = `--region ${word(share.region)} --profile ${word(`account-${share.accountId}`)}`;
  const file = `file://${share.resourceName.replace(/[^A-Za-z0-9.-]+/g, "_")}-policy-without-${share.party.replace(/[^A-Za-z0-9.-]+/g, "_")}.json`;
  const steps: TRemediationStep[] = [];
  const policyGrants = share.grants.filter((g) => g.source === "policy");
  const rewritesDocument = !["lambda-function", "lambda-layer"].includes(share.resourceType);
  const step = (what: string, command: string) => steps.push({ what, accountId: share.accountId, principal: share.resourceArn, command: `${command} ${where}` });
  if (policyGrants.length > 0 && rewritesDocument) {
    const statements = policyGrants.map((g) => g.statement.sid ? `${g.statement.index} (${g.statement.sid})` : String(g.statement.index)).join(", ");
    step(`remove ${share.partyName} from the resource policy of ${share.resourceName}: statement(s) ${statements}`, policyCommand(share, policyGrants[0], file));
  } else {
    for (const g of policyGrants) step(`remove the permission ${g.statement.sid ?? `#${g.statement.index}`} letting ${share.partyName} into ${share.resourceName}`, policyCommand(share, g, file));
  }
  if (share.grants.some((g) => g.source === "shared-attribute")) step(`stop sharing ${share.resourceName} with ${share.partyName}`, attributeCommand(share));
  for (const g of share.grants.filter((x) => x.source === "kms-grant")) {
    step(`revoke KMS grant ${g.statement.sid ?? "?"} for ${g.principal}`, sh`aws kms revoke-grant --key-id ${share.resourceArn} --grant-id ${g.statement.sid ?? ""}`);
  }
  if (share.grants.some((g) => g.source === "acl")) {
    step(`remove the ACL grant(s) to ${share.partyName} on ${share.resourceName} (or disable ACLs with BucketOwnerEnforced)`, sh`aws s3api put-bucket-acl --bucket ${share.resourceName} --acl private`);
  }
  return steps;
}
