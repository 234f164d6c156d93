"use server";
import { requestOrigin } from "@/lib/audit/request-origin";
import { requireActionUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { startCollection } from "@/lib/console/start-collection";

export type TStartState = { error?: string; ok?: string };

/** Admins only: enqueue an organization sweep (audited as collection.start). */
export async function startCollectionAction(_previous: TStartState, _form: FormData): Promise<TStartState> {
  try {
    const user = await requireActionUser("collection.start");
    const { jobId } = await startCollection({ user, origin: await requestOrigin() });
    return { ok: `collection queued (job ${jobId ?? "deduplicated"}); a worker picks it up and the progress below updates` };
  } catch (error) {
    if (isConsoleError(error)) return { error: error.message };
    throw error;
  }
}
