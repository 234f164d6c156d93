import { GetPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { describeAwsError } from "../../../aws/aws-error";
import { s3ControlClient } from "../../../aws/s3-control-client";
import type { TAccountResourceSettings } from "../../../resources/resource-model";
import type { TAccountContext } from "../../types";

/** Account-level S3 Block Public Access (s3control); null settings when none is configured. */
export async function collectS3AccountSettings(ctx: TAccountContext): Promise<TAccountResourceSettings> {
  const client = ctx.makeClient({ region: ctx.env.AWS_REGION, create: (config) => s3ControlClient(config) });
  try {
    const out = await client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }), { abortSignal: ctx.signal });
    const c = out.PublicAccessBlockConfiguration;
    return {
      accountId: ctx.accountId,
      s3BlockPublicAccess: c ? { blockPublicAcls: Boolean(c.BlockPublicAcls), ignorePublicAcls: Boolean(c.IgnorePublicAcls), blockPublicPolicy: Boolean(c.BlockPublicPolicy), restrictPublicBuckets: Boolean(c.RestrictPublicBuckets) } : null,
    };
  } catch (error) {
    if (describeAwsError(error).code === "NoSuchPublicAccessBlockConfiguration" || (error as { name?: string }).name === "NoSuchPublicAccessBlockConfiguration") {
      return { accountId: ctx.accountId, s3BlockPublicAccess: null };
    }
    throw error;
  }
}
