import type { TAccessKey } from "../model";
import type { TFinding } from "../results";
import { ageInDays } from "./age-in-days";
import type { TFindingContext } from "./build-finding-context";
import { makeFinding, type TFindingRule } from "./make-finding";

const CIS_KEY_MAX_AGE_DAYS = 90;
// "At user setup": created within a day of the user, as the console's create-user wizard does.
const SETUP_WINDOW_MS = 86_400_000;

export const ACCESS_KEY_NOT_ROTATED: TFindingRule = {
  id: "access-key-not-rotated",
  category: "credentials",
  title: "Access key older than the rotation limit",
  description: "An active access key is older than config.keyMaxAgeDays (default 90). The finding cites CIS 1.13 when the key is older than the benchmark's 90 days.",
  severity: "medium",
  cisControl: "1.13",
  remediation: "Create a new key, move the workload to it, deactivate and then delete the old one; better, replace the key with a role.",
};

export const USER_TWO_ACTIVE_KEYS: TFindingRule = {
  id: "user-two-active-keys",
  category: "credentials",
  title: "User has two active access keys",
  description: "Both access key slots of the user are active; outside a short rotation, one of them is usually forgotten.",
  severity: "medium",
  cisControl: "1.12",
  remediation: "Find which key is in use (last used date and service in the evidence) and deactivate the other.",
};

export const ACCESS_KEY_CREATED_AT_SETUP: TFindingRule = {
  id: "access-key-created-at-setup",
  category: "credentials",
  title: "Access key created at user setup and never used",
  description: "A console user received an active access key within a day of being created and the key has never been used: a key nobody asked for.",
  severity: "medium",
  cisControl: "1.10",
  remediation: "Delete the key; create keys only when a workload needs one, and prefer roles.",
};

export function findAccessKeyIssues(options: { context: TFindingContext }): TFinding[] {
  const { context } = options;
  const findings: TFinding[] = [];
  const maxAgeDays = context.config.keyMaxAgeDays;
  for (const key of context.model.accessKeys) {
    if (key.status !== "Active") continue;
    const keyAgeDays = ageInDays({ date: key.createDate, asOf: context.asOf });
    if (keyAgeDays === null || keyAgeDays <= maxAgeDays) continue;
    findings.push(makeFinding({
      rule: ACCESS_KEY_NOT_ROTATED,
      accountId: key.accountId,
      resourceKey: key.id,
      resourceName: `${key.userName}/${key.id}`,
      cisControl: keyAgeDays > CIS_KEY_MAX_AGE_DAYS ? ACCESS_KEY_NOT_ROTATED.cisControl : null,
      title: `Access key ${key.id} of ${key.userName} is ${keyAgeDays} days old`,
      evidence: { ...describeKey(key), keyAgeDays, maxAgeDays, cisMaxAgeDays: CIS_KEY_MAX_AGE_DAYS },
    }));
  }
  for (const [userKey, keys] of context.keysByUser) {
    const user = context.principalsByKey.get(userKey);
    const active = keys.filter((key) => key.status === "Active");
    if (active.length >= 2) {
      findings.push(makeFinding({
        rule: USER_TWO_ACTIVE_KEYS,
        accountId: active[0].accountId,
        resourceKey: userKey,
        resourceName: user?.name ?? active[0].userName,
        evidence: {
          userArn: user?.arn ?? null,
          activeKeys: active.map((key) => ({ ...describeKey(key), keyAgeDays: ageInDays({ date: key.createDate, asOf: context.asOf }) })),
        },
      }));
    }
    const row = context.credentialRows.get(userKey);
    const userCreated = Date.parse(row?.userCreationTime ?? user?.createDate ?? "");
    if (!row?.passwordEnabled || Number.isNaN(userCreated)) continue;
    for (const key of active) {
      const keyCreated = Date.parse(key.createDate ?? "");
      if (key.lastUsedDate !== null || Number.isNaN(keyCreated) || keyCreated - userCreated > SETUP_WINDOW_MS) continue;
      findings.push(makeFinding({
        rule: ACCESS_KEY_CREATED_AT_SETUP,
        accountId: key.accountId,
        resourceKey: key.id,
        resourceName: `${key.userName}/${key.id}`,
        evidence: {
          ...describeKey(key),
          userCreationTime: row.userCreationTime ?? user?.createDate ?? null,
          hoursAfterUserCreation: Math.round((keyCreated - userCreated) / 3_600_000),
          passwordEnabled: true,
        },
      }));
    }
  }
  return findings;
}

function describeKey(key: TAccessKey): Record<string, unknown> {
  return {
    userKey: key.userKey,
    userName: key.userName,
    accessKeyId: key.id,
    status: key.status,
    createDate: key.createDate,
    lastUsedDate: key.lastUsedDate,
    lastUsedService: key.lastUsedService,
  };
}
