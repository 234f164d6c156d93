import { startSimulator, type SimulatorHandle } from "../sim/server";
import { loadOrg } from "../sim/load-org";
import type { Faults, Organization } from "../sim/model";
import { simulatorEnv } from "../lib/demo/simulator-env";
import { loadEnv, type TEnv } from "../lib/config/env";
import { runCollection } from "../lib/collect/run-collection";
import { createTestDatabase } from "./test-database";

export type THarness = {
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  sim: SimulatorHandle;
  org: Organization;
  env: (overrides?: Record<string, string>) => TEnv;
  collect: (options?: { env?: Record<string, string>; accounts?: string[] }) => ReturnType<typeof runCollection>;
  stop: () => Promise<void>;
};

/** A test database plus the simulator serving `org` (default: the demo organization), wired like a user would. */
export async function startHarness(options: { org?: Organization; faults?: Faults } = {}): Promise<THarness> {
  const org = options.org ?? loadOrg("demo");
  const db = await createTestDatabase();
  const sim = await startSimulator({ org, faults: options.faults, port: 0 });
  // The SDK reads endpoints and hub credentials from process.env, as it would in production.
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, simulatorEnv({ url: sim.url, hub: sim.hub, auditRoleName: org.auditRoleName, orgReaderRoleArn: org.orgReaderRoleArn }));
  process.env.DATABASE_URL = db.url;
  const env = (overrides: Record<string, string> = {}) =>
    loadEnv({ ...process.env, COLLECT_CALL_TIMEOUT_MS: "5000", COLLECT_ACCOUNT_TIMEOUT_MS: "60000", ...overrides });
  return {
    db, sim, org, env,
    collect: (o = {}) => runCollection({ pool: db.pool, env: env(o.env), trigger: "test", accounts: o.accounts }),
    stop: async () => {
      await sim.stop();
      await db.drop();
    },
  };
}

/** Accounts the collector can reach: active and carrying the audit role. */
export function reachableAccounts(org: Organization) {
  return org.accounts.filter((a) => a.status === "ACTIVE" && a.auditRole);
}
