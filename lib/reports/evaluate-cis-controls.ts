import { CIS_CONTROLS, type TCisControl } from "./cis-controls";

export type TCisStatus = "pass" | "fail" | "exception" | "not-evaluated" | "not-applicable" | "manual";

/** One account as the snapshot run saw it. */
export type TCisAccountInput = {
  id: string;
  name: string;
  /** account_run.status for the run; null when the run did not include the account. */
  runStatus: string | null;
  runError: string | null;
  /** Data kinds the run could not read for this account (its own and organization-wide ones, e.g. "sso.*"). */
  unavailable: Array<{ kind: string; code: string }>;
};

export type TCisFindingInput = {
  id: number;
  rule: string;
  title: string;
  severity: string;
  cisControl: string;
  accountId: string | null;
  resourceKey: string;
  resourceName: string;
  status: "open" | "accepted";
  acceptedReason: string | null;
  acceptedUntil: Date | null;
  acceptedBy: string | null;
};

export type TCisControlResult = {
  controlId: string;
  title: string;
  status: TCisStatus;
  /** Why the status is what it is, in a sentence an auditor can check. */
  reason: string;
  failing: TCisFindingInput[];
  exceptions: TCisFindingInput[];
};

const COLLECTED = new Set(["succeeded", "partial"]);

function kindMatches(unavailable: string, kind: string): boolean {
  return unavailable === kind || (unavailable.endsWith(".*") && kind.startsWith(unavailable.slice(0, -1)));
}

/** Required kinds the run could not read for the account, with AWS's error code. */
function missingData(options: { control: TCisControl; account: TCisAccountInput }): string[] {
  const { evaluation } = options.control;
  if (evaluation.kind !== "automated") return [];
  const lost = (kind: string) => options.account.unavailable.find((u) => kindMatches(u.kind, kind));
  const missing = evaluation.requiresAll.flatMap((kind) => { const u = lost(kind); return u ? [`${kind} (${u.code})`] : []; });
  const any = evaluation.requiresAny ?? [];
  if (any.length > 0 && any.every((kind) => lost(kind))) missing.push(`${any.join(" or ")} (${any.map((kind) => lost(kind)!.code).join(", ")})`);
  return missing;
}

/** An acceptance past its expiry is no exception any more: the finding counts as failing again. */
function isActiveException(finding: TCisFindingInput, asOf: Date): boolean {
  return finding.status === "accepted" && (finding.acceptedUntil === null || finding.acceptedUntil.getTime() >= asOf.getTime());
}

export function evaluateAccountControl(options: { control: TCisControl; account: TCisAccountInput; findings: TCisFindingInput[]; asOf: Date }): TCisControlResult {
  const { control, account, asOf } = options;
  const mine = options.findings.filter((f) => f.cisControl === control.id && f.accountId === account.id);
  const exceptions = mine.filter((f) => isActiveException(f, asOf));
  const failing = mine.filter((f) => !isActiveException(f, asOf));
  const result = (status: TCisStatus, reason: string): TCisControlResult => ({ controlId: control.id, title: control.title, status, reason, failing, exceptions });
  if (control.evaluation.kind === "manual") return result("manual", control.evaluation.reason);
  if (account.runStatus === "skipped") return result("not-applicable", `account not collected: ${account.runError ?? "skipped"}`);
  if (account.runStatus === null) return result("not-evaluated", "the snapshot run did not include this account");
  if (!COLLECTED.has(account.runStatus)) {
    const earlier = mine.length > 0 ? `; ${mine.length} finding(s) remain from earlier data` : "";
    return result("not-evaluated", `collection ${account.runStatus}: ${account.runError ?? "no data"}${earlier}`);
  }
  if (failing.length > 0) return result("fail", `${failing.length} failing resource(s)`);
  const missing = missingData({ control, account });
  if (missing.length > 0) return result("not-evaluated", `data not collected: ${missing.join("; ")}`);
  if (exceptions.length > 0) return result("exception", `${exceptions.length} accepted exception(s), nothing else failing`);
  return result("pass", "no failing resource in the collected data");
}

export type TCisAccountResult = { account: TCisAccountInput; controls: TCisControlResult[] };

export function evaluateAccount(options: { account: TCisAccountInput; findings: TCisFindingInput[]; asOf: Date }): TCisAccountResult {
  return { account: options.account, controls: CIS_CONTROLS.map((control) => evaluateAccountControl({ control, ...options })) };
}
