import type { TPermission } from "@/lib/auth/permissions";

/** The console's sections and the permission each needs (the nav shows only what the user may open). */
export const NAV_LINKS: Array<{ href: string; label: string; permission: TPermission }> = [
  { href: "/", label: "Overview", permission: "inventory.read" },
  { href: "/organization", label: "Organization", permission: "inventory.read" },
  { href: "/principals", label: "Principals", permission: "inventory.read" },
  { href: "/resources", label: "Resources", permission: "inventory.read" },
  { href: "/who-can-reach", label: "Who can reach", permission: "inventory.read" },
  { href: "/trust-map", label: "Trust map", permission: "inventory.read" },
  { href: "/graph", label: "Access graph", permission: "inventory.read" },
  // Reviewers see the findings of their own review items' principals (scoped in the query).
  { href: "/findings", label: "Findings", permission: "evidence.read" },
  { href: "/unused", label: "Unused access", permission: "findings.read" },
  { href: "/keys", label: "Keys", permission: "inventory.read" },
  { href: "/history", label: "History", permission: "collection.read" },
  { href: "/collection", label: "Collection", permission: "collection.read" },
  { href: "/reviews", label: "Reviews", permission: "reviews.read" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin/sessions", label: "Sessions", permission: "sessions.manage" },
  { href: "/settings/api-tokens", label: "Settings", permission: "api.tokens.manage" },
];
