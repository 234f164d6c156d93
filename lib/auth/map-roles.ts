import { APP_ROLES, type TAppRole } from "./permissions";

/** The app roles a user's IdP groups grant; a claim may be a list, a single string, or absent. */
export function mapGroupsToRoles(options: { groups: unknown; roleMap: Partial<Record<TAppRole, string[]>> }): TAppRole[] {
  const raw = options.groups;
  const groups = new Set(
    (Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[,\s]+/) : []).filter((g): g is string => typeof g === "string" && g !== ""),
  );
  return APP_ROLES.filter((role) => (options.roleMap[role] ?? []).some((group) => groups.has(group)));
}

/** The groups claim as a list of strings, for display on the refusal page and the audit log. */
export function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string");
  if (typeof raw === "string") return raw.split(/[,\s]+/).filter(Boolean);
  return [];
}
