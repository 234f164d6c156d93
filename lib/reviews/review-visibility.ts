import type { TSessionUser } from "../auth/permissions";

/**
 * Admins and auditors see every item of a campaign; anyone else holding reviews.read (a
 * reviewer) sees only the items assigned to their email. Returns the email to filter on,
 * or null for "all"; a reviewer without an email sees nothing rather than everything.
 */
export function reviewerFilter(user: TSessionUser): string | null {
  if (user.roles.includes("admin") || user.roles.includes("auditor")) return null;
  return (user.email ?? "").toLowerCase() || "\u0000no-email";
}
