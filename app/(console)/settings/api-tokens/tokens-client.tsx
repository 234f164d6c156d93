"use client";
import { useActionState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

/** The create form; after a create, the secret once, with the warning that it will not be shown again. */
export function CreateTokenClient() {
  const [state, action, pending] = useActionState(createApiTokenAction, undefined);
  return (
    <form action={action} className="panel" aria-label="New API token">
      {state?.error && <div className="error-box" role="alert">{state.error}</div>}
      {state?.created && (
        <div className="panel" role="status" data-testid="new-token">
          <strong>Token “{state.created.name}” ({state.created.role}) created.</strong> Copy it now: it is shown only this once and cannot be recovered.
          <pre className="mono" data-testid="new-token-secret" style={{ userSelect: "all", overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>{state.created.secret}</pre>
          <span className="muted small">Use it as <code>Authorization: Bearer …</code>; expires {state.created.expiresAt.slice(0, 10)}.</span>
        </div>
      )}
      <label>Name <input name="name" required maxLength={80} placeholder="e.g. splunk-ingest" /></label>
      <label>Role <select name="role" defaultValue="viewer"><option value="viewer">viewer</option><option value="auditor">auditor</option></select></label>
      <label>Expires in (days) <input name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required /></label>
      <button type="submit" disabled={pending}>{pending ? "Creating…" : "Create token"}</button>
    </form>
  );
}

export function RevokeTokenClient(props: { tokenId: number; name: string }) {
  const [state, action, pending] = useActionState(revokeApiTokenAction, undefined);
  return (
    <form action={action} style={{ display: "inline" }}>
      <input type="hidden" name="tokenId" value={props.tokenId} />
      <button type="submit" className="secondary" disabled={pending} aria-label={`Revoke ${props.name}`}>{pending ? "Revoking…" : "Revoke"}</button>
      {state?.error && <span className="error-box" role="alert">{state.error}</span>}
    </form>
  );
}
