"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { acceptFinding, reopenFinding } from "@/lib/analysis/store/accept-finding";
import { requestOrigin } from "@/lib/audit/request-origin";
import { requireActionUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { getDb } from "@/lib/db/client";

export type TFindingActionState = { error?: string; ok?: string };

// Bounded to Postgres's integer so an out-of-range id is a message, not a database error.
const NOT_A_FINDING = "findingId: not a finding";
const ZFindingId = z.coerce.number(NOT_A_FINDING).int(NOT_A_FINDING).min(1, NOT_A_FINDING).max(2_147_483_647, NOT_A_FINDING);
const ZAcceptForm = z.object({
  findingId: ZFindingId,
  reason: z.string().trim().min(10, "reason: give a reason of at least 10 characters"),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "until: pick the date the acceptance ends"),
});

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid input";
}

/** Accepts a finding's risk (admins and auditors): reason and end date required, audited as finding.accept. */
export async function acceptFindingAction(_previous: TFindingActionState, form: FormData): Promise<TFindingActionState> {
  try {
    const user = await requireActionUser("findings.accept");
    const parsed = ZAcceptForm.safeParse({ findingId: form.get("findingId"), reason: form.get("reason") ?? "", until: form.get("until") ?? "" });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    await acceptFinding({
      pool: getDb().pool,
      input: { findingId: parsed.data.findingId, reason: parsed.data.reason, until: new Date(`${parsed.data.until}T00:00:00Z`), acceptedBy: user.email ?? user.id },
      audit: { actor: { id: user.id, email: user.email, roles: user.roles }, origin: await requestOrigin() },
    });
    revalidateLists();
    return { ok: `accepted until ${parsed.data.until}` };
  } catch (error) {
    if (isConsoleError(error)) return { error: error.message };
    throw error;
  }
}

/** Ends an acceptance early (admins and auditors), audited as finding.reopen. */
export async function reopenFindingAction(_previous: TFindingActionState, form: FormData): Promise<TFindingActionState> {
  try {
    const user = await requireActionUser("findings.accept");
    const parsed = ZFindingId.safeParse(form.get("findingId"));
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    await reopenFinding({ pool: getDb().pool, findingId: parsed.data, audit: { actor: { id: user.id, email: user.email, roles: user.roles }, origin: await requestOrigin() } });
    revalidateLists();
    return { ok: "reopened" };
  } catch (error) {
    if (isConsoleError(error)) return { error: error.message };
    throw error;
  }
}

function revalidateLists() {
  revalidatePath("/findings");
  revalidatePath("/unused");
}
