"use client";
import { useActionState, useState } from "react";
import { bulkDecideAction, decideAction, overrideAction, signOffAction } from "../actions";

function Message({ state }: { state: { error?: string; ok?: string } | undefined }) {
  if (state?.error) return <div className="error-box" role="alert">{state.error}</div>;
  if (state?.ok) return <div className="ok-box" role="status">{state.ok}</div>;
  return null;
}

// Controlled: React resets uncontrolled fields after a form action, which would lose the
// reviewer's choice when the server asks for a missing comment.
function DecisionFields(props: { idPrefix: string }) {
  const [decision, setDecision] = useState("keep");
  const [comment, setComment] = useState("");
  return (
    <>
      <select name="decision" aria-label="Decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
        <option value="keep">keep</option><option value="revoke">revoke</option><option value="change">change</option>
      </select>{" "}
      <input name="comment" aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="comment (required to revoke or change)" style={{ minWidth: "18rem" }} id={`${props.idPrefix}-comment`} />
    </>
  );
}

export function ItemDecisionClient(props: { campaignId: number; itemId: number }) {
  const [state, action, pending] = useActionState(decideAction, undefined);
  return (
    <form action={action} aria-label={`Decide item ${props.itemId}`}>
      <input type="hidden" name="campaignId" value={props.campaignId} /><input type="hidden" name="itemId" value={props.itemId} />
      <DecisionFields idPrefix={`item-${props.itemId}`} /> <button type="submit" disabled={pending}>Decide</button>
      <Message state={state} />
    </form>
  );
}

/** An admin's change of a decided item: a new decision and the reason, both required. */
export function OverrideClient(props: { campaignId: number; itemId: number; current: string }) {
  const [state, action, pending] = useActionState(overrideAction, undefined);
  const [decision, setDecision] = useState(props.current === "keep" ? "revoke" : "keep");
  const [reason, setReason] = useState("");
  return (
    <details className="small">
      <summary>Override (admin)</summary>
      <form action={action} aria-label={`Override item ${props.itemId}`}>
        <input type="hidden" name="campaignId" value={props.campaignId} /><input type="hidden" name="itemId" value={props.itemId} />
        <select name="decision" aria-label="Override decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
          {["keep", "revoke", "change"].filter((d) => d !== props.current).map((d) => <option key={d} value={d}>{d}</option>)}
        </select>{" "}
        <input name="reason" aria-label="Override reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="reason (required)" style={{ minWidth: "16rem" }} />{" "}
        <button type="submit" disabled={pending}>Override</button>
        <Message state={state} />
      </form>
    </details>
  );
}

export function BulkDecisionClient(props: { campaignId: number; filters: Record<string, string | undefined>; matching: number }) {
  const [state, action, pending] = useActionState(bulkDecideAction, undefined);
  return (
    <form action={action} className="panel" aria-label="Bulk decision">
      <strong>Decide the undecided among {props.matching} filtered item(s)</strong> <span className="muted small">(decided items stay as they are)</span>{" "}
      <input type="hidden" name="campaignId" value={props.campaignId} />
      {Object.entries(props.filters).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
      <DecisionFields idPrefix="bulk" /> <button type="submit" disabled={pending || props.matching === 0}>Apply to filtered items</button>
      <Message state={state} />
    </form>
  );
}

export function SignOffClient(props: { campaignId: number; open: number; decidedByYou: boolean }) {
  const [state, action, pending] = useActionState(signOffAction, undefined);
  return (
    <form action={action} className="panel" aria-label="Sign off">
      <strong>Sign off</strong> <span className="muted">{props.open === 0 ? "every item is decided" : `${props.open} item(s) still open`}</span><br />
      {props.decidedByYou && <div className="small muted" data-testid="four-eyes-note">You decided or overrode items of this campaign: someone else must sign it off (four eyes).</div>}
      <input type="hidden" name="campaignId" value={props.campaignId} />
      <input name="comment" aria-label="Sign-off comment" placeholder="comment" style={{ minWidth: "20rem" }} />{" "}
      <button type="submit" disabled={pending}>Sign off campaign</button>
      <Message state={state} />
    </form>
  );
}
