// Test helpers: start the simulator on the fixture org and build real AWS SDK v3 clients against it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { SSOClient } from "@aws-sdk/client-sso";
import type { AwsCredentialIdentity } from "@smithy/types";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { loadOrg } from "../load-org";
import { startSimulator, type StartOptions, type SimulatorHandle } from "../server";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture.yaml");
export const NOW = Date.parse("2025-01-01T00:00:00Z");
export const MGMT = "111111111111";
export const HUB = "222222222222";
export const PROD = "333333333333";
export const SUSPENDED = "444444444444";
export const NOAUDIT = "555555555555";

export function fixtureOrg() {
  return loadOrg(FIXTURE, { now: NOW });
}

export async function startFixture(opts: Partial<StartOptions> = {}): Promise<SimulatorHandle> {
  return startSimulator({ org: fixtureOrg(), ...opts });
}

export interface ClientOpts { maxAttempts?: number; requestTimeoutMs?: number }

function base(sim: SimulatorHandle, credentials: AwsCredentialIdentity | undefined, o: ClientOpts) {
  return {
    endpoint: sim.url,
    region: "us-east-1",
    credentials: credentials ?? { accessKeyId: "AKIANOCREDENTIALS000", secretAccessKey: "x" },
    maxAttempts: o.maxAttempts,
    ...(o.requestTimeoutMs ? { requestHandler: new NodeHttpHandler({ requestTimeout: o.requestTimeoutMs, throwOnRequestTimeout: true }) } : {}),
  };
}

export function clients(sim: SimulatorHandle, credentials?: AwsCredentialIdentity, o: ClientOpts = {}) {
  const cfg = base(sim, credentials, o);
  return {
    sts: new STSClient(cfg),
    iam: new IAMClient(cfg),
    org: new OrganizationsClient(cfg),
    ssoAdmin: new SSOAdminClient(cfg),
    ids: new IdentitystoreClient(cfg),
    sso: new SSOClient({ endpoint: sim.url, region: "us-east-1", maxAttempts: o.maxAttempts }),
  };
}

export function hubCreds(sim: SimulatorHandle): AwsCredentialIdentity {
  return { accessKeyId: sim.hub.accessKeyId, secretAccessKey: sim.hub.secretAccessKey };
}

/** hub → AssumeRole(role in account) → credentials */
export async function assume(sim: SimulatorHandle, account: string, roleName: string, extra: { ExternalId?: string; from?: AwsCredentialIdentity } = {}): Promise<AwsCredentialIdentity> {
  const { sts } = clients(sim, extra.from ?? hubCreds(sim), { maxAttempts: 1 });
  const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${roleName}`, RoleSessionName: "atlas-test", ExternalId: extra.ExternalId }));
  const c = r.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** capture the error a promise rejects with */
export async function errorOf(p: Promise<unknown>): Promise<Error & { name: string; $fault?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { name: string };
  }
  throw new Error("expected the call to fail");
}

export const decode = (s: string | undefined) => JSON.parse(decodeURIComponent(s ?? "null"));
