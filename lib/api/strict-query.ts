import { z } from "zod";

/**
 * The API form of a console list's URL schema. The console falls back to a default when a
 * hand-edited URL holds a bad value (`.catch`); an API client should hear about it instead.
 * Each `.catch(v)` becomes `.default(v)` (or `.optional()` for `.catch(undefined)`), and
 * unknown parameters are refused, so a typo is a 400 naming the parameter.
 */
export function strictQuery<T extends z.ZodObject>(schema: T, overrides: z.ZodRawShape = {}): z.ZodType<z.output<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (field instanceof z.ZodCatch) {
      const fallback = field.def.catchValue({ error: undefined as never, input: undefined, value: undefined } as never);
      const inner = field.unwrap() as z.ZodType;
      shape[key] = fallback === undefined ? inner.optional() : inner.default(fallback as never);
    } else shape[key] = field as z.ZodType;
  }
  // Same output type as the console's schema: only the handling of bad input differs.
  return z.object({ ...shape, ...overrides }).strict() as unknown as z.ZodType<z.output<T>>;
}

/** Page parameters of every API list: any size up to 200 (the console offers a few fixed sizes). */
export const API_PAGING = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe("1-based page number"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe("rows per page, at most 200"),
};
