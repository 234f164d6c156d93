import { ListInstancesCommand, type SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { describeAwsError } from "../../aws/aws-error";

/** Regions where IAM Identity Center can have its home, per partition (https://docs.aws.amazon.com/general/latest/gr/sso.html). */
const REGIONS: Record<string, string[]> = {
  aws: [
    "us-east-1", "us-east-2", "us-west-2", "us-west-1", "eu-west-1", "eu-central-1", "eu-west-2", "eu-west-3", "eu-north-1",
    "eu-south-1", "eu-south-2", "eu-central-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-east-1", "ca-central-1",
    "ca-west-1", "sa-east-1", "af-south-1", "me-south-1", "me-central-1", "il-central-1",
  ],
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
};

export type TIdentityCenterRegion = {
  /** null when no region has an instance (the organization does not use Identity Center). */
  region: string | null;
  source: "configured" | "discovered";
  regionsTried: string[];
  /** Regions whose ListInstances failed, with why (an opt-in region not enabled, a denial). */
  failures: Array<{ region: string; code: string; message: string }>;
};

function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * An Identity Center instance lives in one home region, and SSO Admin elsewhere lists no
 * instance. Configured (IDENTITY_CENTER_REGION) wins; otherwise the likely regions first
 * (last run's, SSO_REGION, AWS_REGION), then the partition's others, until one lists an
 * instance: one call when the guess is right.
 */
export async function findIdentityCenterRegion(options: {
  configured?: string;
  preferred: Array<string | null | undefined>;
  awsRegion: string;
  clientFor: (region: string) => SSOAdminClient;
}): Promise<TIdentityCenterRegion> {
  if (options.configured) return { region: options.configured, source: "configured", regionsTried: [], failures: [] };
  const candidates = [...new Set([...options.preferred.filter((r): r is string => Boolean(r)), options.awsRegion, ...REGIONS[partitionOf(options.awsRegion)]])];
  const regionsTried: string[] = [];
  const failures: TIdentityCenterRegion["failures"] = [];
  for (const region of candidates) {
    regionsTried.push(region);
    try {
      const out = await options.clientFor(region).send(new ListInstancesCommand({ MaxResults: 1 }));
      if ((out.Instances ?? []).length > 0) return { region, source: "discovered", regionsTried, failures };
    } catch (error) {
      const info = describeAwsError(error);
      failures.push({ region, code: info.code, message: info.message });
      // The SSO Admin API itself missing or refused is not a question of region: stop asking.
      if (region === options.awsRegion && (info.kind === "not-available" || info.kind === "access-denied") && info.code !== "InvalidClientTokenId") throw error;
    }
  }
  return { region: null, source: "discovered", regionsTried, failures };
}
