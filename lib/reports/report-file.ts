import "server-only";
import type pg from "pg";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { ConsoleError } from "../console/console-error";

/** A rendered export, ready to send. */
export type TReportFile = { body: Buffer | string; contentType: string; filename: string; rows: number };

export type TRequestOrigin = { ip: string | null; userAgent: string | null };

export const CONTENT_TYPES = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type TReportFormat = keyof typeof CONTENT_TYPES;

/** The requested format, or a ConsoleError naming the ones this report offers. */
export function parseFormat<F extends TReportFormat>(options: { value: string | null; allowed: readonly F[] }): F {
  const value = options.value ?? options.allowed[0];
  if (!(options.allowed as readonly string[]).includes(value)) {
    throw new ConsoleError("invalid", `format must be one of ${options.allowed.join(", ")} (got "${value}")`);
  }
  return value as F;
}

/** Every download lands in the audit trail: who took which report, in what format, how many rows. */
export async function recordReportDownload(options: {
  pool: pg.Pool; user: TSessionUser; origin?: TRequestOrigin; report: string; targetId: string; format: TReportFormat; filters: Record<string, unknown>; rows: number;
}): Promise<void> {
  const { user } = options;
  await recordAuditEvent({
    db: options.pool,
    event: {
      actor: { id: user.id, email: user.email, roles: user.roles },
      action: "export.download",
      targetType: `report.${options.report}`,
      targetId: options.targetId,
      details: { report: options.report, format: options.format, filters: options.filters, rows: options.rows },
      origin: options.origin,
    },
  });
}

export function fileResponse(file: TReportFile): Response {
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
