import { findActionIndex, hasAction, summarizeAccess, type EffectiveAccess } from "../../policy";
import type { TLastAccessedService, TPrincipal } from "../model";
import { compactActions, grantedReadActions } from "./compact-actions";

export type TSuggestedPolicy = {
  Version: "2012-10-17";
  Statement: Array<{ Sid: string; Effect: "Allow"; Action: string[]; Resource: "*" }>;
};

export type TKeptService = {
  service: string;
  basis: "action-level" | "service-level";
  actions: string[];
  lastUsed: string;
  explanation: string;
};

export type TDroppedService = {
  service: string;
  // only-denied-attempts: every action used in the window is one the principal is not
  // granted (Access Advisor counts denied attempts too).
  reason: "not-used-in-window" | "never-used" | "only-denied-attempts";
  lastUsed: string | null;
};

export type TLeastPrivilegeSuggestion = {
  // null when there is no last-accessed data to base a suggestion on.
  document: TSuggestedPolicy | null;
  basedOn: { jobCompletionDate: string | null; windowDays: number; dataAgeDays: number | null };
  keptServices: TKeptService[];
  droppedServices: TDroppedService[];
  notes: string[];
};

const DAY_MS = 86_400_000;

// A least-privilege policy from Access Advisor data: the actions used within the window for
// services tracked per action, the granted List/Read actions for services tracked only per
// service (nothing says which writes were used, and guessing writes would grant too much),
// and nothing for services not used in the window. Resources stay "*": Access Advisor does
// not say which resources were touched. The window ends at the data's own completion date,
// so stale data shrinks nothing that was not observed.
export function suggestLeastPrivilege(options: { principal: TPrincipal; effective: EffectiveAccess; asOf: string; windowDays: number }): TLeastPrivilegeSuggestion {
  const { principal, effective, windowDays } = options;
  const data = principal.lastAccessed;
  const grantedServices = summarizeAccess({ effective }).services.map((service) => service.service);
  if (!data) {
    return {
      document: null, basedOn: { jobCompletionDate: null, windowDays, dataAgeDays: null }, keptServices: [],
      droppedServices: [], notes: ["No last-accessed data was collected for this principal; nothing to base a suggestion on."],
    };
  }
  const completed = Date.parse(data.jobCompletionDate);
  const windowStart = completed - windowDays * DAY_MS;
  const dataAgeDays = Math.max(0, Math.floor((Date.parse(options.asOf) - completed) / DAY_MS));
  const usedByService = new Map(data.usedServices.map((service) => [service.namespace.toLowerCase(), service]));
  const recent = (date: string | null) => date !== null && Date.parse(date) >= windowStart;
  const kept: TKeptService[] = [];
  const dropped: TDroppedService[] = [];
  for (const service of grantedServices) {
    const usage = usedByService.get(service);
    if (!usage || !recent(usage.lastAuthenticated)) {
      dropped.push({ service, reason: usage?.lastAuthenticated ? "not-used-in-window" : "never-used", lastUsed: usage?.lastAuthenticated ?? null });
      continue;
    }
    const entry = keepService({ usage, effective, recent });
    if (entry) kept.push(entry);
    else dropped.push({ service, reason: "only-denied-attempts", lastUsed: usage.lastAuthenticated });
  }
  const notes = [
    `Based on Access Advisor data completed ${data.jobCompletionDate} (${dataAgeDays} days before ${options.asOf}); use after that date is not reflected.`,
  ];
  if (windowDays > 400) notes.push("AWS keeps at least 400 days of last-accessed data; a longer window may miss older use.");
  const statements = kept.filter((entry) => entry.actions.length > 0);
  const document: TSuggestedPolicy = {
    Version: "2012-10-17",
    Statement: statements.map((entry) => ({ Sid: sidOf(entry), Effect: "Allow", Action: entry.actions, Resource: "*" })),
  };
  if (document.Statement.length === 0) notes.push("Nothing granted was used within the window: the principal may need no permissions at all.");
  if (JSON.stringify(document).length > 6_144) notes.push("The suggestion exceeds the 6,144-character managed policy limit; split it or narrow it further.");
  return { document, basedOn: { jobCompletionDate: data.jobCompletionDate, windowDays, dataAgeDays }, keptServices: kept, droppedServices: dropped, notes };
}

function keepService(options: { usage: TLastAccessedService; effective: EffectiveAccess; recent: (date: string | null) => boolean }): TKeptService | null {
  const { usage, effective } = options;
  const service = usage.namespace.toLowerCase();
  const lastUsed = usage.lastAuthenticated!;
  if (usage.actionLevel) {
    const used = usage.actions
      .filter((entry) => options.recent(entry.lastAccessed))
      .map((entry) => (entry.action.includes(":") ? entry.action : `${service}:${entry.action}`));
    const actions = used.filter((action) => isGranted({ effective, action }));
    if (actions.length > 0) {
      return { service, basis: "action-level", actions: [...new Set(actions)].sort(), lastUsed, explanation: "actions used within the window" };
    }
    if (used.length > 0) return null;
  }
  const actions = compactActions({ catalogue: effective.catalogue, service, actions: grantedReadActions({ effective, service }) });
  const why = usage.actionLevel
    ? "used within the window, but only through actions Access Advisor does not track: kept its granted List and Read actions"
    : "tracked per service only: kept its granted List and Read actions; add writes the principal is known to need";
  return { service, basis: "service-level", actions, lastUsed, explanation: why };
}

function isGranted(options: { effective: EffectiveAccess; action: string }): boolean {
  const index = findActionIndex({ catalogue: options.effective.catalogue, action: options.action });
  // Newer than the catalogue: it was used, so it exists; keep it rather than guess.
  if (index === undefined) return true;
  const { allowed, partial, conditional } = options.effective;
  return hasAction(allowed, index) || hasAction(partial, index) || hasAction(conditional, index);
}

function sidOf(entry: TKeptService): string {
  const name = entry.service.replace(/[^A-Za-z0-9]/g, "");
  return `${entry.basis === "action-level" ? "Used" : "ReadOnly"}${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
