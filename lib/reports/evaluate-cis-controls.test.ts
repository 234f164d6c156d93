import { describe, expect, it } from "vitest";
import { cisControl } from "./cis-controls";
import { evaluateAccount, evaluateAccountControl, type TCisAccountInput, type TCisFindingInput } from "./evaluate-cis-controls";
import { rollupCisResults } from "./rollup-cis-results";

const asOf = new Date("2026-06-01T00:00:00Z");
const account = (overrides: Partial<TCisAccountInput> = {}): TCisAccountInput => ({ id: "111111111111", name: "one", runStatus: "succeeded", runError: null, unavailable: [], ...overrides });
let nextId = 1;
const finding = (overrides: Partial<TCisFindingInput>): TCisFindingInput => ({
  id: nextId++, rule: "root-access-key", title: "Root user has access keys", severity: "critical", cisControl: "1.3", accountId: "111111111111",
  resourceKey: "111111111111", resourceName: "one", status: "open", acceptedReason: null, acceptedUntil: null, acceptedBy: null, ...overrides,
});
const evaluate = (id: string, acc: TCisAccountInput, findings: TCisFindingInput[] = []) => evaluateAccountControl({ control: cisControl(id)!, account: acc, findings, asOf });

describe("CIS control evaluation", () => {
  it("fails on an open finding and passes only with the data collected", () => {
    expect(evaluate("1.3", account(), [finding({})])).toMatchObject({ status: "fail", failing: [expect.objectContaining({ rule: "root-access-key" })] });
    expect(evaluate("1.3", account()).status).toBe("pass");
    // Another account's finding does not fail this one.
    expect(evaluate("1.3", account(), [finding({ accountId: "222222222222" })]).status).toBe("pass");
  });

  it("is not evaluated when a required kind was unavailable, naming the kind and the error", () => {
    const result = evaluate("1.6", account({ unavailable: [{ kind: "iam.credential-report", code: "AccessDenied" }] }));
    expect(result).toMatchObject({ status: "not-evaluated", reason: "data not collected: iam.credential-report (AccessDenied)" });
    // 1.3 reads the account summary or the credential report: one of them is enough.
    expect(evaluate("1.3", account({ unavailable: [{ kind: "iam.credential-report", code: "AccessDenied" }] })).status).toBe("pass");
    const both = [{ kind: "iam.credential-report", code: "AccessDenied" }, { kind: "iam.account-summary", code: "AccessDenied" }];
    expect(evaluate("1.3", account({ unavailable: both })).status).toBe("not-evaluated");
    // Organization-wide wildcards (Identity Center unreadable) count too.
    expect(evaluate("1.20", account({ unavailable: [{ kind: "sso.*", code: "AccessDenied" }] })).status).toBe("not-evaluated");
    // A failure the data does show still fails.
    expect(evaluate("1.6", account({ unavailable: [{ kind: "iam.credential-report", code: "AccessDenied" }] }), [finding({ cisControl: "1.6" })]).status).toBe("fail");
  });

  it("does not evaluate accounts the run could not read, and calls skipped ones not applicable", () => {
    expect(evaluate("1.7", account({ runStatus: "failed", runError: "AccessDenied: no role" }))).toMatchObject({ status: "not-evaluated", reason: "collection failed: AccessDenied: no role" });
    expect(evaluate("1.7", account({ runStatus: null })).status).toBe("not-evaluated");
    expect(evaluate("1.7", account({ runStatus: "skipped", runError: "account is SUSPENDED" })).status).toBe("not-applicable");
    expect(evaluate("1.1", account()).status).toBe("manual");
  });

  it("shows accepted findings as exceptions until their acceptance expires", () => {
    const accepted = finding({ status: "accepted", acceptedReason: "break-glass key in a safe", acceptedBy: "ada", acceptedUntil: new Date("2026-12-31T00:00:00Z") });
    expect(evaluate("1.3", account(), [accepted])).toMatchObject({ status: "exception", exceptions: [accepted], failing: [] });
    const expired = { ...accepted, acceptedUntil: new Date("2026-05-01T00:00:00Z") };
    expect(evaluate("1.3", account(), [expired])).toMatchObject({ status: "fail", failing: [expired] });
  });

  it("rolls accounts up to the organization: worst status wins, not-applicable accounts do not count", () => {
    const a = account({ id: "111111111111", name: "one" });
    const b = account({ id: "222222222222", name: "two", runStatus: "failed", runError: "AccessDenied" });
    const c = account({ id: "333333333333", name: "three", runStatus: "skipped" });
    const findings = [finding({ accountId: "111111111111" })];
    const accounts = [a, b, c].map((acc) => evaluateAccount({ account: acc, findings, asOf }));
    const org = rollupCisResults({ accounts, orgFindings: [], asOf });
    const byId = new Map(org.map((r) => [r.controlId, r]));
    expect(byId.get("1.3")).toMatchObject({ status: "fail", reason: "fails in 1 of 2 accounts (one); not evaluated in two" });
    expect(byId.get("1.7")).toMatchObject({ status: "not-evaluated", reason: "not evaluated in two" });
    expect(byId.get("1.1")!.status).toBe("manual");
    const healthy = rollupCisResults({ accounts: [evaluateAccount({ account: a, findings: [], asOf })], orgFindings: [], asOf });
    expect(healthy.find((r) => r.controlId === "1.7")).toMatchObject({ status: "pass", reason: "passes in all 1 assessed accounts" });
    const orgWide = rollupCisResults({ accounts: [evaluateAccount({ account: a, findings: [], asOf })], orgFindings: [finding({ accountId: null, cisControl: "1.20" })], asOf });
    expect(orgWide.find((r) => r.controlId === "1.20")!.status).toBe("fail");
  });
});
