import { describe, expect, it } from "vitest";
import { describeReachPath } from "./who-can-reach-path";

const accounts = new Map([["111111111111", "acme-management"], ["222222222222", "acme-prod"]]);
const accountName = (id: string | null) => (id ? accounts.get(id) : undefined);

describe("describeReachPath", () => {
  it("reads an Identity Center path as user → group → permission set → role in the account", () => {
    const { steps, text } = describeReachPath({
      principal: { key: "sso/u-1", name: "alice.admin", accountId: null },
      hops: [{ from: "sso/u-1", to: "222222222222/AROA1", via: "sso-assignment", conditional: false, throughGroup: "Platform-Admins", permissionSetName: "AdministratorAccess" }],
      names: new Map([["222222222222/AROA1", { name: "AWSReservedSSO_AdministratorAccess_abc", accountId: "222222222222" }]]),
      accountName,
    });
    expect(steps.map((step) => step.kind)).toEqual(["principal", "group", "permission-set", "role"]);
    expect(text).toBe("alice.admin → group Platform-Admins → permission set AdministratorAccess → AWSReservedSSO_AdministratorAccess_abc (acme-prod)");
    expect(steps[3].principalKey).toBe("222222222222/AROA1");
  });

  it("marks conditional assume-role hops, names unknown roles by key, and flags uncollected assignment roles", () => {
    const { steps, text } = describeReachPath({
      principal: { key: "111111111111/AIDA1", name: "ops", accountId: "111111111111" },
      hops: [
        { from: "111111111111/AIDA1", to: "222222222222/AROA2", via: "assume-role", conditional: true },
        { from: "222222222222/AROA2", to: "222222222222", via: "sso-assignment", conditional: false },
      ],
      names: new Map(),
      accountName,
    });
    expect(text).toBe("ops (acme-management) → 222222222222/AROA2 (acme-prod) [conditional] → acme-prod (role not collected)");
    expect(steps[1].conditional).toBe(true);
    expect(steps[2].kind).toBe("account");
  });

  it("calls a grant without hops direct", () => {
    expect(describeReachPath({ principal: { key: "k", name: "role", accountId: null }, hops: [], names: new Map(), accountName }).text).toBe("direct");
  });
});
