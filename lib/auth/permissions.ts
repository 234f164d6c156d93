// App roles and what each may do. Every page, route handler and server action checks a
// permission from this table at the data layer (not only in proxy.ts).

export const APP_ROLES = ["admin", "auditor", "reviewer", "viewer"] as const;
export type TAppRole = (typeof APP_ROLES)[number];

export const PERMISSIONS = {
  /** The whole inventory. Reviewers hold only evidence.read: least privilege, PCI DSS 7.2. */
  "inventory.read": ["admin", "auditor", "viewer"],
  "findings.read": ["admin", "auditor", "viewer"],
  /**
   * A principal's page and the findings list: whole for inventory/findings readers; for
   * reviewers only the principals (and their accounts and findings) of their own review
   * items, scoped in the query (lib/reviews/assigned-evidence.ts).
   */
  "evidence.read": ["admin", "auditor", "reviewer", "viewer"],
  "findings.accept": ["admin", "auditor"],
  "exports.download": ["admin", "auditor", "viewer"],
  "collection.read": ["admin", "auditor", "viewer"],
  "collection.start": ["admin"],
  /** Reviewers see only the items assigned to them (scoped in the query). */
  "reviews.read": ["admin", "auditor", "reviewer"],
  "reviews.manage": ["admin"],
  "reviews.decide": ["admin", "reviewer"],
  /** Changing a decided item: recorded as an override beside the reviewer's decision, with a reason. */
  "reviews.override": ["admin"],
  "reviews.signoff": ["admin", "auditor"],
  "reports.read": ["admin", "auditor", "viewer"],
  "audit.read": ["admin", "auditor"],
  "settings.manage": ["admin"],
  /** List signed-in sessions and end all of a user's sessions. */
  "sessions.manage": ["admin"],
  /** Create and revoke API tokens (tokens themselves only ever carry viewer or auditor). */
  "api.tokens.manage": ["admin"],
  /** The log of mails and webhooks sent. */
  "notifications.read": ["admin"],
} as const satisfies Record<string, readonly TAppRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export type TSessionUser = {
  /** The IdP subject. */
  id: string;
  email: string | null;
  name: string | null;
  roles: TAppRole[];
};

export function can(user: TSessionUser | null, permission: TPermission): boolean {
  if (!user) return false;
  const allowed: readonly TAppRole[] = PERMISSIONS[permission];
  return user.roles.some((role) => allowed.includes(role));
}
