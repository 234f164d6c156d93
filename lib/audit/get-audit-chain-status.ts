import "server-only";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { getDb } from "../db/client";
import { verifyAuditChain, type TAuditChainReport } from "./verify-audit-chain";

/** The audit chain's verification for the console (admins and auditors). */
export async function getAuditChainStatus(options: { user: TSessionUser }): Promise<TAuditChainReport> {
  assertCan(options.user, "audit.read");
  return verifyAuditChain({ pool: getDb().pool });
}
