import fs from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import type { TSnapshotRecord } from "../../snapshot/types";
import type { TOrganizationSnapshot } from "./organization-structure";

const ZStaticAccounts = z.object({
  accounts: z.array(z.object({
    id: z.string().regex(/^\d{12}$/, "account id must be 12 digits"),
    name: z.string().min(1),
    ou: z.string().optional(),
    status: z.enum(["ACTIVE", "SUSPENDED", "CLOSED"]).default("ACTIVE"),
    tags: z.record(z.string(), z.string()).default({}),
  })).min(1, "list at least one account"),
});

/** For setups without Organizations access: accounts from a YAML or JSON file. */
export function loadStaticAccounts(file: string): TOrganizationSnapshot {
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`ACCOUNTS_FILE ${file}: cannot read (${(error as Error).message})`);
  }
  const parsed = ZStaticAccounts.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`ACCOUNTS_FILE ${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const a of parsed.data.accounts) {
    if (seen.has(a.id)) throw new Error(`ACCOUNTS_FILE ${file}: account ${a.id} is listed twice`);
    seen.add(a.id);
  }
  const accounts = parsed.data.accounts.map((a) => ({
    id: a.id, name: a.name, email: null, status: a.status, state: a.status, parentId: null, ouPath: a.ou ? [a.ou] : [], tags: a.tags,
  }));
  const records: TSnapshotRecord[] = accounts.map((a) => ({ kind: "org.account", key: a.id, name: a.name, arn: null, data: { email: null, status: a.status, state: a.state, parentId: null, ouPath: a.ouPath, tags: a.tags, source: "static" } }));
  return { managementAccountId: null, accounts, batches: [{ kind: "org.account", records, mode: "replace" }], unavailable: [] };
}
