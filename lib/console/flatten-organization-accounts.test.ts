import { describe, expect, it } from "vitest";
import { flattenOrganizationAccounts } from "./flatten-organization-accounts";
import type { TOrgAccountNode, TOrgUnitNode } from "./get-organization-tree";

const policy = (name: string, type: "SCP" | "RCP" = "SCP") => ({ id: name, name, type, awsManaged: false, description: "", document: null });
const account = (id: string, name: string, policies = [] as ReturnType<typeof policy>[]): TOrgAccountNode =>
  ({ id, name, email: null, status: "ACTIVE", isManagement: false, tags: {}, policies, collection: null, principalsHref: "" });
const unit = (name: string, kind: TOrgUnitNode["kind"], options: Partial<TOrgUnitNode> = {}): TOrgUnitNode =>
  ({ id: name, name, kind, tags: {}, policies: [], accounts: [], children: [], ...options });

describe("the organization's accounts as rows", () => {
  it("gives each account its OU path and every policy on the way down, the account's own last", () => {
    const prod = unit("Prod", "ou", { policies: [policy("DenyRegions")], accounts: [account("111111111111", "prod", [policy("AccountOnly")])] });
    const root = unit("Root", "root", { policies: [policy("FullAWSAccess"), policy("Perimeter", "RCP")], accounts: [account("222222222222", "management")],
      children: [unit("Workloads", "ou", { policies: [policy("DenyRoot")], children: [prod] })] });
    const rows = flattenOrganizationAccounts([root]);
    expect(rows.map((r) => [r.name, r.ouPath.join("/"), r.inheritedPolicies])).toEqual([
      ["management", "", ["SCP FullAWSAccess", "RCP Perimeter"]],
      ["prod", "Workloads/Prod", ["SCP FullAWSAccess", "RCP Perimeter", "SCP DenyRoot", "SCP DenyRegions", "SCP AccountOnly"]],
    ]);
  });
});
