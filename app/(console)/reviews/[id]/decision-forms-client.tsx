"use client";
import { useActionState, useState } from "react";
import { bulkDecideAction, decideAction, signOffAction } from "../actions";

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

export function BulkDecisionClient(props: { campaignId: number; filters: Record<string, string | undefined>; matching: number }) {
  const [state, action, pending] = useActionState(bulkDecideAction, undefined);
  return (
    <form action={action} className="panel" aria-label="Bulk decision">
      <strong>Decide all {props.matching} filtered item(s)</strong>{" "}
      <input type="hidden" name="campaignId" value={props.campaignId} />
      {Object.entries(props.filters).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
      <DecisionFields idPrefix="bulk" /> <button type="submit" disabled={pending || props.matching === 0}>Apply to filtered items</button>
      <Message state={state} />
    </form>
  );
}

export function SignOffClient(props: { campaignId: number; open: number }) {
  const [state, action, pending] = useActionState(signOffAction, undefined);
  return (
    <form action={action} className="panel" aria-label="Sign off">
      <strong>Sign off</strong> <span className="muted">{props.open === 0 ? "every item is decided" : `${props.open} item(s) still open`}</span><br />
      <input type="hidden" name="campaignId" value={props.campaignId} />
      <input name="comment" aria-label="Sign-off comment" placeholder="comment" style={{ minWidth: "20rem" }} />{" "}
      <button type="submit" disabled={pending}>Sign off campaign</button>
      <Message state={state} />
    </form>
  );
}
