"use client";
import { useActionState, useEffect, useState } from "react";
import type { TCollectionProgress } from "@/lib/console/get-collection-progress";
import { startCollectionAction, type TStartState } from "./actions";

const POLL_MS = 2_000;

/** Polls the progress route every 2 s and shows the newest run per account; the start button only for admins. */
export function CollectionProgress({ initial, canStart }: { initial: TCollectionProgress; canStart: boolean }) {
  const [progress, setProgress] = useState(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const [state, start, starting] = useActionState<TStartState, FormData>(startCollectionAction, {});
  useEffect(() => {
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/collection/progress", { cache: "no-store" });
        if (!response.ok) throw new Error(`progress: HTTP ${response.status}`);
        const next = (await response.json()) as TCollectionProgress;
        if (!cancelled) { setProgress(next); setPollError(null); }
      } catch (error) {
        if (!cancelled) setPollError(error instanceof Error ? error.message : String(error));
      }
    }, POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, []);
  const { run } = progress;
  const percent = progress.accountsTotal ? Math.round((progress.accountsDone / progress.accountsTotal) * 100) : 0;
  return (
    <>
      {canStart && (
        <form action={start} className="panel" style={{ display: "flex", gap: 12, alignItems: "center" }}>
          <button type="submit" disabled={starting || run?.status === "running"}>Start collection</button>
          <span className="small muted">Enqueues a sweep of every account; workers collect in parallel, then the snapshot is analysed.</span>
        </form>
      )}
      {state.error && <div className="error-box" role="alert">{state.error}</div>}
      {state.ok && <div className="ok-box" role="status">{state.ok}</div>}
      {pollError && <div className="error-box">{pollError}</div>}
      {progress.queuedSweeps > 0 && <div className="panel small" data-testid="queued">{progress.queuedSweeps} collection(s) queued, waiting for a worker.</div>}
      {!run ? <p className="muted">No collection has run yet.</p> : (
        <section className="panel" data-testid="collection-progress">
          <h2>Run #{run.id} <span className={`status-${run.status}`} data-testid="run-status">{run.status}</span></h2>
          <p className="small">
            {progress.accountsDone} of {progress.accountsTotal} accounts done <span className="bar" style={{ width: `${percent * 2}px` }} /> {percent}%
            {" · "}trigger {run.trigger} · started {run.startedAt.slice(0, 19).replace("T", " ")} UTC
            {run.finishedAt && <> · finished {run.finishedAt.slice(0, 19).replace("T", " ")} UTC</>}
            {progress.analysis && <> · analysis #{progress.analysis.id} {progress.analysis.status}</>}
          </p>
          <table>
            <thead><tr><th>Account</th><th>Status</th><th className="num">API calls</th><th className="num">Throttled</th><th className="num">Retries</th><th className="num">Seconds</th><th>Error</th></tr></thead>
            <tbody>
              {progress.accounts.map((a) => (
                <tr key={a.accountId}>
                  <td>{a.accountName} <span className="muted small mono">{a.accountId}</span></td>
                  <td><span className={`badge ${a.status === "failed" ? "bad" : a.status === "succeeded" ? "ok" : "warn"}`}>{a.status}</span></td>
                  <td className="num">{a.apiCalls}</td>
                  <td className="num">{a.throttles}</td>
                  <td className="num">{a.retries}</td>
                  <td className="num">{a.durationMs === null ? "—" : (a.durationMs / 1000).toFixed(1)}</td>
                  <td className="small">{a.error ? `${a.errorCode ? `${a.errorCode}: ` : ""}${a.error}` : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
