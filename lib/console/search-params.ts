import { z } from "zod";

// List state lives in the URL. These helpers turn Next's searchParams into plain records
// for the zod schemas, and a parsed query back into a query string that leaves defaults out
// (so links stay short and equal states have equal URLs).

export type TRawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each parameter; blank values count as absent. */
export function firstValues(raw: TRawSearchParams | URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "" && !(key in out)) out[key] = first.trim();
  }
  return out;
}

/** The query string of `values` (with `overrides` applied) minus parameters equal to `defaults`. */
export function toQueryString(options: {
  values: Record<string, unknown>;
  defaults: Record<string, unknown>;
  overrides?: Record<string, unknown>;
}): string {
  const merged = { ...options.values, ...options.overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "") continue;
    if (options.defaults[key] !== undefined && String(options.defaults[key]) === String(value)) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

// Shared field schemas: lenient where a bad value can only come from a hand-edited URL
// (fall back to the default), strict where the value selects data.
export const zPage = z.coerce.number().int().min(1).max(1_000_000).catch(1);
export const zPageSize = z.coerce.number().int().refine((n) => [25, 50, 100, 200].includes(n)).catch(50);
export const zDirection = z.enum(["asc", "desc"]).catch("asc");
export const zAccountId = z.string().regex(/^\d{12}$/, "account ids are 12 digits");
export const zSearch = z.string().trim().max(200).optional();
/** A serial id from a URL: a positive integer that fits Postgres's integer, so no bad value reaches the query. */
export const zSerialId = z.coerce.number().int().min(1).max(2_147_483_647);

/** ILIKE pattern matching `text` anywhere, with LIKE wildcards in the input taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
