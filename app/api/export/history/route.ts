import { withRole } from "@/lib/auth/require-user";
import { getRunHistory, parseRunHistoryQuery } from "@/lib/console/get-run-history";
import { ConsoleError } from "@/lib/console/console-error";
import { auditedCsvResponse } from "@/lib/export/audited-csv";
import type { TCsvColumn } from "@/lib/export/to-csv";
import type { TAccountRunRow, TRunRow } from "@/lib/runs/list-runs";

const RUN_COLUMNS: TCsvColumn<TRunRow>[] = [
  { header: "run_id", value: (r) => r.id },
  { header: "status", value: (r) => r.status },
  { header: "trigger", value: (r) => r.trigger },
  { header: "started_at", value: (r) => r.startedAt },
  { header: "finished_at", value: (r) => r.finishedAt },
  { header: "accounts", value: (r) => Object.entries(r.accounts).map(([status, n]) => `${n} ${status}`) },
  { header: "api_calls", value: (r) => r.apiCalls },
  { header: "throttled", value: (r) => r.throttles },
  { header: "analysis_id", value: (r) => r.analysisId },
];

const ACCOUNT_COLUMNS: TCsvColumn<TAccountRunRow>[] = [
  { header: "account_id", value: (r) => r.accountId },
  { header: "account_name", value: (r) => r.accountName },
  { header: "status", value: (r) => r.status },
  { header: "seconds", value: (r) => (r.durationMs === null ? "" : (r.durationMs / 1000).toFixed(1)) },
  { header: "api_calls", value: (r) => r.apiCalls },
  { header: "throttled", value: (r) => r.throttles },
  { header: "error", value: (r) => (r.errorCode ? `${r.errorCode}: ${r.error ?? ""}` : "") },
  { header: "unavailable_data", value: (r) => r.unavailable.map((u) => `${u.kind} (${u.code})`) },
];

/** GET /api/export/history: the runs; ?run=N[&status=…]: that run's accounts, as on the history page. */
export const GET = withRole(async ({ request, user }) => {
  const query = parseRunHistoryQuery(Object.fromEntries(new URL(request.url).searchParams));
  const history = await getRunHistory({ user, query: { run: query.run, status: query.status }, limit: 10_000 });
  if (query.run === undefined) {
    return auditedCsvResponse({ user, targetType: "collection-runs", filters: {}, rows: history.runs, columns: RUN_COLUMNS, filename: "collection-runs" });
  }
  if (!history.selected) throw new ConsoleError("not-found", history.selectedError ?? `run ${query.run} does not exist`);
  return auditedCsvResponse({
    user, targetType: "collection-run-accounts", filters: { run: query.run, status: query.status }, rows: history.selected.accounts,
    columns: ACCOUNT_COLUMNS, filename: `run-${query.run}-accounts`,
  });
}, { permission: "exports.download" });
