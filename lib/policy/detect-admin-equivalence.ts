import { findActionIndex, type ActionCatalogue } from "./action-catalogue";
import { actionIndices, countActions, hasAction, subtract } from "./action-set";
import type { EffectiveAccess } from "./effective-access-types";
import { ESCALATION_PATHS, type EscalationPath } from "./escalation-paths";

export type AdminGrant = "allowed" | "partial" | "conditional";

export type AdminPath = {
  id: string;
  kind: "full-admin" | "privilege-escalation";
  description: string;
  actions: string[];
  // The weakest grant among the path's actions: "partial" = some of them only on some
  // resources, "conditional" = some only under conditions.
  grant: AdminGrant;
  // Actions of the path that are not allowed outright (for full-admin: the first few).
  limitedActions: string[];
  limitedActionCount: number;
  // full-admin only: the principal's own policies grant every action and the SCP/RCP
  // ceiling of its account takes these away (the first few, and how many).
  ceilingDeniedActions?: string[];
  ceilingDeniedActionCount?: number;
};

export type AdminEquivalence = {
  // At least one path is open, whether fully or only on some resources / under conditions.
  adminEquivalent: boolean;
  // At least one path is open on every resource without any condition.
  definite: boolean;
  paths: AdminPath[];
};

const GRANT_ORDER: AdminGrant[] = ["conditional", "partial", "allowed"];
const FULL_ADMIN_LIMITED_SHOWN = 25;

export function detectAdminEquivalence(options: { effective: EffectiveAccess }): AdminEquivalence {
  const { effective } = options;
  const paths: AdminPath[] = [];
  const fullAdmin = fullAdminPath(effective);
  if (fullAdmin) paths.push(fullAdmin);
  for (const path of ESCALATION_PATHS) {
    const open = escalationPath({ effective, path });
    if (open) paths.push(open);
  }
  return {
    adminEquivalent: paths.length > 0,
    definite: paths.some((path) => path.grant === "allowed"),
    paths,
  };
}

// "*:*" in effect: every catalogue action allowed in some form. Reported with the weakest
// grant so "allowed on everything, but only from the corporate network" stays visible.
// A principal whose own policies grant every action is a full administrator within its
// account's SCP/RCP ceiling too (AdministratorAccess under a DenyLeaveOrganization SCP):
// the path then names what the ceiling denies. Its grant is that of the principal's own
// policies: a region lock or a secure-transport RCP is part of the ceiling, not a
// condition on the administrator (the actions it limits are still listed).
function fullAdminPath(effective: EffectiveAccess): AdminPath | undefined {
  const { catalogue, allowed, partial, conditional } = effective;
  const all = catalogue.allActions;
  const withinCeiling = effective.ownGrantOfEverything !== undefined;
  let everything = true;
  let fully = true;
  let scoped = true;
  for (let i = 0; i < all.length; i++) {
    // Checked word by word with an early exit: almost nobody is a full admin. `|` yields a
    // signed 32-bit number and the words are unsigned, so compare after `>>> 0`.
    const granted = (allowed[i] | partial[i] | conditional[i]) >>> 0;
    if (granted !== all[i]) {
      if (!withinCeiling) return undefined;
      everything = false;
    }
    if (allowed[i] !== granted) fully = false;
    if (((allowed[i] | partial[i]) >>> 0) !== granted) scoped = false;
  }
  const limited = subtract(all, allowed);
  const path: AdminPath = {
    id: "full-admin",
    kind: "full-admin",
    description: everything ? "can perform every action of every service" : "can perform every action its SCP/RCP ceiling does not deny",
    actions: ["*"],
    grant: effective.ownGrantOfEverything ?? (fully ? "allowed" : scoped ? "partial" : "conditional"),
    limitedActions: actionIndices(limited).slice(0, FULL_ADMIN_LIMITED_SHOWN).map((index) => catalogue.actionNames[index]),
    limitedActionCount: countActions(limited),
  };
  if (everything) return path;
  const ceilingDenied = subtract(subtract(subtract(all, allowed), partial), conditional);
  // A ceiling that leaves nothing standing leaves no administrator.
  if (countActions(ceilingDenied) === countActions(all)) return undefined;
  path.ceilingDeniedActions = actionIndices(ceilingDenied).slice(0, FULL_ADMIN_LIMITED_SHOWN).map((index) => catalogue.actionNames[index]);
  path.ceilingDeniedActionCount = countActions(ceilingDenied);
  return path;
}

function escalationPath(options: { effective: EffectiveAccess; path: EscalationPath }): AdminPath | undefined {
  const { effective, path } = options;
  let weakest: AdminGrant = "allowed";
  const limitedActions: string[] = [];
  for (const [position, index] of pathIndices({ catalogue: effective.catalogue, path }).entries()) {
    const action = path.actions[position];
    if (index === undefined) return undefined;
    const grant = grantOf({ effective, index });
    if (!grant) return undefined;
    if (grant !== "allowed") limitedActions.push(action);
    if (GRANT_ORDER.indexOf(grant) < GRANT_ORDER.indexOf(weakest)) weakest = grant;
  }
  return {
    id: path.id,
    kind: "privilege-escalation",
    description: path.description,
    actions: path.actions,
    grant: weakest,
    limitedActions,
    limitedActionCount: limitedActions.length,
  };
}

const resolvedPaths = new WeakMap<ActionCatalogue, Map<EscalationPath, (number | undefined)[]>>();

// Resolved once per catalogue: detection runs for every principal of the organisation.
function pathIndices(options: { catalogue: ActionCatalogue; path: EscalationPath }): (number | undefined)[] {
  let byPath = resolvedPaths.get(options.catalogue);
  if (!byPath) {
    byPath = new Map();
    resolvedPaths.set(options.catalogue, byPath);
  }
  let indices = byPath.get(options.path);
  if (!indices) {
    indices = options.path.actions.map((action) => findActionIndex({ catalogue: options.catalogue, action }));
    byPath.set(options.path, indices);
  }
  return indices;
}

function grantOf(options: { effective: EffectiveAccess; index: number }): AdminGrant | undefined {
  const { effective, index } = options;
  if (hasAction(effective.allowed, index)) return "allowed";
  if (hasAction(effective.partial, index)) return "partial";
  if (hasAction(effective.conditional, index)) return "conditional";
  return undefined;
}
