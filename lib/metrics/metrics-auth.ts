import { timingSafeEqual } from "node:crypto";

/**
 * /api/metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; without
 * METRICS_TOKEN it is off (404), and the worker's internal port (METRICS_PORT) serves instead.
 */
export function metricsAccess(options: { authorization: string | null; token: string | undefined }): "ok" | "disabled" | "refused" {
  if (!options.token) return "disabled";
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(options.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(options.token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "refused";
}
