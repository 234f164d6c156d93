import { z } from "zod";
import type { TPermission, TSessionUser } from "../auth/permissions";
import type { TRequestOrigin } from "./api-request";

export type TApiContext = { origin: TRequestOrigin; requestId: string };

/**
 * One API route: the schemas that validate its request and shape its response are the
 * ones the OpenAPI document is generated from, so the two cannot drift apart.
 */
export type TApiRoute<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> = {
  /** OpenAPI path template, e.g. /api/v1/principals/{scope}/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Checked against the permission table with the token's role; null: no token needed. */
  permission: TPermission | null;
  query: Q;
  params: P;
  response: z.ZodType;
  /** Returns plain data; Dates become ISO strings before the response schema applies. */
  run: (options: { user: TSessionUser | null; query: z.output<Q>; params: z.output<P>; context: TApiContext }) => Promise<unknown>;
};

export const NO_PARAMS = z.object({}).strict();

export function defineApiRoute<Q extends z.ZodType, P extends z.ZodType = typeof NO_PARAMS>(
  route: Omit<TApiRoute<Q, P>, "params"> & { params?: P },
): TApiRoute<Q, P> {
  return { ...route, params: (route.params ?? NO_PARAMS) as P };
}
