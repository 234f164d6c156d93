// IAM Access Advisor: GenerateServiceLastAccessedDetails / GetServiceLastAccessedDetails.
// Reports every service the entity's identity policies allow, with last-access data from the model.
import type { IamUser, ServiceAccess } from "../model";
import type { AccessAdvisorJob, AccountIndex } from "../state";
import { grantsOf } from "../policy";
import { serviceName } from "../catalog/services";
import { paginate, SimError } from "../protocol/common";
import { iso } from "../ids";
import type { QueryCtx } from "./types";

interface Usage { arn: string; access: ServiceAccess[] }

/** identity-policy documents and the principals whose usage counts for an entity ARN */
function resolveEntity(idx: AccountIndex, arn: string): { docs: string[]; usage: Usage[] } | undefined {
  const m = /^arn:aws:iam::(\d{12}|aws):(user|group|role|policy)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  const [, , kind, name] = m;
  const docsOf = (managed: string[], inline: Array<{ document: string }>) => [
    ...inline.map((p) => p.document),
    ...managed.map((a) => idx.policyDocument(a)).filter((d): d is string => !!d),
  ];
  const userDocs = (u: IamUser) => {
    const docs = docsOf(u.managedPolicyArns, u.inlinePolicies);
    for (const g of u.groups) {
      const grp = idx.groupsByName.get(g);
      if (grp) docs.push(...docsOf(grp.managedPolicyArns, grp.inlinePolicies));
    }
    return docs;
  };
  if (kind === "user") {
    const u = idx.usersByName.get(name);
    return u && u.arn === arn ? { docs: userDocs(u), usage: [{ arn: u.arn, access: u.lastAccessed }] } : undefined;
  }
  if (kind === "role") {
    const r = idx.rolesByName.get(name);
    return r && r.arn === arn ? { docs: docsOf(r.managedPolicyArns, r.inlinePolicies), usage: [{ arn: r.arn, access: r.lastAccessed }] } : undefined;
  }
  if (kind === "group") {
    const g = idx.groupsByName.get(name);
    if (!g || g.arn !== arn) return undefined;
    return { docs: docsOf(g.managedPolicyArns, g.inlinePolicies), usage: (idx.groupMembers.get(g.name) ?? []).map((u) => ({ arn: u.arn, access: u.lastAccessed })) };
  }
  const doc = idx.policyDocument(arn);
  if (!doc) return undefined;
  const usage: Usage[] = [];
  const seen = new Set<string>();
  const add = (a: string, access: ServiceAccess[]) => { if (!seen.has(a)) { seen.add(a); usage.push({ arn: a, access }); } };
  for (const u of idx.account.iam.users) if (u.managedPolicyArns.includes(arn)) add(u.arn, u.lastAccessed);
  for (const g of idx.account.iam.groups) {
    if (g.managedPolicyArns.includes(arn)) for (const u of idx.groupMembers.get(g.name) ?? []) add(u.arn, u.lastAccessed);
  }
  for (const r of idx.account.iam.roles) if (r.managedPolicyArns.includes(arn)) add(r.arn, r.lastAccessed);
  return { docs: [doc], usage };
}

export function generateServiceLastAccessedDetails(ctx: QueryCtx, idx: AccountIndex) {
  const arn = ctx.params.str("Arn");
  if (!arn) throw new SimError("ValidationError", "1 validation error detected: Value null at 'arn' failed to satisfy constraint: Member must not be null");
  const granularity = ctx.params.str("Granularity") ?? "SERVICE_LEVEL";
  if (granularity !== "SERVICE_LEVEL" && granularity !== "ACTION_LEVEL") {
    throw new SimError("ValidationError", `1 validation error detected: Value '${granularity}' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]`);
  }
  if (!resolveEntity(idx, arn)) throw new SimError("NoSuchEntity", `The entity ${arn} does not exist in account ${idx.account.id}.`, 404);
  const id = ctx.state.newJobId();
  ctx.state.jobs.set(id, { id, accountId: idx.account.id, arn, granularity, created: Date.now(), polls: 0 });
  return { JobId: id };
}

function compute(job: AccessAdvisorJob, idx: AccountIndex) {
  const ent = resolveEntity(idx, job.arn)!;
  const grants = grantsOf(ent.docs);
  const out = [];
  for (const ns of [...grants.services].sort()) {
    let last: { date: string; region: string; arn: string } | undefined;
    let total = 0;
    const actionLast = new Map<string, { date: string; region: string; arn: string }>();
    for (const u of ent.usage) {
      const rec = u.access.find((a) => a.service === ns);
      if (!rec) continue;
      total++;
      if (!last || rec.date > last.date) last = { date: rec.date, region: rec.region, arn: u.arn };
      for (const a of rec.actions ?? []) {
        const cur = actionLast.get(a.action);
        if (!cur || a.date > cur.date) actionLast.set(a.action, { date: a.date, region: a.region, arn: u.arn });
      }
    }
    const tracked = job.granularity === "ACTION_LEVEL" ? grants.trackedActions.get(ns) : undefined;
    out.push({
      ServiceName: serviceName(ns),
      ServiceNamespace: ns,
      LastAuthenticated: last?.date,
      LastAuthenticatedEntity: last?.arn,
      LastAuthenticatedRegion: last?.region,
      TotalAuthenticatedEntities: total,
      TrackedActionsLastAccessed: tracked?.map((action) => {
        const a = actionLast.get(action);
        return { ActionName: action, LastAccessedEntity: a?.arn, LastAccessedTime: a?.date, LastAccessedRegion: a?.region };
      }),
    });
  }
  return out;
}

const results = new WeakMap<AccessAdvisorJob, ReturnType<typeof compute>>();

export function getServiceLastAccessedDetails(ctx: QueryCtx, idx: AccountIndex, maxItems: number) {
  const jobId = ctx.params.str("JobId");
  const job = jobId ? ctx.state.jobs.get(jobId) : undefined;
  if (!job || job.accountId !== idx.account.id) throw new SimError("NoSuchEntity", `No such job: ${jobId ?? ""}`, 404);
  job.polls++;
  const base = { JobType: job.granularity, JobCreationDate: iso(job.created) };
  if (job.completed === undefined) {
    if (job.polls <= ctx.options.accessAdvisorPendingPolls) return { JobStatus: "IN_PROGRESS", ...base, ServicesLastAccessed: [], IsTruncated: false };
    job.completed = Date.now();
  }
  let all = results.get(job);
  if (!all) { all = compute(job, idx); results.set(job, all); }
  const { page, next } = paginate(all, ctx.params.str("Marker"), maxItems, `sla:${job.id}`, () => new SimError("InvalidInput", "Invalid Marker."));
  return { JobStatus: "COMPLETED", ...base, ServicesLastAccessed: page, JobCompletionDate: iso(job.completed), IsTruncated: next !== undefined, Marker: next };
}
