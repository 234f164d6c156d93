import { setTimeout as sleep } from "node:timers/promises";
import pLimit from "p-limit";
import { GenerateServiceLastAccessedDetailsCommand, GetServiceLastAccessedDetailsCommand } from "@aws-sdk/client-iam";
import type { GetServiceLastAccessedDetailsCommandOutput, ServiceLastAccessed } from "@aws-sdk/client-iam";
import type { TAccountCollector, TAccountContext, TPrincipalRef } from "../types";
import type { TSnapshotRecord } from "../../snapshot/types";

const MAX_POLLS = 60;

/** Principals whose data is missing or older than the configured age, oldest first, within budget. */
export function principalsToRefresh(options: {
  principals: TPrincipalRef[];
  current: Map<string, string | null>;
  maxAgeHours: number;
  budget: number;
  now: number;
}): TPrincipalRef[] {
  const cutoff = options.now - options.maxAgeHours * 3_600_000;
  const age = (p: TPrincipalRef) => {
    const stamp = options.current.get(p.id);
    return stamp ? Date.parse(stamp) : -Infinity;
  };
  return options.principals
    .filter((p) => age(p) <= cutoff)
    .sort((a, b) => age(a) - age(b))
    .slice(0, options.budget);
}

function serviceEntry(s: ServiceLastAccessed) {
  return {
    namespace: s.ServiceNamespace!,
    name: s.ServiceName ?? s.ServiceNamespace!,
    lastAuthenticated: s.LastAuthenticated?.toISOString() ?? null,
    lastAuthenticatedEntity: s.LastAuthenticatedEntity ?? null,
    lastAuthenticatedRegion: s.LastAuthenticatedRegion ?? null,
    totalAuthenticatedEntities: s.TotalAuthenticatedEntities ?? 0,
    actions: (s.TrackedActionsLastAccessed ?? [])
      .map((a) => ({ action: a.ActionName!, lastAccessed: a.LastAccessedTime?.toISOString() ?? null, region: a.LastAccessedRegion ?? null, entity: a.LastAccessedEntity ?? null }))
      .sort((x, y) => x.action.localeCompare(y.action)),
    actionLevel: s.TrackedActionsLastAccessed !== undefined,
  };
}

async function lastAccessedFor(ctx: TAccountContext, principal: TPrincipalRef): Promise<TSnapshotRecord | undefined> {
  const { JobId } = await ctx.iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: principal.arn, Granularity: "ACTION_LEVEL" }), { abortSignal: ctx.signal });
  let delay = ctx.env.ACCESS_ADVISOR_POLL_MS;
  let first: GetServiceLastAccessedDetailsCommandOutput | undefined;
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    await sleep(delay, undefined, { signal: ctx.signal });
    first = await ctx.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }), { abortSignal: ctx.signal });
    if (first.JobStatus !== "IN_PROGRESS") break;
    delay = Math.min(delay * 1.5, ctx.env.ACCESS_ADVISOR_POLL_MS * 10);
  }
  // A failed or never-finishing job keeps the principal's previous data; the next run retries it.
  if (first?.JobStatus !== "COMPLETED") return undefined;
  const services = [...(first.ServicesLastAccessed ?? [])];
  let marker = first.IsTruncated ? first.Marker : undefined;
  while (marker) {
    const next = await ctx.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId, Marker: marker }), { abortSignal: ctx.signal });
    services.push(...(next.ServicesLastAccessed ?? []));
    marker = next.IsTruncated ? next.Marker : undefined;
  }
  const used = services.filter((s) => s.LastAuthenticated).map(serviceEntry).sort((a, b) => a.namespace.localeCompare(b.namespace));
  const unused = services.filter((s) => !s.LastAuthenticated).map((s) => s.ServiceNamespace!).sort();
  return {
    kind: "iam.last-accessed", key: principal.id, name: principal.name, arn: principal.arn,
    data: {
      principalType: principal.type, granularity: "ACTION_LEVEL",
      jobCreationDate: first.JobCreationDate?.toISOString() ?? null,
      jobCompletionDate: first.JobCompletionDate?.toISOString() ?? new Date().toISOString(),
      usedServices: used, unusedServices: unused,
    },
  };
}

/**
 * Access Advisor at action level, refreshed incrementally: only principals whose data is
 * older than ACCESS_ADVISOR_MAX_AGE_HOURS, at most ACCESS_ADVISOR_BUDGET a run, a few jobs
 * at a time (looping over every role at once is what gets callers throttled).
 */
export const accessAdvisorCollector: TAccountCollector = {
  name: "access-advisor",
  kinds: ["iam.last-accessed"],
  needsPrincipals: true,
  async collect(ctx) {
    const current = new Map((await ctx.readCurrent("iam.last-accessed")).map((r) => [r.key, (r.data?.jobCompletionDate as string) ?? null]));
    const due = principalsToRefresh({
      principals: ctx.principals, current, maxAgeHours: ctx.env.ACCESS_ADVISOR_MAX_AGE_HOURS,
      budget: ctx.env.ACCESS_ADVISOR_BUDGET, now: Date.now(),
    });
    const jobs = pLimit(ctx.env.ACCESS_ADVISOR_CONCURRENCY);
    const results = await Promise.all(due.map((p) => jobs(() => lastAccessedFor(ctx, p))));
    const records = results.filter((r): r is TSnapshotRecord => Boolean(r));
    return [{ kind: "iam.last-accessed", mode: "merge", records, liveKeys: ctx.principals.map((p) => p.id) }];
  },
};
