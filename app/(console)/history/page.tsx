import Link from "next/link";
import { EmptyState } from "../../_components/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/require-user";
import { getRunHistory, parseRunHistoryQuery } from "@/lib/console/get-run-history";
import type { TRawSearchParams } from "@/lib/console/search-params";
import { RunAccounts } from "./run-accounts";
import { SnapshotDiff } from "./snapshot-diff";

const time = (date: Date | null) => (date ? date.toISOString().slice(0, 19).replace("T", " ") : "—");

export default async function HistoryPage({ searchParams }: { searchParams: Promise<TRawSearchParams> }) {
  const user = await requirePageUser("collection.read");
  const query = parseRunHistoryQuery(await searchParams);
  const history = await getRunHistory({ user, query });
  const analysed = history.runs.filter((r) => r.analysisId !== null);
  return (
    <>
      <div className="page-head">
        <h1>Snapshot history</h1>
        {can(user, "exports.download") && (
          <span>
            <a href="/api/export/history" className="button secondary" data-testid="runs-export">Export runs CSV</a>
            {history.selected && <> <a href={`/api/export/history?run=${history.selected.run.id}${query.status ? `&status=${query.status}` : ""}`} className="button secondary" data-testid="run-accounts-export">Export run #{history.selected.run.id} CSV</a></>}
          </span>
        )}
      </div>
      {history.runs.length === 0 ? <EmptyState title="No collection has run yet" testId="history-empty">History starts with the first collection: an admin starts one from the Collection page, or the worker runs the scheduled sweep (COLLECT_SCHEDULE).</EmptyState> : (
        <table data-testid="run-table">
          <thead><tr><th>Run</th><th>Status</th><th>Trigger</th><th>Started (UTC)</th><th>Finished (UTC)</th><th>Accounts</th><th className="num">API calls</th><th className="num">Throttled</th><th>Analysis</th></tr></thead>
          <tbody>
            {history.runs.map((run) => (
              <tr key={run.id} data-testid="run-row" aria-selected={run.id === history.selected?.run.id}>
                <td><Link href={`/history?run=${run.id}`}>#{run.id}</Link></td>
                <td className={`status-${run.status}`}>{run.status}{run.prunedAt && <span className="small muted" title={`snapshot pruned by retention on ${run.prunedAt.toISOString().slice(0, 10)}`}> (pruned)</span>}</td>
                <td>{run.trigger}</td>
                <td>{time(run.startedAt)}</td>
                <td>{time(run.finishedAt)}</td>
                <td className="small">{Object.entries(run.accounts).map(([status, n]) => `${n} ${status}`).join(", ") || "—"}</td>
                <td className="num">{run.apiCalls}</td>
                <td className="num">{run.throttles}</td>
                <td className="small">{run.analysisId ? `#${run.analysisId}` : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.selectedError && <div className="error-box" role="alert">{history.selectedError}</div>}
      {history.selected && <RunAccounts run={history.selected.run} accounts={history.selected.accounts} status={query.status} />}
      <h2>Compare two snapshots</h2>
      <form className="filters" method="get" aria-label="Compare snapshots">
        <label>From run
          <select name="from" defaultValue={String(query.from ?? analysed[1]?.id ?? analysed[0]?.id ?? "")}>
            {history.runs.map((r) => <option key={r.id} value={r.id}>#{r.id} {r.status}{r.prunedAt ? " (pruned)" : r.analysisId ? "" : " (not analysed)"}</option>)}
          </select>
        </label>
        <label>To run
          <select name="to" defaultValue={String(query.to ?? analysed[0]?.id ?? "")}>
            {history.runs.map((r) => <option key={r.id} value={r.id}>#{r.id} {r.status}{r.prunedAt ? " (pruned)" : r.analysisId ? "" : " (not analysed)"}</option>)}
          </select>
        </label>
        {query.run !== undefined && <input type="hidden" name="run" value={query.run} />}
        {query.status && <input type="hidden" name="status" value={query.status} />}
        <button type="submit">Compare</button>
      </form>
      {history.diffError && <div className="error-box" role="alert" data-testid="diff-error">{history.diffError}</div>}
      {history.diff && <SnapshotDiff diff={history.diff} />}
    </>
  );
}
