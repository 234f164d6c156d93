import { z } from "zod";

/** Tokens carry a read-only app role; admin and reviewer are not for machines. */
export const API_TOKEN_ROLES = ["viewer", "auditor"] as const;
export type TApiTokenRole = (typeof API_TOKEN_ROLES)[number];

export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1, "give the token a name").max(80, "names are at most 80 characters"),
  role: z.enum(API_TOKEN_ROLES, { message: "role must be viewer or auditor" }),
  expiresInDays: z.coerce.number().int("expiry is a whole number of days").min(1, "expiry is 1 to 365 days").max(365, "expiry is 1 to 365 days"),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

export type TApiTokenRow = {
  id: number; name: string; role: TApiTokenRole; hint: string; createdBy: string; createdAt: Date; expiresAt: Date;
  lastUsedAt: Date | null; revokedAt: Date | null; revokedBy: string | null; callsLast24h: number;
};

/** The caller an API token authenticates as, for the same permission checks as a console user. */
export function apiTokenActorId(tokenId: number): string {
  return `api-token:${tokenId}`;
}
