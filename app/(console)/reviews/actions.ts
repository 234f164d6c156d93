"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActionUser } from "@/lib/auth/require-user";
import { requestOrigin } from "@/lib/audit/request-origin";
import { asConsoleError } from "@/lib/console/console-error";
import { getDb } from "@/lib/db/client";
import { createCampaign } from "@/lib/reviews/create-campaign";
import { createSchedule, setScheduleActive } from "@/lib/reviews/manage-schedules";
import { overrideDecision } from "@/lib/reviews/override-decision";
import { recordDecision } from "@/lib/reviews/record-decision";
import { signOffCampaign } from "@/lib/reviews/sign-off-campaign";
import { ZItemFilters } from "@/lib/reviews/review-schemas";
import type { TPermission } from "@/lib/auth/permissions";

export type TActionState = { error?: string; ok?: string } | undefined;
// Bounded to Postgres's integer so an out-of-range id is a message, not a database error.
const zId = z.coerce.number().int().positive().max(2_147_483_647);

/** Runs a use case, turning bad input and a ConsoleError into the form's message and keeping other errors loud. */
async function attempt(permission: TPermission, run: (user: Awaited<ReturnType<typeof requireActionUser>>) => Promise<TActionState>): Promise<TActionState> {
  try {
    return await run(await requireActionUser(permission));
  } catch (error) {
    const known = asConsoleError(error);
    if (known) return { error: known.message };
    throw error;
  }
}

/** "123456789012 = owner@example.com" per line. */
function parseMapping(text: string): Record<string, string> | string {
  const mapping: Record<string, string> = {};
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const match = /^\s*(\S+)\s*[=:,]\s*(\S+)\s*$/.exec(line);
    if (!match) return `reviewer mapping line ${n + 1}: write "accountId = email"`;
    mapping[match[1]] = match[2];
  }
  return mapping;
}

function scopeAndReviewers(form: FormData) {
  const mapping = parseMapping(String(form.get("mapping") ?? ""));
  if (typeof mapping === "string") return { error: mapping };
  return {
    scope: { accountIds: form.getAll("accountIds").map(String), ouIds: form.getAll("ouIds").map(String), kinds: form.getAll("kinds").map(String), only: String(form.get("only") ?? "all") },
    reviewers: { ownerTag: String(form.get("ownerTag") ?? ""), mapping, fallback: String(form.get("fallback") ?? "") },
  };
}

export async function createCampaignAction(_: TActionState, form: FormData): Promise<TActionState> {
  let campaignId = 0;
  const state = await attempt("reviews.manage", async (user) => {
    const parts = scopeAndReviewers(form);
    if ("error" in parts) return { error: parts.error };
    const due = String(form.get("dueAt") ?? "");
    const created = await createCampaign({
      pool: getDb().pool, user, origin: await requestOrigin(),
      input: { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? ""), scope: parts.scope, reviewers: parts.reviewers, dueAt: due ? `${due}T23:59:59Z` : "" },
    });
    campaignId = created.campaignId;
    return undefined;
  });
  if (state) return state;
  revalidatePath("/reviews");
  redirect(`/reviews/${campaignId}`);
}

export async function decideAction(_: TActionState, form: FormData): Promise<TActionState> {
  return attempt("reviews.decide", async (user) => {
    const campaignId = zId.parse(form.get("campaignId"));
    const itemId = zId.parse(form.get("itemId"));
    await recordDecision({ pool: getDb().pool, user, campaignId, target: { itemIds: [itemId] }, decision: String(form.get("decision") ?? ""), comment: String(form.get("comment") ?? ""), origin: await requestOrigin() });
    revalidatePath(`/reviews/${campaignId}`);
    return { ok: `decided: ${form.get("decision")}` };
  });
}

export async function overrideAction(_: TActionState, form: FormData): Promise<TActionState> {
  return attempt("reviews.override", async (user) => {
    const campaignId = zId.parse(form.get("campaignId"));
    const itemId = zId.parse(form.get("itemId"));
    const result = await overrideDecision({ pool: getDb().pool, user, campaignId, itemId, decision: String(form.get("decision") ?? ""), reason: String(form.get("reason") ?? ""), origin: await requestOrigin() });
    revalidatePath(`/reviews/${campaignId}`);
    return { ok: `overridden: ${result.previous.decision} → ${result.decision}` };
  });
}

export async function bulkDecideAction(_: TActionState, form: FormData): Promise<TActionState> {
  return attempt("reviews.decide", async (user) => {
    const campaignId = zId.parse(form.get("campaignId"));
    const filters = ZItemFilters.parse(Object.fromEntries(["account", "state", "kind", "adminOnly", "reviewer"].map((k) => [k, form.get(k) || undefined])));
    const result = await recordDecision({ pool: getDb().pool, user, campaignId, target: { filters }, decision: String(form.get("decision") ?? ""), comment: String(form.get("comment") ?? ""), origin: await requestOrigin() });
    revalidatePath(`/reviews/${campaignId}`);
    const skipped = result.skippedOwnAccess.length ? `; skipped ${result.skippedOwnAccess.length} item(s) that are your own access (segregation of duties): ${result.skippedOwnAccess.map((s) => s.principalName).join(", ")}` : "";
    const decidedAlready = result.skippedDecided ? `; ${result.skippedDecided} decided item(s) left as they are` : "";
    return { ok: `${result.decided.length} item(s) decided${decidedAlready}${skipped}` };
  });
}

export async function signOffAction(_: TActionState, form: FormData): Promise<TActionState> {
  return attempt("reviews.signoff", async (user) => {
    const campaignId = zId.parse(form.get("campaignId"));
    const result = await signOffCampaign({ pool: getDb().pool, user, campaignId, comment: String(form.get("comment") ?? ""), origin: await requestOrigin() });
    revalidatePath(`/reviews/${campaignId}`);
    return { ok: `signed off: ${result.items} item(s), ${result.remediations} remediation(s)` };
  });
}

export async function createScheduleAction(_: TActionState, form: FormData): Promise<TActionState> {
  return attempt("reviews.manage", async (user) => {
    const parts = scopeAndReviewers(form);
    if ("error" in parts) return { error: parts.error };
    const first = String(form.get("firstRunAt") ?? "");
    await createSchedule({
      pool: getDb().pool, user, origin: await requestOrigin(),
      input: { name: String(form.get("name") ?? ""), scope: parts.scope, reviewers: parts.reviewers, everyMonths: String(form.get("everyMonths") ?? ""), dueDays: String(form.get("dueDays") ?? ""), firstRunAt: first ? `${first}T00:00:00Z` : "" },
    });
    revalidatePath("/reviews");
    return { ok: "schedule created" };
  });
}

export async function setScheduleActiveAction(form: FormData): Promise<void> {
  const user = await requireActionUser("reviews.manage");
  await setScheduleActive({ pool: getDb().pool, user, scheduleId: zId.parse(form.get("scheduleId")), active: form.get("active") === "true", origin: await requestOrigin() });
  revalidatePath("/reviews");
}
