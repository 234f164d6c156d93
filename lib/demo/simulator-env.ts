/** What the simulator tells a collector about itself (startSimulator handle or sim/cli.ts JSON line). */
export type TSimulatorInfo = {
  url: string;
  hub: { accessKeyId: string; secretAccessKey: string };
  auditRoleName?: string;
  orgReaderRoleArn?: string | null;
};

/**
 * Environment that points the real AWS SDK clients at the simulator, exactly as a user
 * would point them at any AWS-compatible endpoint: AWS_ENDPOINT_URL plus hub credentials
 * in the standard variables the default provider chain reads.
 */
export function simulatorEnv(sim: TSimulatorInfo): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: sim.url,
    AWS_ACCESS_KEY_ID: sim.hub.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sim.hub.secretAccessKey,
    AWS_REGION: "us-east-1",
    // The simulator finishes Access Advisor jobs at once; real AWS takes seconds.
    ACCESS_ADVISOR_POLL_MS: "20",
    // Node 20 is what these machines have; the SDK's notice about Node 22 is known.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  if (sim.auditRoleName) env.AUDIT_ROLE_NAME = sim.auditRoleName;
  if (sim.orgReaderRoleArn) env.ORG_READER_ROLE_ARN = sim.orgReaderRoleArn;
  return env;
}
