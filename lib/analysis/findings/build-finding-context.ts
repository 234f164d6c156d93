import type { TAccessKey, TAccount, TAccountSettings, TCredentialReportRow, TOrgModel, TPolicyDocRef, TPrincipal } from "../model";
import type { TAnalysisConfig } from "../results";

/** Lookups every rule needs, built once per run instead of once per rule. */
export type TFindingContext = {
  model: TOrgModel;
  config: TAnalysisConfig;
  asOf: Date;
  accountsById: Map<string, TAccount>;
  principalsByKey: Map<string, TPrincipal>;
  settingsByAccount: Map<string, TAccountSettings>;
  keysByUser: Map<string, TAccessKey[]>;
  /** Keyed by user principal key; the root rows by `root:<accountId>`. */
  credentialRows: Map<string, TCredentialReportRow>;
};

export function buildFindingContext(options: { model: TOrgModel; config: TAnalysisConfig }): TFindingContext {
  const { model } = options;
  const principalsByKey = new Map(model.principals.map((principal) => [principal.key, principal]));
  const userByArn = new Map<string, TPrincipal>();
  const userByName = new Map<string, TPrincipal>();
  for (const principal of model.principals) {
    if (principal.kind !== "iam-user") continue;
    if (principal.arn) userByArn.set(principal.arn, principal);
    userByName.set(`${principal.accountId}/${principal.name}`, principal);
  }
  const credentialRows = new Map<string, TCredentialReportRow>();
  for (const row of model.credentialReport) {
    if (row.isRoot) {
      credentialRows.set(rootRowKey(row.accountId), row);
      continue;
    }
    const user = userByArn.get(row.arn) ?? userByName.get(`${row.accountId}/${row.user}`);
    if (user) credentialRows.set(user.key, row);
  }
  const keysByUser = new Map<string, TAccessKey[]>();
  for (const key of model.accessKeys) {
    const list = keysByUser.get(key.userKey) ?? [];
    list.push(key);
    keysByUser.set(key.userKey, list);
  }
  return {
    model,
    config: options.config,
    asOf: new Date(model.asOf),
    accountsById: new Map(model.accounts.map((account) => [account.id, account])),
    principalsByKey,
    settingsByAccount: new Map(model.accountSettings.map((settings) => [settings.accountId, settings])),
    keysByUser,
    credentialRows,
  };
}

export function rootRowKey(accountId: string): string {
  return `root:${accountId}`;
}

// AWS managed only: a customer policy may borrow the name without the content.
export function hasAwsManagedPolicy(options: { policies: TPolicyDocRef[]; name: string }): boolean {
  return options.policies.some((policy) => policy.kind === "aws-managed" && policy.name === options.name);
}

export function describePolicy(policy: TPolicyDocRef): { id: string; name: string; kind: TPolicyDocRef["kind"] } {
  return { id: policy.id, name: policy.name, kind: policy.kind };
}

export function accountName(options: { context: TFindingContext; accountId: string }): string {
  return options.context.accountsById.get(options.accountId)?.name ?? options.accountId;
}
