import { CIS_CONTROLS } from "./cis-controls";
import type { TCisAccountResult, TCisControlResult, TCisFindingInput, TCisStatus } from "./evaluate-cis-controls";

// Worst first: one failing account fails the organization, and an account that could not be
// evaluated keeps the organization from passing.
const ROLLUP_ORDER: TCisStatus[] = ["fail", "not-evaluated", "exception", "pass", "not-applicable"];

function names(results: Array<{ account: { name: string } }>): string {
  const shown = results.slice(0, 6).map((r) => r.account.name).join(", ");
  return results.length > 6 ? `${shown} and ${results.length - 6} more` : shown;
}

/**
 * The organization's result per control from its accounts' results, plus findings that
 * belong to no single account (e.g. one person holding IAM users in several accounts).
 */
export function rollupCisResults(options: { accounts: TCisAccountResult[]; orgFindings: TCisFindingInput[]; asOf: Date }): TCisControlResult[] {
  return CIS_CONTROLS.map((control, index): TCisControlResult => {
    const perAccount = options.accounts.map((a) => ({ account: a.account, result: a.controls[index] }));
    const orgLevel = options.orgFindings.filter((f) => f.cisControl === control.id);
    const orgExceptions = orgLevel.filter((f) => f.status === "accepted" && (f.acceptedUntil === null || f.acceptedUntil >= options.asOf));
    const orgFailing = orgLevel.filter((f) => !orgExceptions.includes(f));
    const failing = [...orgFailing, ...perAccount.flatMap((p) => p.result.failing)];
    const exceptions = [...orgExceptions, ...perAccount.flatMap((p) => p.result.exceptions)];
    const base = { controlId: control.id, title: control.title, failing, exceptions };
    if (control.evaluation.kind === "manual") return { ...base, status: "manual", reason: control.evaluation.reason };
    const by = (status: TCisStatus) => perAccount.filter((p) => p.result.status === status);
    const evaluated = perAccount.filter((p) => p.result.status !== "not-applicable");
    if (evaluated.length === 0 && orgFailing.length === 0) return { ...base, status: "not-applicable", reason: "no account of the organization could be assessed" };
    const status = orgFailing.length > 0 ? "fail" : ROLLUP_ORDER.find((s) => by(s).length > 0) ?? "pass";
    const parts: string[] = [];
    if (by("fail").length > 0) parts.push(`fails in ${by("fail").length} of ${evaluated.length} accounts (${names(by("fail"))})`);
    if (orgFailing.length > 0) parts.push(`${orgFailing.length} organization-wide failing resource(s)`);
    if (by("not-evaluated").length > 0) parts.push(`not evaluated in ${names(by("not-evaluated"))}`);
    if (by("exception").length > 0) parts.push(`accepted exceptions in ${names(by("exception"))}`);
    if (parts.length === 0) parts.push(`passes in all ${evaluated.length} assessed accounts`);
    return { ...base, status, reason: parts.join("; ") };
  });
}
