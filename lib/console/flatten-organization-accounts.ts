import type { TOrgAccountNode, TOrgUnitNode } from "./get-organization-tree";

export type TAccountListRow = TOrgAccountNode & { ouPath: string[]; inheritedPolicies: string[] };

/** The tree's accounts as rows, each with its OU path and every SCP/RCP that applies on the way down. */
export function flattenOrganizationAccounts(roots: TOrgUnitNode[]): TAccountListRow[] {
  const rows: TAccountListRow[] = [];
  const walk = (unit: TOrgUnitNode, path: string[], policies: string[]) => {
    const here = [...policies, ...unit.policies.map((p) => `${p.type} ${p.name}`)];
    const unitPath = unit.kind === "root" ? path : [...path, unit.name];
    for (const account of unit.accounts) {
      rows.push({ ...account, ouPath: unitPath, inheritedPolicies: [...here, ...account.policies.map((p) => `${p.type} ${p.name}`)] });
    }
    for (const child of unit.children) walk(child, unitPath, here);
  };
  for (const root of roots) walk(root, [], []);
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
