"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { createApiToken } from "@/lib/api/create-api-token";
import { revokeApiToken } from "@/lib/api/revoke-api-token";
import { requestOrigin } from "@/lib/audit/request-origin";
import { requireActionUser } from "@/lib/auth/require-user";
import { isConsoleError } from "@/lib/console/console-error";
import { requestIdFrom } from "@/lib/log/request-id";

export type TTokenActionState = { error?: string; created?: { name: string; role: string; expiresAt: string; secret: string } } | undefined;

async function context() {
  return { origin: await requestOrigin(), requestId: requestIdFrom(await headers()) };
}

/** Creates a token and returns its secret to this one response: it is never shown again. */
export async function createApiTokenAction(_: TTokenActionState, form: FormData): Promise<TTokenActionState> {
  try {
    const user = await requireActionUser("api.tokens.manage");
    const created = await createApiToken({ user, context: await context(), input: {
      name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") as never, expiresInDays: String(form.get("expiresInDays") ?? ""),
    } });
    revalidatePath("/settings/api-tokens");
    return { created: { name: created.name, role: created.role, expiresAt: created.expiresAt.toISOString(), secret: created.secret } };
  } catch (error) {
    if (isConsoleError(error)) return { error: error.message };
    throw error;
  }
}

export async function revokeApiTokenAction(_: TTokenActionState, form: FormData): Promise<TTokenActionState> {
  try {
    const user = await requireActionUser("api.tokens.manage");
    await revokeApiToken({ user, tokenId: z.coerce.number().int().catch(0).parse(form.get("tokenId")), context: await context() });
    revalidatePath("/settings/api-tokens");
    return undefined;
  } catch (error) {
    if (isConsoleError(error)) return { error: error.message };
    throw error;
  }
}
