import Link from "next/link";
import type { TAccountRunRow, TRunRow } from "@/lib/runs/list-runs";

const FILTERS = [undefined, "collected", "failed", "skipped"] as const;

/** One run's accounts: status, duration, API calls, throttles, errors and data kinds the account's SCPs hid. */
export function RunAccounts({ run, accounts, status }: { run: TRunRow; accounts: TAccountRunRow[]; status?: string }) {
  return (
    <section className="panel" data-testid="run-accounts">
      <h2>Accounts in run #{run.id} <span className={`status-${run.status} small`}>{run.status}</span></h2>
      {run.error && <div className="error-box" role="alert">{run.error}</div>}
      {run.identityCenterRegion && <p className="small muted">Identity Center answered in {run.identityCenterRegion}.</p>}
      {run.orgUnavailable.length > 0 && (
        <div className="small" data-testid="org-unavailable">
          Organization data unavailable in this run:
          <ul>{run.orgUnavailable.map((u) => <li key={u.kind}><span className="mono">{u.kind}</span>: {u.code}{u.operation ? ` (${u.operation})` : ""} <span className="muted">{u.message}</span></li>)}</ul>
        </div>
      )}
      <div className="pagination">
        {FILTERS.map((filter) => filter === status
          ? <strong key={filter ?? "all"}>{filter ?? "all"}</strong>
          : <Link key={filter ?? "all"} href={`/history?run=${run.id}${filter ? `&status=${filter}` : ""}`}>{filter ?? "all"}</Link>)}
      </div>
      {accounts.length === 0 ? <p className="muted">No account of this run has that status.</p> : (
        <table>
          <thead><tr><th>Account</th><th>Status</th><th className="num">Seconds</th><th className="num">API calls</th><th className="num">Throttled</th><th>Errors and unavailable data</th></tr></thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.accountId} data-testid="account-run-row">
                <td>{a.accountName} <span className="muted small mono">{a.accountId}</span></td>
                <td><span className={`badge ${a.status === "failed" ? "bad" : a.status === "skipped" || a.status === "partial" ? "warn" : "ok"}`}>{a.status}</span></td>
                <td className="num">{a.durationMs === null ? "—" : (a.durationMs / 1000).toFixed(1)}</td>
                <td className="num">{a.apiCalls}</td>
                <td className="num">{a.throttles}</td>
                <td className="small">
                  {a.error && <div>{a.errorCode ? `${a.errorCode}: ` : ""}{a.error}</div>}
                  {a.unavailable.map((u, i) => u.code === "RecordError"
                    ? <div key={`${u.kind}-${i}`} className="muted" data-testid="record-error">record not stored: {u.message}</div>
                    : <div key={`${u.kind}-${i}`} className="muted">{u.kind} unavailable: {u.code}</div>)}
                  {!a.error && a.unavailable.length === 0 && <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
