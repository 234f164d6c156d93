import { listAccountRuns, listRuns } from "@/lib/runs/list-runs";

export const dynamic = "force-dynamic";

export default async function CollectionStatusPage() {
  const runs = await listRuns({ limit: 20 });
  const latest = runs[0];
  const accounts = latest ? await listAccountRuns({ runId: latest.id }) : [];
  return (
    <>
      <h1>Collection runs</h1>
      {runs.length === 0 ? <p className="muted">No collection has run yet: <code>npm run collect</code>.</p> : (
        <table>
          <thead><tr><th>Run</th><th>Status</th><th>Trigger</th><th>Started</th><th>Finished</th><th>Accounts</th><th>API calls</th><th>Throttled</th></tr></thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>{run.id}</td>
                <td className={`status-${run.status}`}>{run.status}</td>
                <td>{run.trigger}</td>
                <td>{run.startedAt.toISOString()}</td>
                <td>{run.finishedAt?.toISOString() ?? "—"}</td>
                <td>{Object.entries(run.accounts).map(([status, n]) => `${n} ${status}`).join(", ")}</td>
                <td>{run.apiCalls}</td>
                <td>{run.throttles}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {latest && (
        <>
          <h2>Accounts in run {latest.id}</h2>
          <table>
            <thead><tr><th>Account</th><th>Status</th><th>Seconds</th><th>API calls</th><th>Throttled</th><th>Errors and unavailable data</th></tr></thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.accountId}>
                  <td>{a.accountName} <span className="muted">{a.accountId}</span></td>
                  <td className={`status-${a.status}`}>{a.status}</td>
                  <td>{a.durationMs === null ? "—" : (a.durationMs / 1000).toFixed(1)}</td>
                  <td>{a.apiCalls}</td>
                  <td>{a.throttles}</td>
                  <td>
                    {a.error && <div>{a.errorCode}: {a.error}</div>}
                    {a.unavailable.map((u) => <div key={u.kind} className="muted">{u.kind}: {u.code}</div>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
