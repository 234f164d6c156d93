"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestOrigin } from "@/lib/audit/request-origin";
import { endUserSessions, ZSessionUserId } from "@/lib/auth/end-user-sessions";
import { requireActionUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";

/** Ends every open session of the user named in the form (admins), then shows the list again. */
export async function endUserSessionsAction(form: FormData): Promise<void> {
  const user = await requireActionUser("sessions.manage");
  const userId = ZSessionUserId.safeParse(form.get("userId"));
  if (!userId.success) redirect("/admin/sessions?problem=user");
  let ended = 0;
  try {
    ended = (await endUserSessions({ user, userId: userId.data, origin: await requestOrigin() })).ended;
  } catch (error) {
    if (!isConsoleError(error) || error.code !== "not-found") throw error;
  }
  revalidatePath("/admin/sessions");
  redirect(`/admin/sessions?ended=${ended}`);
}
