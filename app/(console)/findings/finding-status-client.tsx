"use client";
import { useActionState, useState } from "react";
import { acceptFindingAction, reopenFindingAction, type TFindingActionState } from "./actions";

/** Accept (reason + end date) or reopen one finding; rendered only for users who may. */
export function FindingStatusActions({ findingId, status, title }: { findingId: number; status: string; title: string }) {
  const [open, setOpen] = useState(false);
  // Controlled, so a refused submission keeps what was typed (React resets uncontrolled fields after an action).
  const [reason, setReason] = useState("");
  const [until, setUntil] = useState("");
  const [acceptState, accept, accepting] = useActionState<TFindingActionState, FormData>(acceptFindingAction, {});
  const [reopenState, reopen, reopening] = useActionState<TFindingActionState, FormData>(reopenFindingAction, {});
  if (status === "accepted") {
    return (
      <form action={reopen}>
        <input type="hidden" name="findingId" value={findingId} />
        <button type="submit" className="secondary" disabled={reopening} aria-label={`Reopen ${title}`}>Reopen</button>
        {reopenState.error && <div className="error-box" role="alert">{reopenState.error}</div>}
      </form>
    );
  }
  if (status !== "open") return null;
  if (!open) return <button type="button" className="secondary" onClick={() => setOpen(true)} aria-label={`Accept ${title}`}>Accept…</button>;
  return (
    <form action={accept} style={{ display: "grid", gap: 6, minWidth: 240 }} aria-label={`Accept finding ${findingId}`}>
      <input type="hidden" name="findingId" value={findingId} />
      <label className="small">Reason (at least 10 characters)
        <textarea name="reason" rows={2} style={{ width: "100%" }} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="small">Accepted until (at most 366 days)
        <input type="date" name="until" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <div style={{ display: "flex", gap: 6 }}>
        <button type="submit" disabled={accepting}>Accept risk</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
      {acceptState.error && <div className="error-box" role="alert">{acceptState.error}</div>}
    </form>
  );
}
