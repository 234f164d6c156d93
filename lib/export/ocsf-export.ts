import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import type { TFindingListQuery } from "../console/finding-list-query";
import { listFindings } from "../console/list-findings";
import { getDb } from "../db/client";
import { getCisReport } from "../reports/get-cis-report";
import { toOcsfComplianceFindings } from "./ocsf-compliance";
import { toOcsfDetectionFinding } from "./ocsf-findings";
import type { TOcsfComplianceFinding, TOcsfDetectionFinding } from "./ocsf-schema";

type TContext = { origin?: { ip: string | null; userAgent: string | null }; requestId?: string };

async function auditExport(options: { user: TSessionUser; targetType: string; filters: Record<string, unknown>; rows: number; context?: TContext }) {
  const { user } = options;
  await recordAuditEvent({ db: getDb().pool, event: {
    actor: { id: user.id, email: user.email, roles: user.roles }, action: "export.download", targetType: options.targetType,
    details: { filters: options.filters, rows: options.rows, format: "ocsf" }, origin: options.context?.origin, requestId: options.context?.requestId,
  } });
}

async function organizationId(): Promise<string | null> {
  const { rows } = await getDb().pool.query("SELECT key FROM snapshot_record WHERE scope = 'org' AND kind = 'org.organization' AND valid_to IS NULL LIMIT 1");
  return rows[0]?.key ?? null;
}

/** The filtered findings (every page) as OCSF Detection Findings, recorded as an export. */
export async function exportFindingsOcsf(options: { user: TSessionUser; query: TFindingListQuery; context?: TContext }): Promise<TOcsfDetectionFinding[]> {
  assertCan(options.user, "exports.download");
  const list = await listFindings({ user: options.user, query: options.query, all: true });
  const org = await organizationId();
  const events = list.rows.map((finding) => toOcsfDetectionFinding({ finding, organizationId: org, baseUrl: process.env.NEXTAUTH_URL }));
  const { page: _page, pageSize: _pageSize, ...filters } = options.query;
  await auditExport({ user: options.user, targetType: "findings-ocsf", filters, rows: events.length, context: options.context });
  return events;
}

/** The CIS results of the organization or one account as OCSF Compliance Findings, recorded as an export. */
export async function exportCisOcsf(options: { user: TSessionUser; scope: string; context?: TContext }): Promise<TOcsfComplianceFinding[]> {
  assertCan(options.user, "exports.download");
  const report = await getCisReport({ user: options.user, scope: options.scope });
  const events = toOcsfComplianceFindings({ report });
  await auditExport({ user: options.user, targetType: "cis-ocsf", filters: { scope: options.scope }, rows: events.length, context: options.context });
  return events;
}
