import "server-only";
import { z } from "zod";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { getDb } from "../db/client";
import { CIS_BENCHMARK } from "./cis-controls";
import { evaluateAccount, type TCisAccountResult, type TCisControlResult, type TCisStatus } from "./evaluate-cis-controls";
import { loadCisInputs, type TCisSnapshot } from "./load-cis-inputs";
import { rollupCisResults } from "./rollup-cis-results";

/** `org`, or one account's 12-digit id. */
export const ZCisScope = z.union([z.literal("org"), z.string().regex(/^\d{12}$/, "account must be 'org' or a 12-digit account id")]);

export type TCisReport = {
  benchmark: string;
  generatedAt: Date;
  scope: { kind: "org"; organizationId: string | null } | { kind: "account"; accountId: string; accountName: string };
  snapshot: TCisSnapshot;
  /** The scope's result per control (the organization's rollup, or the one account's). */
  controls: TCisControlResult[];
  /** Per-account results behind the rollup (one entry for an account report). */
  accounts: TCisAccountResult[];
  counts: Record<TCisStatus, number>;
};

function countStatuses(controls: TCisControlResult[]): Record<TCisStatus, number> {
  const counts: Record<TCisStatus, number> = { pass: 0, fail: 0, exception: 0, "not-evaluated": 0, "not-applicable": 0, manual: 0 };
  for (const control of controls) counts[control.status] += 1;
  return counts;
}

/** The CIS v5 IAM section for the organization or one account, from the latest analysis. */
export async function getCisReport(options: { user: TSessionUser; scope: string }): Promise<TCisReport> {
  assertCan(options.user, "reports.read");
  const parsed = ZCisScope.safeParse(options.scope);
  if (!parsed.success) throw new ConsoleError("invalid", parsed.error.issues[0].message);
  const { pool } = getDb();
  const inputs = await loadCisInputs({ pool });
  const generatedAt = new Date();
  const accountId = parsed.data === "org" ? null : parsed.data;
  const selected = accountId ? inputs.accounts.filter((a) => a.id === accountId) : inputs.accounts;
  if (accountId && selected.length === 0) throw new ConsoleError("not-found", `account ${accountId} is not in the organization's latest snapshot`);
  const accounts = selected.map((account) => evaluateAccount({ account, findings: inputs.findings, asOf: generatedAt }));
  const controls = accountId
    ? accounts[0].controls
    : rollupCisResults({ accounts, orgFindings: inputs.findings.filter((f) => f.accountId === null), asOf: generatedAt });
  return {
    benchmark: CIS_BENCHMARK,
    generatedAt,
    scope: accountId
      ? { kind: "account", accountId: accountId, accountName: selected[0].name }
      : { kind: "org", organizationId: inputs.snapshot.organizationId },
    snapshot: inputs.snapshot,
    controls,
    accounts,
    counts: countStatuses(controls),
  };
}
