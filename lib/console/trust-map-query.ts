import { z } from "zod";
import { firstValues, toQueryString, zAccountId, type TRawSearchParams } from "./search-params";

/** External party kinds the map can show; services only when asked for (every account has dozens). */
export const TRUST_PARTY_KINDS = ["external-account", "any-principal", "saml", "oidc", "service", "identity-center"] as const;
export type TTrustPartyKind = (typeof TRUST_PARTY_KINDS)[number];
export const DEFAULT_PARTY_KINDS: TTrustPartyKind[] = ["external-account", "any-principal", "saml", "oidc"];

/** The trust map's URL state. */
export const ZTrustMapQuery = z.object({
  ou: z.string().regex(/^(ou|r)-[a-z0-9-]+$/).optional().catch(undefined),
  /** One party kind; absent: every kind but services and Identity Center. */
  party: z.enum(TRUST_PARTY_KINDS).optional().catch(undefined),
  /** "1": only trusts from outside the organization (no account-to-account edges). */
  external: z.enum(["1"]).optional().catch(undefined),
  account: zAccountId.optional().catch(undefined),
});
export type TTrustMapQuery = z.infer<typeof ZTrustMapQuery>;

export function parseTrustMapQuery(raw: TRawSearchParams | URLSearchParams): TTrustMapQuery {
  return ZTrustMapQuery.parse(firstValues(raw));
}

export function trustMapHref(query: Partial<TTrustMapQuery>, overrides: Partial<TTrustMapQuery> = {}): string {
  return `/trust-map${toQueryString({ values: query, defaults: {}, overrides })}`;
}
