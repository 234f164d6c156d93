"use client";
import { useActionState } from "react";
import type { TAccountOption, TOrgUnitOption } from "@/lib/console/list-accounts";
import { createCampaignAction } from "../actions";
import { ScopeFields } from "../scope-fields";

export function CampaignFormClient(props: { accounts: TAccountOption[]; organizationalUnits: TOrgUnitOption[]; defaultDue: string }) {
  const [state, action, pending] = useActionState(createCampaignAction, undefined);
  return (
    <form action={action} className="panel" aria-label="New campaign">
      {state?.error && <div className="error-box" role="alert">{state.error}</div>}
      <label style={{ display: "block" }}>Name <input name="name" required minLength={3} style={{ width: "100%" }} /></label>
      <label style={{ display: "block" }}>Description <textarea name="description" rows={2} style={{ width: "100%" }} /></label>
      <label>Due date <input name="dueAt" type="date" required defaultValue={props.defaultDue} /></label>
      <ScopeFields accounts={props.accounts} organizationalUnits={props.organizationalUnits} />
      <button type="submit" disabled={pending}>{pending ? "Creating…" : "Create campaign"}</button>
    </form>
  );
}
