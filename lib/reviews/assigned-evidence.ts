import { can, type TPermission, type TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { reviewerFilter } from "./review-visibility";

/**
 * Least privilege for reviewers: null when the caller may read `full` (the whole inventory
 * or findings list); otherwise the reviewer email whose review items bound what they read.
 * Refuses callers who hold neither.
 */
export function assignedEvidenceScope(user: TSessionUser | null | undefined, full: TPermission): string | null {
  assertCan(user, "evidence.read");
  return can(user, full) ? null : (reviewerFilter(user) ?? "\u0000no-email");
}

/** SQL: the principal keys of a reviewer's items (their own principal and the role reached), for `key IN (…)`. */
export function assignedPrincipalsSql(emailParam: string): string {
  return `SELECT ri.principal_key FROM review_item ri WHERE ri.reviewer_email = ${emailParam}
    UNION SELECT ri.target_key FROM review_item ri WHERE ri.reviewer_email = ${emailParam} AND ri.target_key IS NOT NULL`;
}

/** SQL: the accounts of a reviewer's items (where the access is, and where the principal lives). */
export function assignedAccountsSql(emailParam: string): string {
  return `SELECT ri.account_id FROM review_item ri WHERE ri.reviewer_email = ${emailParam}
    UNION SELECT split_part(ri.principal_key, '/', 1) FROM review_item ri WHERE ri.reviewer_email = ${emailParam}`;
}
